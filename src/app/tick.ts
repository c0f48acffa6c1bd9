// What the hourly trigger runs for its user: the sending tick (the reply scan joins it here).
import type { Ports } from '../ports';
import { combineHolds, grantGate } from './delegation/gate';
import { refreshDashboards } from './replies/metrics';
import { scanReplies } from './replies/scan';
import { runSendingTick, settleInterruptedSends, type TickReport } from './sending';

/** Dashboards are refreshed only while the execution is this far from its 6-minute end. */
const DASHBOARD_DEADLINE_MS = 5 * 60_000 + 15_000;

export function runTick(ports: Ports): TickReport {
  const started = ports.clock.now();
  // First, so that the scan knows every thread a cut-off send started.
  const settled = settleInterruptedSends(ports);
  const scan = scanReplies(ports);
  console.log(`Baton reply scan: ${JSON.stringify(scan.report)}`);
  // Colleague campaigns send only while their grant and the owner's signed record allow it.
  const holds = combineHolds(scan.holds, grantGate(ports));
  const report = runSendingTick(ports, undefined, holds);
  report.reconciled += settled;
  console.log(`Baton tick: ${JSON.stringify(report)}`);
  const changed = [
    ...scan.report.loggedCampaigns,
    ...report.campaigns.filter((c) => c.sent > 0).map((c) => c.campaignId),
  ];
  const dashboards = refreshDashboards(ports, new Set(changed), started + DASHBOARD_DEADLINE_MS);
  if (dashboards.length > 0) console.log(`Baton dashboards: ${dashboards.join(' ')}`);
  return report;
}
