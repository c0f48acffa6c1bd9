// The sending tick (hourly, per sender, as that sender): reconcile any send a crash interrupted,
// then for each campaign this mailbox serves send what is due, exactly once, within the window,
// the daily cap, the recipient quota and the time budget, and write the status columns back.
import { campaignLabel, type Campaign } from '../core/campaign';
import { BatonError, isBatonError } from '../core/errors';
import { composeMessage } from '../core/message/compose';
import { mergeStep, missingReason } from '../core/merge';
import { readRoster, type Candidate, type Roster } from '../core/roster';
import { localDay } from '../core/schedule';
import { dueFor, NEW_PROGRESS, type Progress } from '../core/sequence';
import {
  batonKey,
  emptyProgress,
  storeWarning,
  type CampaignProgress,
  type PendingSend,
} from '../core/store';
import type { Ports, SentMessage } from '../ports';
import type { SendHolds } from './replies/holds';
import { statusBlock, type RowNotes } from './status';
import { StoreSession } from './store';
import { ThreadRoots } from './thread-roots';

/**
 * Apps Script ends a trigger's execution at 6 minutes: a tick's sends stop starting this long
 * (less FINISH_MARGIN_MS) after it started, leaving time for the status columns, the store and
 * the dashboards.
 */
export const TICK_BUDGET_MS = 5 * 60_000 + 30_000;
/** Time kept back for writing the status columns and the store after the last send. */
const FINISH_MARGIN_MS = 30_000;
const LOCK_WAIT_MS = 5_000;
/** Why a step due now waits for the next run: the tick's time is up. */
export const TIME_LIMIT_HOLD = 'next run (time limit).';
/**
 * Sends whose intents are saved together, in one write, before the first of them goes out: 120
 * first steps (60 characters each, with their address) fit one 8,000-character chunk of the store.
 */
const INTENT_BATCH = 120;
/**
 * An interrupted send is looked for in Sent mail from this long before its intent was saved (the
 * store keeps the intent's minute, rounded down).
 */
const SENT_SEARCH_SLACK_MS = 2 * 60_000;

export interface CampaignTickReport {
  campaignId: string;
  sent: number;
  /** Why sending stopped early for this campaign (cap, quota, time), if it did. */
  held?: string;
  error?: string;
}

export interface TickReport {
  status: 'ran' | 'busy';
  sent: number;
  /** Pending sends of an earlier, interrupted execution that were settled. */
  reconciled: number;
  campaigns: CampaignTickReport[];
  storeWarning?: string;
}

/** Everything one tick shares between campaigns. */
interface TickContext {
  ports: Ports;
  session: StoreSession;
  deadline: number;
  quotaLeft?: number;
  /** The reply scan's word on candidates (out-of-office deferrals, reply status). */
  holds?: SendHolds;
}

/** A step that is due, merged, and within every limit: it goes into the next batch of intents. */
interface PlannedSend {
  candidate: Candidate;
  current: Progress;
  merged: { subject: string; text: string; html: string };
  pending: PendingSend;
}

/**
 * Settles what an interrupted execution left pending, under the user lock, before anything else
 * of the tick: the reply scan can only attribute a bounce or a reply to a thread the store knows,
 * and a send that a kill cut off before its record is known only once it is reconciled.
 */
export function settleInterruptedSends(ports: Ports): number {
  if (!ports.lock.tryAcquire(LOCK_WAIT_MS)) return 0;
  try {
    const session = new StoreSession(ports.store);
    const settled = reconcilePending({ ports, session, deadline: ports.clock.now() });
    session.save();
    return settled;
  } finally {
    ports.lock.release();
  }
}

export function runSendingTick(
  ports: Ports,
  budgetMs = TICK_BUDGET_MS,
  holds?: SendHolds,
): TickReport {
  const deadline = ports.clock.now() + budgetMs;
  if (!ports.lock.tryAcquire(LOCK_WAIT_MS))
    return { status: 'busy', sent: 0, reconciled: 0, campaigns: [] };
  try {
    const session = new StoreSession(ports.store);
    const ctx: TickContext = { ports, session, deadline, holds };
    const reconciled = reconcilePending(ctx);
    const campaigns: CampaignTickReport[] = [];
    const served = servedCampaigns(ctx);
    for (const campaign of served) campaigns.push(runCampaign(ctx, campaign));
    session.save();
    return {
      status: 'ran',
      sent: campaigns.reduce((n, c) => n + c.sent, 0),
      reconciled,
      campaigns,
      storeWarning: storeWarning(session.bytes()),
    };
  } finally {
    ports.lock.release();
  }
}

