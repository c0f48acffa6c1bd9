// What the hourly trigger runs for its user: the sending tick (the reply scan joins it here).
import type { Ports } from '../ports';
import { combineHolds, grantGate } from './delegation/gate';
import { scanReplies } from './replies/scan';
import { runSendingTick, type TickReport } from './sending';

export function runTick(ports: Ports): TickReport {
  const scan = scanReplies(ports);
  console.log(`Baton reply scan: ${JSON.stringify(scan.report)}`);
  // Colleague campaigns send only while their grant and the owner's signed record allow it.
  const holds = combineHolds(scan.holds, grantGate(ports));
  const report = runSendingTick(ports, undefined, holds);
  console.log(`Baton tick: ${JSON.stringify(report)}`);
  return report;
}
