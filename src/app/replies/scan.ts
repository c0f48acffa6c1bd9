// The reply scan (issue 5), run in each sender's tick before sending: reads what is new in the
// sender's mailbox since the last scan (Gmail history, ids only), fetches only messages added to
// campaign threads, classifies them, acts on the store, and logs each one once to the campaign's
// Replies tab. docs/replies.md explains the protocol and why it never reads another thread.
import type { Campaign } from '../../core/campaign';
import type { ClassifyContext } from '../../core/classify';
import { effectOf, laterOf, stateAfter, type ReplyEffect } from '../../core/replies/act';
import { CATEGORY_LABELS, isHumanReply } from '../../core/replies/categories';
import {
  entriesNotYetLogged,
  MESSAGE_ID_COLUMN,
  REPLIES_HEADER,
  REPLIES_TAB,
  replyRow,
  shortReason,
  stepAnswered,
  type ReplyLogEntry,
} from '../../core/replies/log';
import { isFromSender, messagesToRead, type MessageRef } from '../../core/replies/select';
import {
  candidateRef,
  emptyReplyState,
  forgetCampaignsExcept,
  type ReplyState,
} from '../../core/replies/state';
import { pauseMail, pauseReason } from '../../core/replies/pause';
import { suppressionRow } from '../../core/replies/suppression';
import type { CandidateState, Progress } from '../../core/sequence';
import type { Ports } from '../../ports';
import type { ReplyPorts, ThreadMessage } from '../../ports/replies';
import { campaignRoster } from '../roster';
import { threadLink } from '../status';
import { StoreSession } from '../store';
import { holdsFrom, type SendHolds } from './holds';
import { readReply, type ReadReply, type ReplyReader } from './read';
import { ReplyStateSession } from './state';
import { learnColleaguePauses, sendPauseNotices } from './pauses';
import { queueSuppression, syncSuppressions } from './suppression';

/** Messages read per tick at most: the rest wait for the next tick (history resumes after them). */
export const MAX_READS_PER_SCAN = 40;
/** Campaign threads checked at most when the history id has expired. */
export const MAX_FALLBACK_THREADS = 300;
/** The fallback also reads this far before the last scan, in case a clock or delivery lagged. */
const FALLBACK_OVERLAP_MS = 60 * 60 * 1000;
const LOCK_WAIT_MS = 5_000;

export interface ScanReport {
  /** history: the normal path; fallback: the history id had expired; first: nothing to scan yet. */
  mode: 'history' | 'fallback' | 'first' | 'busy' | 'off';
  /** Raw messages fetched (the only reads of content). */
  read: number;
  /** Rows appended to Replies tabs (journal recoveries included). */
  logged: number;
  /** Campaigns whose Replies tab got rows: their Dashboard needs refreshing. */
  loggedCampaigns: string[];
  /** Messages in campaign threads written by the sender themselves. */
  ownMessages: number;
  /** Campaigns paused because a bounce was the sender's fault. */
  paused: string[];
  /** Addresses this store learned from the Suppressed tabs (another sender of the owner saw them). */
  suppressionsLearned: number;
  /** More new messages wait for the next tick. */
  more: boolean;
  /** Plain words for the log, e.g. why the fallback ran. */
  note?: string;
  errors: string[];
}

/** Which campaign and candidate a thread of this mailbox belongs to. */
export interface ThreadOwner {
  campaign: Campaign;
  candidateKey: string;
}

interface ScanContext {
  ports: Ports;
  replies: ReplyPorts;
  session: StoreSession;
  replyState: ReplyStateSession;
  owners: Map<string, ThreadOwner>;
  report: ScanReport;
}

/** What writing the Replies tabs needs; the card's overrides write through it too. */
export type LogContext = Pick<ScanContext, 'replies' | 'session' | 'replyState' | 'report'>;

export function emptyReport(mode: ScanReport['mode']): ScanReport {
  return {
    mode,
    read: 0,
    logged: 0,
    loggedCampaigns: [],
    ownMessages: 0,
    paused: [],
    suppressionsLearned: 0,
    more: false,
    errors: [],
  };
}

export interface ScanResult {
  report: ScanReport;
  /** For the sending tick that follows: deferred steps and the status cells' word on replies. */
  holds: SendHolds;
}