/** Campaigns whose sender is this mailbox (its own address or one of its aliases). */
function servedCampaigns(ctx: TickContext): Campaign[] {
  const all = [...ctx.session.data.campaigns.values()].filter((c) => c.state !== 'draft');
  const me = ctx.ports.identity.email().toLowerCase();
  const needAliases = all.some((c) => c.sender.email.toLowerCase() !== me);
  const mine = new Set(
    (needAliases ? ctx.ports.mailbox.sendAsAddresses() : [me]).map((a) => a.toLowerCase()),
  );
  return all.filter((c) => mine.has(c.sender.email.toLowerCase()));
}

function progressOf(ctx: TickContext, campaignId: string): CampaignProgress {
  const all = ctx.session.data.progress;
  let progress = all.get(campaignId);
  if (!progress) all.set(campaignId, (progress = emptyProgress()));
  return progress;
}

function recordSent(ctx: TickContext, pending: PendingSend, threadId: string, at: number) {
  const candidates = progressOf(ctx, pending.campaignId).candidates;
  const before = candidates.get(pending.candidate) ?? NEW_PROGRESS;
  if (before.sent >= pending.step) return;
  candidates.set(pending.candidate, {
    sent: pending.step,
    state: before.state,
    // Rounded up: a stored time never makes the next delay shorter than it is.
    lastSentAt: Math.ceil(at / 60_000) * 60_000,
    threadId: threadId || before.threadId,
  });
}

/**
 * Settles the sends an interrupted execution left pending, from what the mailbox shows: every
 * intent whose message is in Sent mail (found by its X-Baton-Key) is recorded as sent; the others
 * never reached Gmail and are dropped, to be decided again from scratch. Nothing is resent blindly.
 */
function reconcilePending(ctx: TickContext): number {
  const pending = ctx.session.data.pending;
  if (pending.length === 0) return 0;
  const since = Math.min(...pending.map((p) => p.at)) - SENT_SEARCH_SLACK_MS;
  // Only what was sent to the pending sends' candidates is read: campaign mail.
  const recipients = [...new Set(pending.map((p) => p.email).filter(Boolean))];
  const found = ctx.ports.mailbox.batonMessagesSentSince(since, recipients);
  const sent = new Map(found.map((m) => [m.batonKey, m] as const));
  for (const p of pending) {
    const message = sent.get(p.key);
    if (message) recordSent(ctx, p, message.threadId, message.date || ctx.ports.clock.now());
  }
  const count = pending.length;
  pending.length = 0;
  ctx.session.save();
  return count;
}

function runCampaign(ctx: TickContext, campaign: Campaign): CampaignTickReport {
  const report: CampaignTickReport = { campaignId: campaign.id, sent: 0 };
  let roster: Roster;
  try {
    roster = readRoster(
      ctx.ports.sheets.readTab(campaign.spreadsheetId, campaign.tabName),
      campaign.emailHeader,
    );
  } catch (error) {
    report.error = errorText(error);
    return report;
  }
  const notes: RowNotes = new Map();
  if (campaign.state === 'running') {
    const newThreads: string[] = [];
    const roots = new ThreadRoots(ctx.ports, campaign);
    try {
      sendDue(ctx, campaign, roster, notes, report, newThreads, roots);
      // A run that sent nothing has time: it prepares the follow-ups of later runs.
      if (report.sent === 0 && !report.held) readAhead(ctx, campaign, roots);
    } finally {
      labelQuietly(ctx, newThreads, campaign);
      roots.record();
    }
  }
  ctx.holds?.annotate(campaign, roster, progressOf(ctx, campaign.id), notes, ctx.ports.clock.now());
  try {
    const block = statusBlock(
      campaign,
      roster,
      progressOf(ctx, campaign.id),
      notes,
      ctx.ports.clock.now(),
    );
    ctx.ports.sheets.writeBlock(
      campaign.spreadsheetId,
      campaign.tabName,
      1,
      roster.statusColumn,
      block,
    );
  } catch (error) {
    report.error = errorText(error);
  }
  if (campaign.state === 'ended' && !report.error) retire(ctx, campaign.id);
  return report;
}

