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
import type { Ports, SentMessageHeaders } from '../ports';
import type { SendHolds } from './replies/holds';
import { statusBlock, type RowNotes } from './status';
import { StoreSession } from './store';

/** Apps Script ends a trigger's execution at 6 minutes: stop sending well before. */
export const TICK_BUDGET_MS = 4 * 60_000 + 30_000;
/** Time kept back for writing the status columns and the store after the last send. */
const FINISH_MARGIN_MS = 30_000;
const LOCK_WAIT_MS = 5_000;

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

/** Finds the message a pending send produced, if Gmail sent it. */
function findSent(ctx: TickContext, pending: PendingSend): SentMessageHeaders | undefined {
  const { mailbox } = ctx.ports;
  const found = pending.threadId
    ? mailbox.batonMessagesInThread(pending.threadId)
    : mailbox.findSentByKey(pending.key, pending.email);
  return found.find((m) => m.batonKey === pending.key);
}

/**
 * Settles the sends an interrupted execution left pending, from what the mailbox shows: a draft
 * that still exists was never sent (it is deleted, and the step is decided again); a draft that is
 * gone was sent if its message is found. Nothing is ever resent blindly.
 */
function reconcilePending(ctx: TickContext): number {
  const { mailbox } = ctx.ports;
  const pending = ctx.session.data.pending;
  if (pending.length === 0) return 0;
  const count = pending.length;
  for (const p of [...pending]) {
    if (p.sent) recordSent(ctx, p, p.sent.threadId, p.sent.at);
    else if (p.draftId && mailbox.draftExists(p.draftId)) mailbox.deleteDraft(p.draftId);
    else {
      // The draft is gone, or its id was never saved (the intent is the one write before a
      // send): the step went out exactly when the mailbox shows its message.
      const sent = findSent(ctx, p);
      if (sent) recordSent(ctx, p, sent.threadId, sent.date || ctx.ports.clock.now());
      else if (p.draftId) markFailed(ctx, p);
      else
        for (const orphan of mailbox.findDraftsByKey(p.key, p.email)) mailbox.deleteDraft(orphan);
    }
    pending.splice(pending.indexOf(p), 1);
    ctx.session.save();
  }
  return count;
}

/** A draft that vanished without a sent message: someone deleted it. Do not guess; ask a person. */
function markFailed(ctx: TickContext, pending: PendingSend): void {
  const candidates = progressOf(ctx, pending.campaignId).candidates;
  const before = candidates.get(pending.candidate) ?? NEW_PROGRESS;
  candidates.set(pending.candidate, { ...before, state: 'failed' });
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
    try {
      sendDue(ctx, campaign, roster, notes, report, newThreads);
    } finally {
      labelQuietly(ctx, newThreads, campaignLabel(campaign));
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
): void {
  const progress = progressOf(ctx, campaign.id);
  const today = localDay(ctx.ports.clock.now(), campaign.settings.timeZone);
  if (progress.day !== today) {
    progress.day = today;
    progress.sentToday = 0;
  }
  const suppressed = ctx.session.data.suppressed;
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
    const held = holdReason(ctx, campaign, progress);
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
    try {
      sendStep(ctx, campaign, candidate, current, due.step, merged, newThreads);
      progress.sentToday++;
      report.sent++;
    } catch (error) {
      if (isBatonError(error)) notes.set(candidate.row, error.message);
      else throw error;
    }
  }
}

/** Why nothing more may be sent now: time budget, recipient quota, daily cap. */
function holdReason(ctx: TickContext, campaign: Campaign, progress: CampaignProgress) {
  if (ctx.ports.clock.now() > ctx.deadline - FINISH_MARGIN_MS) return 'next run (time limit).';
  if (ctx.quotaLeft === undefined) ctx.quotaLeft = ctx.ports.mailbox.remainingRecipientQuota();
  if (ctx.quotaLeft < 1) return "tomorrow (the mailbox's daily sending quota is used up).";
  if (progress.sentToday >= campaign.settings.dailyCap)
    return `tomorrow (daily cap of ${campaign.settings.dailyCap} reached).`;
  return undefined;
}

/** One send of the exactly-once protocol (docs/sending.md). */
function sendStep(
  ctx: TickContext,
  campaign: Campaign,
  candidate: Candidate,
  current: Progress,
  step: number,
  merged: { subject: string; text: string; html: string },
  /** Receives the message id of a first step: its new thread is labelled after the sends. */
  newThreads: string[],
): void {
  const { mailbox, clock } = ctx.ports;
  const pending: PendingSend = {
    key: batonKey(campaign.id, candidate.key, step),
    campaignId: campaign.id,
    candidate: candidate.key,
    email: candidate.email,
    step,
    threadId: current.threadId,
  };
  const thread = current.threadId ? mailbox.batonMessagesInThread(current.threadId) : [];
  const already = thread.find((m) => m.batonKey === pending.key);
  if (already) {
    recordSent(ctx, pending, already.threadId, already.date || clock.now());
    return;
  }
  const references = thread.map((m) => m.rfcMessageId).filter((id) => id !== '');
  const raw = composeMessage({
    from: { email: campaign.sender.email, name: campaign.sender.name },
    to: { email: candidate.email },
    subject: merged.subject,
    text: merged.text,
    html: merged.html,
    inReplyTo: references[references.length - 1],
    references,
    extraHeaders: { 'X-Baton-Key': pending.key },
    boundary: `=_baton_${pending.key}`,
  });
  // The intent is durable before anything reaches Gmail; the draft's id rides along with the
  // next write (reconcilePending finds the draft, or its sent message, by key without it).
  ctx.session.data.pending.push(pending);
  ctx.session.save();
  pending.draftId = mailbox.createDraft({ raw, threadId: current.threadId || undefined });
  const sent = mailbox.sendDraft(pending.draftId);
  const at = clock.now();
  pending.sent = { id: sent.id, threadId: sent.threadId, at };
  ctx.quotaLeft = (ctx.quotaLeft ?? 1) - 1;
  recordSent(ctx, pending, sent.threadId, at);
  const pendingList = ctx.session.data.pending;
  pendingList.splice(pendingList.indexOf(pending), 1);
  if (step === 1) newThreads.push(sent.id);
}

/**
 * Labels the threads a campaign's first steps opened this tick, in one call. The label is for
 * people (Baton finds its threads through the store); a failure to label must not undo a send.
 */
function labelQuietly(ctx: TickContext, messageIds: string[], label: string): void {
  if (messageIds.length === 0) return;
  try {
    ctx.ports.mailbox.labelMessages(messageIds, label);
  } catch (error) {
    console.log(`Baton: could not label ${messageIds.length} new threads: ${errorText(error)}`);
  }
}

function errorText(error: unknown): string {
  if (error instanceof BatonError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
