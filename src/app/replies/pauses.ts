// Telling the owner about a campaign Baton paused because its mail bounced for a reason on the
// sending side: one mail from the pausing mailbox, a notice on the owner's home card, and — when
// a colleague's mailbox paused its copy — the owner's campaign paused too, so that the owner sees
// it and resumes it (docs/replies.md, "A bounce caused by the sender's side").
import type { Campaign } from '../../core/campaign';
import { readPausedStatus } from '../../core/replies/pause';
import { decodeReplyState, type ReplyState } from '../../core/replies/state';
import type { Ports } from '../../ports';
import type { NoticeView } from '../views';
import { StoreSession } from '../store';
import { mailColleague, readSenders } from '../delegation/records';
import type { ReplyStateSession } from './state';

export interface PauseContext {
  ports: Ports;
  session: StoreSession;
  replyState: ReplyStateSession;
  report: { errors: string[]; paused: string[] };
}

const lower = (text: string) => text.trim().toLowerCase();

/** The header that marks Baton's mail about a pause (a person filtering their mail can use it). */
export const NOTICE_HEADER = 'X-Baton-Notice';

/**
 * Sends the queued mails to campaign owners, each once; one that cannot go now (the mailbox may
 * be the one over its limit) stays queued for the next tick.
 */
export function sendPauseNotices(ctx: PauseContext): void {
  const state = ctx.replyState.state;
  if (state.notices.length === 0) return;
  const kept: ReplyState['notices'] = [];
  for (const notice of state.notices) {
    try {
      mailColleague(
        ctx.ports,
        { email: notice.to, name: notice.to.split('@')[0] },
        notice.subject,
        notice.lines,
        {
          [NOTICE_HEADER]: `paused:${notice.campaignId}`,
        },
      );
    } catch (error) {
      kept.push(notice);
      ctx.report.errors.push(`Mail to ${notice.to} not sent yet: ${(error as Error).message}`);
    }
  }
  state.notices = kept;
  ctx.replyState.save();
}

/**
 * The owner's tick: a colleague's mailbox that paused its copy of one of the owner's campaigns
 * says so in its Senders row; the owner's campaign is paused too (once per such pause), so that
 * the owner's cards show it with Resume, and resuming tells the colleague's tick to go on
 * (app/delegation/publish.ts). One Senders read per spreadsheet with colleague campaigns.
 */
export function learnColleaguePauses(ctx: PauseContext): void {
  if (!ctx.ports.delegation) return;
  const me = lower(ctx.ports.identity.email());
  const state = ctx.replyState.state;
  const watched = [...ctx.session.data.campaigns.values()].filter(
    (c) => lower(c.owner) === me && c.sender.kind === 'colleague' && c.state === 'running',
  );
  if (watched.length === 0) return;
  const bySheet = new Map<string, Campaign[]>();
  for (const c of watched)
    bySheet.set(c.spreadsheetId, [...(bySheet.get(c.spreadsheetId) ?? []), c]);
  let changed = false;
  bySheet.forEach((campaigns, spreadsheetId) => {
    let rows: ReturnType<typeof readSenders>;
    try {
      rows = readSenders(ctx.ports, spreadsheetId);
    } catch (error) {
      ctx.report.errors.push(`Senders tab not read: ${(error as Error).message}`);
      return;
    }
    for (const campaign of campaigns) {
      const sender = lower(campaign.sender.email);
      for (const row of rows) {
        if (row.campaignId !== campaign.id || lower(row.email) !== sender) continue;
        const pause = readPausedStatus(row.status);
        if (!pause || state.ownerSawPause[campaign.id] === pause.at) continue;
        campaign.state = 'paused';
        state.pauses[campaign.id] = pause.reason;
        state.ownerSawPause[campaign.id] = pause.at;
        ctx.report.paused.push(campaign.id);
        changed = true;
        break;
      }
    }
  });
  if (!changed) return;
  ctx.session.save();
  ctx.replyState.save();
}

/** The home card's word on each campaign of this user that Baton paused, and why. */
export function pauseNotices(ports: Ports): NoticeView[] {
  const all = ports.store.readAll();
  const { pauses } = decodeReplyState(all);
  if (Object.keys(pauses).length === 0) return [];
  const session = new StoreSession({ readAll: () => all, write: () => undefined });
  const me = lower(ports.identity.email());
  const notices: NoticeView[] = [];
  session.data.campaigns.forEach((campaign) => {
    const reason = pauses[campaign.id];
    if (campaign.state !== 'paused' || !reason) return;
    // A colleague sees the pause of their copy too, but the owner is the one who resumes.
    const who =
      lower(campaign.owner) === me
        ? ''
        : ` Only its owner, ${campaign.owner}, can resume it: Baton told them by mail.`;
    notices.push({ tone: 'error', text: `“${campaign.name}” is paused. ${reason}${who}` });
  });
  return notices;
}