/** An ended campaign leaves the store once its final statuses are in the sheet. */
function retire(ctx: TickContext, campaignId: string): void {
  ctx.session.data.campaigns.delete(campaignId);
  ctx.session.data.progress.delete(campaignId);
}

function sendDue(
  ctx: TickContext,
  campaign: Campaign,
  roster: Roster,
  notes: RowNotes,
  report: CampaignTickReport,
  newThreads: string[],
  roots: ThreadRoots,
): void {
  const progress = progressOf(ctx, campaign.id);
  const today = localDay(ctx.ports.clock.now(), campaign.settings.timeZone);
  if (progress.day !== today) {
    progress.day = today;
    progress.sentToday = 0;
  }
  const suppressed = ctx.session.data.suppressed;
  let batch: PlannedSend[] = [];
  for (const candidate of roster.candidates) {
    const current = progress.candidates.get(candidate.key) ?? NEW_PROGRESS;
    if (suppressed.has(candidate.key) && current.state === 'active') {
      notes.set(candidate.row, 'Suppressed: this address opted out or bounced before.');
      continue;
    }
    const now = ctx.ports.clock.now();
    const due = dueFor(campaign, current, now, candidate.timeZone ?? campaign.settings.timeZone);
    if (due.kind !== 'send') continue;
    const deferred = ctx.holds?.holdReason(campaign, candidate.key, now);
    if (deferred) {
      notes.set(candidate.row, deferred);
      continue;
    }
    const held = holdReason(ctx, campaign, progress, batch.length);
    if (held) {
      report.held = report.held ?? held;
      notes.set(candidate.row, `Step ${due.step} due: ${held}`);
      continue;
    }
    const merged = mergeStep(campaign, due.step, candidate.vars);
    if (merged.missing.length > 0) {
      notes.set(candidate.row, missingReason(merged.missing));
      continue;
    }
    const pending: PendingSend = {
      key: batonKey(campaign.id, candidate.key, due.step),
      campaignId: campaign.id,
      candidate: candidate.key,
      step: due.step,
      at: now,
      email: candidate.email,
    };
    batch.push({ candidate, current, merged, pending });
    if (batch.length === INTENT_BATCH) {
      sendBatch(ctx, campaign, batch, notes, report, newThreads, roots);
      batch = [];
    }
  }
  sendBatch(ctx, campaign, batch, notes, report, newThreads, roots);
}

/**
 * Why nothing more may be sent now: time budget, recipient quota, daily cap. `planned` sends are
 * already in the batch being gathered and count against the quota and the cap.
 */
function holdReason(
  ctx: TickContext,
  campaign: Campaign,
  progress: CampaignProgress,
  planned: number,
) {
  if (ctx.ports.clock.now() > ctx.deadline - FINISH_MARGIN_MS) return TIME_LIMIT_HOLD;
  if (ctx.quotaLeft === undefined) ctx.quotaLeft = ctx.ports.mailbox.remainingRecipientQuota();
  if (ctx.quotaLeft - planned < 1)
    return "tomorrow (the mailbox's daily sending quota is used up).";
  if (progress.sentToday + planned >= campaign.settings.dailyCap)
    return `tomorrow (daily cap of ${campaign.settings.dailyCap} reached).`;
  return undefined;
}

/**
 * One batch of the exactly-once protocol (docs/sending.md): the intents of every send in it are
 * saved in one write (with what the previous batch recorded), then each is sent and recorded in
 * memory; the next write, or the end of the tick, saves those records.
 */