export function scanReplies(ports: Ports, reader: ReplyReader = readReply): ScanResult {
  const replies = ports.replies;
  if (!replies) return { report: emptyReport('off'), holds: holdsFrom(emptyReplyState()) };
  if (!ports.lock.tryAcquire(LOCK_WAIT_MS))
    return {
      report: emptyReport('busy'),
      holds: holdsFrom(new ReplyStateSession(ports.store).state),
    };
  try {
    const session = new StoreSession(ports.store);
    const ctx: ScanContext = {
      ports,
      replies,
      session,
      replyState: new ReplyStateSession(ports.store),
      owners: threadOwners(session),
      report: emptyReport('history'),
    };
    flushJournal(ctx);
    scanNewMessages(ctx, reader);
    // After the scan (its own suppressions are queued) and before the sending tick reads the store.
    syncSuppressions(ctx);
    learnColleaguePauses(ctx);
    sendPauseNotices(ctx);
    return { report: ctx.report, holds: holdsFrom(ctx.replyState.state) };
  } finally {
    ports.lock.release();
  }
}

/** Every thread a sequence of this mailbox started (the store is the sender's own record). */
export function threadOwners(session: StoreSession): Map<string, ThreadOwner> {
  const owners = new Map<string, ThreadOwner>();
  session.data.campaigns.forEach((campaign, id) => {
    if (campaign.state === 'draft') return;
    session.data.progress.get(id)?.candidates.forEach((progress, candidateKey) => {
      if (progress.threadId) owners.set(progress.threadId, { campaign, candidateKey });
    });
  });
  return owners;
}

function progressOf(ctx: ScanContext, owner: ThreadOwner): Progress | undefined {
  return ctx.session.data.progress.get(owner.campaign.id)?.candidates.get(owner.candidateKey);
}

function scanNewMessages(ctx: ScanContext, reader: ReplyReader): void {
  const state = ctx.replyState.state;
  const { history } = ctx.replies;
  const now = ctx.ports.clock.now();
  if (!state.historyId && ctx.owners.size === 0) {
    state.historyId = history.currentHistoryId();
    state.scannedAt = now;
    ctx.replyState.save();
    ctx.report.mode = 'first';
    return;
  }
  const found = state.historyId ? fromHistory(ctx, state.historyId) : undefined;
  const batch = found ?? fallback(ctx, state);
  const entries = readAndAct(ctx, batch.refs, reader);
  // The campaign store first: if the tick dies before the journal is saved, the same messages
  // are read again next tick (nothing was logged yet); after it, the journal finishes the log.
  ctx.session.save();
  state.journal.push(...entries);
  if (batch.resumeAfter !== undefined) {
    state.historyId = batch.resumeAfter;
    state.scannedAt = now;
  }
  const campaigns = [...ctx.session.data.campaigns.values()];
  forgetCampaignsExcept(
    state,
    new Set(campaigns.map((c) => c.id)),
    new Set(campaigns.filter((c) => c.state === 'paused').map((c) => c.id)),
  );
  ctx.replyState.save();
  flushJournal(ctx);
}

interface Batch {
  refs: MessageRef[];
  /** The history id the next scan starts after; undefined to scan the same span again. */
  resumeAfter?: string;
}

/** New messages from the history, or undefined when the history id has expired. */
function fromHistory(ctx: ScanContext, startHistoryId: string): Batch | undefined {
  const isCampaignThread = (threadId: string) => ctx.owners.has(threadId);
  const refs: MessageRef[] = [];
  let resumeAfter = startHistoryId;
  let pageToken: string | undefined;
  do {
    const page = ctx.replies.history.messagesAddedSince(startHistoryId, pageToken);
    if (!page) return undefined;
    for (const message of page.messages) {
      // Stop only between history records, so that the next scan resumes exactly after one.
      if (refs.length >= MAX_READS_PER_SCAN && message.historyId !== resumeAfter) {
        ctx.report.more = true;
        return { refs, resumeAfter };
      }
      refs.push(
        ...messagesToRead([message], isCampaignThread, (id) => refs.some((r) => r.id === id)),
      );
      resumeAfter = message.historyId;
    }
    resumeAfter = page.historyId;
    pageToken = page.nextPageToken;
  } while (pageToken);
  return { refs, resumeAfter };
}

/**
 * The history id expired (or there was none while threads exist): check the most recently
 * active campaign threads, bounded, for messages newer than the last scan, and skip those the
 * Replies tabs already hold. Said in the report, because it is the one path that lists threads.
 */
