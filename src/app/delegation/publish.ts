// The owner's side after any change to a campaign (steps, sender, settings, launch, pause, end):
// queue, then publish a freshly signed record to each invited colleague's Senders row, and ask a colleague
// whose approval the change outdated to review it again (one mail per approved version).
import { contentFingerprint, type Campaign } from '../../core/campaign';
import { INVITATION_HEADER, recordOf, reviewHeaderValue } from '../../core/delegation/grants';
import { readPausedStatus, resumedStatus } from '../../core/replies/pause';
import { decodeReplyState } from '../../core/replies/state';
import type { Ports } from '../../ports';
import { queuePublish } from './queue';
import {
  iso,
  loadInvites,
  mailColleague,
  readSenders,
  recipientCount,
  saveInvites,
  signRecord,
  writeSenderCells,
  type Invite,
} from './records';

/** Statuses whose row no longer listens: the colleague declined or revoked. */
const CLOSED = new Set(['Revoked', 'Declined']);

/**
 * After any change the owner makes: queues a publication when colleagues were invited for this
 * campaign (one property read otherwise). The outbox publishes a minute later; meanwhile a
 * colleague's tick can only send what they already approved.
 */
export function publishToSenders(ports: Ports, campaign: Campaign): void {
  if (loadInvites(ports.store).some((i) => i.campaignId === campaign.id && !i.pending))
    queuePublish(ports, campaign.id);
}

/** Publishes the campaign to every colleague it was handed to (the outbox runs this). */
export function publishNow(ports: Ports, campaign: Campaign): void {
  const invites = loadInvites(ports.store);
  const mine = invites.filter((i) => i.campaignId === campaign.id && !i.pending);
  if (mine.length === 0) return;
  const rows = readSenders(ports, campaign.spreadsheetId);
  const now = ports.clock.now();
  const fingerprint = contentFingerprint(campaign);
  const recipients = recipientCount(ports, campaign);
  const sawPause = decodeReplyState(ports.store.readAll()).ownerSawPause;
  for (const invite of mine) {
    const row = rows.find((r) => r.reference === invite.reference);
    if (!row || CLOSED.has(row.status)) continue;
    invite.version = Math.max(now, invite.version + 1);
    const signed = signRecord(
      ports,
      invite.secret,
      recordOf(campaign, invite.email, invite, invite.version, recipients),
    );
    writeSenderCells(ports, campaign.spreadsheetId, row.row, 'Record', [
      signed.record,
      signed.signature,
    ]);
    // The owner resumed a campaign that the colleague's mailbox paused (and the owner's tick saw
    // paused): the row tells their tick to send again.
    const paused = readPausedStatus(row.status);
    if (paused && campaign.state === 'running' && sawPause[campaign.id] === paused.at)
      writeSenderCells(ports, campaign.spreadsheetId, row.row, 'Status', [
        resumedStatus(now),
        iso(now),
      ]);
    const outdated = row.approved !== '' && row.approved !== fingerprint;
    if (outdated && row.status === 'Active')
      writeSenderCells(ports, campaign.spreadsheetId, row.row, 'Status', [
        'Needs re-approval',
        iso(now),
      ]);
    if (outdated && invite.notifiedFor !== row.approved) {
      askToReview(ports, campaign, invite);
      invite.notifiedFor = row.approved;
    }
  }
  saveInvites(ports.store, invites);
}

/** The mail from the owner asking the colleague to look again before anything new is sent. */
function askToReview(ports: Ports, campaign: Campaign, invite: Invite): void {
  mailColleague(
    ports,
    { email: invite.email, name: invite.name },
    `Please review the changes to "${campaign.name}" in Baton`,
    [
      `I changed the messages of "${campaign.name}", which Baton sends from your mailbox for me.`,
      'Nothing new goes out in your name until you approve the new version:',
      '',
      '1. Open Baton in Gmail (the side panel). This mail shows the changes too.',
      '2. Read the new messages and press Approve changes — or Revoke to stop.',
    ],
    { [INVITATION_HEADER]: reviewHeaderValue(campaign.id) },
  );
}
