// What the hourly trigger runs for its user: settle interrupted sends, scan replies, check grants,
// send, refresh dashboards; under one user lock, with the user's store read once.
import type { Ports, UserLock } from '../ports';
import { combineHolds, grantGate } from './delegation/gate';
import { refreshDashboards } from './replies/metrics';
import { scanReplies } from './replies/scan';
import {
  runSendingTick,
  settleInterruptedSends,
  TICK_BUDGET_MS,
  TIME_LIMIT_HOLD,
  type TickReport,
} from './sending';
import { ReadOnceStore } from './store';

/** Dashboards are refreshed only while the execution is this far from its 6-minute end. */
const DASHBOARD_DEADLINE_MS = 5 * 60_000 + 20_000;
const LOCK_WAIT_MS = 5_000;

/** The tick's own lock, taken once: the stages it runs find it held. */
const HELD: UserLock = { tryAcquire: () => true, release: () => {} };

export function runTick(ports: Ports): TickReport {
  const started = ports.clock.now();
  if (!ports.lock.tryAcquire(LOCK_WAIT_MS))
    return { status: 'busy', sent: 0, reconciled: 0, campaigns: [] };
  try {
    // Card actions may write the store meanwhile; each save writes only the keys it changed.
    const tick: Ports = { ...ports, lock: HELD, store: new ReadOnceStore(ports.store) };
    // First, so that the scan knows every thread a cut-off send started.
    const settled = settleInterruptedSends(tick);
    const scan = scanReplies(tick);
    console.log(`Baton reply scan: ${JSON.stringify(scan.report)}`);
    // Colleague campaigns send only while their grant and the owner's signed record allow it;
    // grants are read fresh, not from the tick's snapshot: the gate saves them back, and a
    // revoke from a card must neither be overwritten nor miss the very next send.
    const holds = combineHolds(scan.holds, grantGate({ ...ports, lock: HELD }));
    const budget = started + TICK_BUDGET_MS - ports.clock.now();
    const report = runSendingTick(tick, budget, holds);
    report.reconciled += settled;
    console.log(`Baton tick: ${JSON.stringify(report)}`);
    // A run its time budget cut short leaves dashboards whose only news is sends to the next
    // run that finishes its work (a backlog ends with one): its time is the sends'.
    const cutShort = report.campaigns.some((c) => c.held === TIME_LIMIT_HOLD);
    const changed = [
      ...scan.report.loggedCampaigns,
      ...(cutShort ? [] : report.campaigns.filter((c) => c.sent > 0).map((c) => c.campaignId)),
    ];
    const dashboards = refreshDashboards(tick, new Set(changed), started + DASHBOARD_DEADLINE_MS);
    if (dashboards.length > 0) console.log(`Baton dashboards: ${dashboards.join(' ')}`);
    return report;
  } finally {
    ports.lock.release();
  }
}