function fallback(ctx: ScanContext, state: ReplyState): Batch {
  const { history } = ctx.replies;
  const baseline = history.currentHistoryId();
  const threads = [...ctx.owners.entries()]
    .map(([threadId, owner]) => ({
      threadId,
      owner,
      last: progressOf(ctx, owner)?.lastSentAt ?? 0,
    }))
    .sort((a, b) => b.last - a.last);
  const checked = threads.slice(0, MAX_FALLBACK_THREADS);
  const since = state.scannedAt - FALLBACK_OVERLAP_MS;
  const candidates: ThreadMessage[] = [];
  for (const { threadId } of checked) {
    for (const message of history.threadMessages(threadId)) {
      if (message.receivedAt > since) candidates.push(message);
    }
  }
  candidates.sort((a, b) => a.receivedAt - b.receivedAt);
  const logged = loggedIdsOf(ctx, candidates);
  const refs = messagesToRead(
    candidates,
    (t) => ctx.owners.has(t),
    (id) => logged.has(id),
  );
  const bounded = refs.slice(0, MAX_READS_PER_SCAN);
  const complete = bounded.length === refs.length && checked.length === threads.length;
  ctx.report.mode = 'fallback';
  ctx.report.more = !complete;
  ctx.report.note =
    `${state.historyId ? 'Mailbox history expired' : 'First scan with campaign threads'}: ` +
    `checked ${checked.length} of ${threads.length} campaign threads for messages since ` +
    `${new Date(Math.max(since, 0)).toISOString()}.`;
  return { refs: bounded, resumeAfter: complete ? baseline : undefined };
}

/** Message ids already in the Replies tabs of the campaigns these messages belong to. */
function loggedIdsOf(ctx: ScanContext, messages: MessageRef[]): Set<string> {
  const ids = new Set<string>();
  const campaigns = new Set(messages.map((m) => ctx.owners.get(m.threadId)?.campaign));
  campaigns.forEach((campaign) => {
    if (!campaign) return;
    for (const id of ctx.replies.logSheets.readColumn(
      campaign.spreadsheetId,
      REPLIES_TAB,
      MESSAGE_ID_COLUMN,
    ))
      ids.add(id);
  });
  return ids;
}

function readAndAct(ctx: ScanContext, refs: MessageRef[], reader: ReplyReader): ReplyLogEntry[] {
  if (refs.length === 0) return [];
  const { ports } = ctx;
  const me = ports.identity.email().toLowerCase();
  const senderAddresses = ports.mailbox.sendAsAddresses();
  const emails = new Map<string, Map<string, string>>();
  const entries: ReplyLogEntry[] = [];
  for (const ref of refs) {
    const owner = ctx.owners.get(ref.threadId);
    const progress = owner && progressOf(ctx, owner);
    if (!owner || !progress) continue;
    const raw = ctx.replies.history.readRaw(ref.id);
    ctx.report.read++;
    const read = safeRead(reader, raw.raw, classifyContext(owner.campaign, senderAddresses));
    if (isFromSender(read.from, senderAddresses)) {
      ctx.report.ownMessages++;
      continue;
    }
    const receivedAt = raw.receivedAt || ports.clock.now();
    const candidate = candidateEmail(ctx, emails, owner) ?? read.failedRecipients[0] ?? read.from;
    const effect = act(ctx, owner, progress, read.verdict, receivedAt, candidate);
    if (effect.suppress)
      queueSuppression(
        ctx.replyState.state,
        ctx.session,
        suppressionRow(
          candidate,
          CATEGORY_LABELS[read.verdict.category],
          receivedAt,
          owner.campaign,
          me,
        ),
      );
    entries.push({
      messageId: ref.id,
      threadId: ref.threadId,
      campaignId: owner.campaign.id,
      at: receivedAt,
      candidate,
      step: stepAnswered(progress.sent, progress.lastSentAt, receivedAt),
      category: read.verdict.category,
      why: shortReason(read.verdict.reason),
      rule: read.verdict.rule,
      sender: me,
    });
  }
  return entries;
}

/**
 * A message the reader cannot handle must not stop every later scan (and so every send): it is
 * taken as a person's reply — which stops mailing them, the safe reading — and logged for a person.
 */
function safeRead(reader: ReplyReader, raw: string, context: ClassifyContext): ReadReply {
  try {
    return reader(raw, context);
  } catch (error) {
    return {
      from: '',
      failedRecipients: [],
      verdict: {
        category: 'neutral',
        reason: `Baton could not read this message (${(error as Error).message}): please look at it.`,
        rule: 'unreadable',
      },
    };
  }
}

function classifyContext(campaign: Campaign, senderAddresses: string[]): ClassifyContext {
  return {
    senderAddresses,
    timeZone: campaign.settings.timeZone,
    sentSubjects: campaign.steps.map((step) => step.subject).filter(Boolean),
    sentTexts: campaign.steps.map((step) => step.text).filter(Boolean),
  };
}

