// What the hourly trigger runs for its user: the sending tick (the reply scan joins it here).
import type { Ports } from '../ports';
import { runSendingTick, type TickReport } from './sending';

export function runTick(ports: Ports): TickReport {
  const report = runSendingTick(ports);
  console.log(`Baton tick: ${JSON.stringify(report)}`);
  return report;
}