function sendBatch(
  ctx: TickContext,
  campaign: Campaign,
  batch: PlannedSend[],
  notes: RowNotes,
  report: CampaignTickReport,
  /** Receives the message id of a first step: its new thread is labelled after the sends. */
  newThreads: string[],
  roots: ThreadRoots,
): void {
  if (batch.length === 0) return;
  const pendingList = ctx.session.data.pending;
  pendingList.push(...batch.map((b) => b.pending));
  ctx.session.save();
  const progress = progressOf(ctx, campaign.id);
  /** The send under way: if it fails unexpectedly, its intent stays for the next tick to settle. */
  let inFlight: PendingSend | undefined;
  try {
    for (const [index, planned] of batch.entries()) {
      const { candidate, pending } = planned;
      const now = ctx.ports.clock.now();
      const late = now > ctx.deadline - FINISH_MARGIN_MS ? TIME_LIMIT_HOLD : undefined;
      // A colleague may revoke at any moment: their grant is read again right before each send.
      const deferred =
        late || campaign.sender.kind !== 'colleague'
          ? undefined
          : ctx.holds?.holdReason(campaign, candidate.key, now);
      if (late || deferred) {
        if (late) report.held = report.held ?? late;
        notes.set(candidate.row, deferred ?? `Step ${pending.step} due: ${late}`);
        continue;
      }
      const thread = planned.current.threadId;
      // Every follow-up answers the first step: its Message-ID, from the tab or Gmail.
      if (thread && !roots.has(thread))
        roots.lookUp(batch.slice(index).map((b) => b.current.threadId));
      inFlight = pending;
      try {
        const sent = sendOne(ctx, campaign, planned, thread ? roots.rootOf(thread) : '');
        recordSent(ctx, pending, sent.threadId, ctx.ports.clock.now());
        ctx.quotaLeft = (ctx.quotaLeft ?? 1) - 1;
        progress.sentToday++;
        report.sent++;
        if (pending.step === 1) newThreads.push(sent.id);
      } catch (error) {
        if (!isBatonError(error)) throw error;
        notes.set(candidate.row, error.message);
      }
      inFlight = undefined;
    }
  } finally {
    // Every intent of the batch leaves the list — recorded, refused, held or never attempted (it
    // is decided again from scratch) — but the one whose send failed unexpectedly.
    const leaving = new Set(batch.map((b) => b.pending).filter((p) => p !== inFlight));
    ctx.session.data.pending = pendingList.filter((p) => !leaving.has(p));
  }
}

/** Roots read ahead per run, at most: ten batch reads. */
const READ_AHEAD_THREADS = 500;

/**
 * Reads the roots the candidates' next follow-ups will need, so that the run that sends them,
 * maybe a full one, spends its Gmail units and its time on sends.
 */
function readAhead(ctx: TickContext, campaign: Campaign, roots: ThreadRoots): void {
  const waiting: string[] = [];
  progressOf(ctx, campaign.id).candidates.forEach((p) => {
    if (p.state === 'active' && p.threadId && p.sent < campaign.steps.length)
      waiting.push(p.threadId);
  });
  const unknown = waiting.filter((thread) => !roots.has(thread)).slice(0, READ_AHEAD_THREADS);
  const perRead = ctx.ports.mailbox.headerReadsPerCall;
  for (let i = 0; i < unknown.length; i += perRead) {
    if (ctx.ports.clock.now() > ctx.deadline - FINISH_MARGIN_MS) return;
    roots.lookUp(unknown.slice(i, i + perRead));
  }
}

/** Composes and sends one step; a follow-up whose first message is gone starts a new thread. */
function sendOne(
  ctx: TickContext,
  campaign: Campaign,
  { candidate, current, merged, pending }: PlannedSend,
  rootMessageId: string,
): SentMessage {
  const threadId = rootMessageId ? current.threadId : '';
  const raw = composeMessage({
    from: { email: campaign.sender.email, name: campaign.sender.name },
    to: { email: candidate.email },
    subject: merged.subject,
    text: merged.text,
    html: merged.html,
    inReplyTo: rootMessageId || undefined,
    references: rootMessageId ? [rootMessageId] : [],
    extraHeaders: { 'X-Baton-Key': pending.key },
    boundary: `=_baton_${pending.key}`,
  });
  return ctx.ports.mailbox.send({ raw, threadId: threadId || undefined });
}

/**
 * Labels the threads a campaign's first steps opened this tick, in one call. The label is for
 * people (Baton finds its threads through the store); a failure to label must not undo a send.
 */
function labelQuietly(ctx: TickContext, messageIds: string[], campaign: Campaign): void {
  if (messageIds.length === 0) return;
  const progress = progressOf(ctx, campaign.id);
  // The launch made the label in the owner's mailbox; a colleague's mailbox finds its own.
  const known =
    progress.labelId ?? (campaign.sender.kind === 'colleague' ? undefined : campaign.labelId);
  try {
    progress.labelId = ctx.ports.mailbox.labelMessages(messageIds, campaignLabel(campaign), known);
  } catch (error) {
    console.log(`Baton: could not label ${messageIds.length} new threads: ${errorText(error)}`);
  }
}

function errorText(error: unknown): string {
  if (error instanceof BatonError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