/** Applies one verdict to the store and the scan's record (core/replies/act.ts decides). */
function act(
  ctx: ScanContext,
  owner: ThreadOwner,
  progress: Progress,
  verdict: ReturnType<ReplyReader>['verdict'],
  receivedAt: number,
  candidate: string,
): ReplyEffect {
  const effect = effectOf(verdict, receivedAt);
  const { campaign, candidateKey } = owner;
  const ref = candidateRef(campaign.id, candidateKey);
  const record = ctx.replyState.state.candidates.get(ref) ?? {};
  // A person's answer stands: a later auto-reply or bounce is logged, but does not replace it.
  if (!record.verdict || !isHumanReply(record.verdict.category) || isHumanReply(verdict.category))
    record.verdict = { category: verdict.category, at: receivedAt };
  record.notBefore = laterOf(record.notBefore, effect.notBefore);
  ctx.replyState.state.candidates.set(ref, record);
  if (effect.endSequence) {
    const state = stateAfter(progress.state, verdict.category) as CandidateState;
    ctx.session.data.progress
      .get(campaign.id)
      ?.candidates.set(candidateKey, { ...progress, state });
  }
  if (effect.suppress) ctx.session.data.suppressed.add(candidateKey);
  if (effect.pauseCampaign && campaign.state === 'running') {
    const me = ctx.ports.identity.email().toLowerCase();
    const state = ctx.replyState.state;
    campaign.state = 'paused';
    ctx.report.paused.push(campaign.id);
    state.pauses[campaign.id] = pauseReason(verdict, me);
    state.pausedAt[campaign.id] = ctx.ports.clock.now();
    // Once per pause: the campaign is running again before another bounce can pause it.
    state.notices.push({
      campaignId: campaign.id,
      to: campaign.owner,
      ...pauseMail(campaign.name, me, verdict, candidate),
    });
  }
  return effect;
}

/** The candidate's address as the campaign tab has it (read once per campaign, only when needed). */
export function candidateEmail(
  ctx: Pick<ScanContext, 'ports' | 'report'>,
  cache: Map<string, Map<string, string>>,
  owner: ThreadOwner,
): string | undefined {
  const { campaign } = owner;
  let byKey = cache.get(campaign.id);
  if (!byKey) {
    byKey = new Map();
    try {
      const roster = campaignRoster(ctx.ports, campaign);
      for (const candidate of roster.candidates) byKey.set(candidate.key, candidate.email);
    } catch (error) {
      ctx.report.errors.push(`Campaign "${campaign.name}": ${(error as Error).message}`);
    }
    cache.set(campaign.id, byKey);
  }
  return byKey.get(owner.candidateKey);
}

/**
 * Writes the journal's rows to the Replies tabs, one write per campaign, and drops them from the
 * journal once written. Rows whose message id the tab already holds are never written again: that
 * is what makes each message logged exactly once, whether the last attempt died (a crash) or
 * threw after its write took effect (a transient error on the flush), in this execution or an
 * earlier one. The check costs one column read, and only when there are rows to write.
 */
export function flushJournal(ctx: LogContext): void {
  const state = ctx.replyState.state;
  if (state.journal.length === 0) return;
  const campaigns = ctx.session.data.campaigns;
  const byCampaign = new Map<string, ReplyLogEntry[]>();
  for (const entry of state.journal) {
    if (!campaigns.has(entry.campaignId)) continue; // retired: nowhere to log any more
    byCampaign.set(entry.campaignId, [...(byCampaign.get(entry.campaignId) ?? []), entry]);
  }
  const kept: ReplyLogEntry[] = [];
  byCampaign.forEach((entries, campaignId) => {
    const campaign = campaigns.get(campaignId) as Campaign;
    const { logSheets } = ctx.replies;
    try {
      const due = entriesNotYetLogged(
        entries,
        logSheets.readColumn(campaign.spreadsheetId, REPLIES_TAB, MESSAGE_ID_COLUMN),
      );
      const rows = due.map((entry) =>
        replyRow(entry, campaign.settings.timeZone, threadLink(entry.sender, entry.threadId)),
      );
      logSheets.appendRows(campaign.spreadsheetId, REPLIES_TAB, REPLIES_HEADER, rows);
      ctx.report.logged += rows.length;
      if (rows.length > 0) ctx.report.loggedCampaigns.push(campaignId);
    } catch (error) {
      kept.push(...entries);
      ctx.report.errors.push(
        `Replies of "${campaign.name}" not logged yet: ${(error as Error).message}`,
      );
    }
  });
  state.journal = kept;
  ctx.replyState.save();
}
