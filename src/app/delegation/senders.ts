// The owner's view of who sends their campaigns: each invited colleague's status as the Senders
// tab and the campaign's current content say (Active, Invited, Needs re-approval, Revoked,
// Declined, Needs reconnect when their hourly tick stopped running).
import { contentFingerprint } from '../../core/campaign';
import { ownerStatus, type SenderStatus } from '../../core/delegation/grants';
import { readPausedStatus } from '../../core/replies/pause';
import type { Ports } from '../../ports';
import { getCampaign } from '../campaigns';
import type { SenderStatusView } from '../views';
import { loadInvites, readSenders } from './records';

const ADVICE: Record<SenderStatus, string> = {
  Active: '',
  Invited: 'Waiting for them to open the invitation in Gmail and press Authorize.',
  'Needs re-approval':
    'You changed the messages: they were asked by mail to approve the new version.',
  Revoked: 'They revoked: invite them again, or choose another sender.',
  Declined: 'They declined: choose another sender.',
  'Needs reconnect':
    'Their Baton has not run for hours (access removed or Baton uninstalled): ask them to open Baton in Gmail and turn sending on.',
};

/** The colleagues this owner invited for one campaign, from the campaign's Senders tab. */
export function senderStatuses(ports: Ports, campaignId: string): SenderStatusView[] {
  const campaign = getCampaign(ports, campaignId);
  const invites = loadInvites(ports.store).filter((i) => i.campaignId === campaignId);
  const waiting: SenderStatusView[] = invites
    .filter((i) => i.pending)
    .map((i) => ({
      name: i.name,
      email: i.email,
      status: 'Invited',
      advice: 'The invitation goes out within a few minutes.',
      lastRun: '',
    }));
  const mine = new Set(invites.filter((i) => !i.pending).map((i) => i.reference));
  if (mine.size === 0) return waiting;
  const fingerprint = contentFingerprint(campaign);
  const now = ports.clock.now();
  const listed = readSenders(ports, campaign.spreadsheetId)
    .filter((row) => row.campaignId === campaignId && mine.has(row.reference))
    .map((row): SenderStatusView => {
      const paused = readPausedStatus(row.status);
      if (paused)
        return {
          name: row.name,
          email: row.email,
          status: 'Paused',
          advice: paused.reason,
          lastRun: row.lastRun,
        };
      const status = ownerStatus(row, fingerprint, now);
      return {
        name: row.name,
        email: row.email,
        status,
        advice: ADVICE[status],
        lastRun: row.lastRun,
      };
    });
  return [...waiting, ...listed];
}
