// The owner's delegation work that is too slow for a card action (30 s, and Baton aims at 3):
// sharing the spreadsheet, opening the Senders row, mailing the invitation, and publishing a
// changed campaign to its colleagues. Card actions queue it; a one-shot trigger runs it a minute
// later as the owner.
import type { Ports } from '../../ports';
import { getCampaign } from '../campaigns';
import { deliverInvitation } from './invite';
import { publishNow } from './publish';
import { OUTBOX_HANDLER, PUBLISH_KEY, publishQueue, scheduleOutbox } from './queue';
import { loadInvites } from './records';

export interface OutboxReport {
  invited: number;
  published: number;
  errors: string[];
}

/** What the one-shot trigger runs: pending invitations first, then queued publications. */
const LOCK_WAIT_MS = 10_000;

export function runDelegationOutbox(ports: Ports): OutboxReport {
  ports.triggers.removeAll(OUTBOX_HANDLER);
  const report: OutboxReport = { invited: 0, published: 0, errors: [] };
  if (!ports.lock.tryAcquire(LOCK_WAIT_MS)) {
    scheduleOutbox(ports);
    return report;
  }
  try {
    for (const invite of loadInvites(ports.store).filter((i) => i.pending)) {
      try {
        deliverInvitation(ports, invite);
        report.invited++;
      } catch (error) {
        report.errors.push(`Invitation to ${invite.email}: ${(error as Error).message}`);
      }
    }
    const queue = publishQueue(ports);
    ports.store.write({}, [PUBLISH_KEY]);
    for (const campaignId of queue) {
      try {
        publishNow(ports, getCampaign(ports, campaignId));
        report.published++;
      } catch (error) {
        report.errors.push(`Publishing ${campaignId}: ${(error as Error).message}`);
      }
    }
  } finally {
    ports.lock.release();
  }
  console.log(`Baton delegation outbox: ${JSON.stringify(report)}`);
  return report;
}
