// The owner's delegation queue: what card actions leave for the outbox (src/app/delegation/
// outbox.ts), and the one-shot trigger that runs it. Kept apart so that the campaign use cases can
// queue work without depending on the outbox itself.
import type { Ports } from '../../ports';
import { delegationOf, loadList } from './records';

export const OUTBOX_HANDLER = 'onDelegationOutbox';
export const OUTBOX_DELAY_MS = 60_000;
export const PUBLISH_KEY = 'baton.publish';

/** Starts the outbox soon, unless a run is already waiting. */
export function scheduleOutbox(ports: Ports): void {
  if (!ports.triggers.handlers().includes(OUTBOX_HANDLER))
    delegationOf(ports).soon.runSoon(OUTBOX_HANDLER, OUTBOX_DELAY_MS);
}

/** Notes that a campaign must be published to its colleagues again. */
export function queuePublish(ports: Ports, campaignId: string): void {
  const queued = publishQueue(ports);
  if (!queued.includes(campaignId))
    ports.store.write({ [PUBLISH_KEY]: JSON.stringify([...queued, campaignId]) });
  scheduleOutbox(ports);
}

export function publishQueue(ports: Ports): string[] {
  return loadList<string>(ports.store, PUBLISH_KEY);
}
