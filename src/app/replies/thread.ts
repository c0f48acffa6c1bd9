// The Gmail card of a campaign thread: what Baton knows of that candidate (campaign, step, state,
// latest classification and why), and the person's overrides — Stop, Resume, mark interested or
// not interested — which win over the classifier. Found by the thread id of the open message
// alone: the message itself is never read.
import { CATEGORY_LABELS } from '../../core/replies/categories';
import { standingVerdict, type Override } from '../../core/replies/act';
import { REPLIES_TAB, loggedReplyOf, type ReplyLogEntry } from '../../core/replies/log';
import { candidateRef } from '../../core/replies/state';
import { BatonError } from '../../core/errors';
import { stateReason, type CandidateState } from '../../core/sequence';
import type { Ports } from '../../ports';
import type { CampaignThreadView } from '../views';
import { StoreSession } from '../store';
import {
  candidateEmail,
  emptyReport,
  flushJournal,
  threadOwners,
  type LogContext,
  type ThreadOwner,
} from './scan';
import { ReplyStateSession } from './state';

const LOCK_WAIT_MS = 10_000;

/** The card's view of a campaign thread, or undefined when the thread is no campaign's. */
export function campaignThreadView(ports: Ports, threadId: string): CampaignThreadView | undefined {
  const session = new StoreSession(ports.store);
  const owner = threadOwners(session).get(threadId);
  if (!owner) return undefined;
  const { campaign, candidateKey } = owner;
  const progress = session.data.progress.get(campaign.id)?.candidates.get(candidateKey);
  const known = new ReplyStateSession(ports.store).state.candidates.get(
    candidateRef(campaign.id, candidateKey),
  );
  const report = emptyReport('off');
  const email = candidateEmail({ ports, report }, new Map(), owner) ?? '';
  const state: CandidateState = progress?.state ?? 'active';
  const latest = known?.verdict && { ...known.verdict, reason: '', rule: '' };
  const standing = standingVerdict(latest, known?.override);
  return {
    kind: 'campaignThread',
    campaignId: campaign.id,
    campaignName: campaign.name,
    campaignState: campaign.state,
    candidateEmail: email,
    candidate: candidateKey,
    stepsSent: progress?.sent ?? 0,
    stepsTotal: campaign.steps.length,
    state,
    stateText: state === 'active' ? 'In the sequence.' : stateReason(state),
    classification: standing && {
      category: standing.category,
      label: CATEGORY_LABELS[standing.category],
      reason: known?.override
        ? standing.reason
        : (latestReason(ports, owner, email) ?? 'See the Replies tab.'),
      byPerson: Boolean(known?.override),
    },
  };
}

/** The "Why" of the candidate's latest row in the Replies tab, when it can be read. */
function latestReason(ports: Ports, owner: ThreadOwner, email: string): string | undefined {
  if (!ports.replies || !email) return undefined;
  try {
    const rows = ports.replies.logSheets.readRows(owner.campaign.spreadsheetId, REPLIES_TAB);
    const mine = rows.filter((row) => loggedReplyOf(row)?.candidate === email);
    const last = mine[mine.length - 1];
    return last ? last[4] : undefined;
  } catch {
    return undefined;
  }
}

/** One change a person makes from the card, under the user lock, saved before it is logged. */
function change(
  ports: Ports,
  threadId: string,
  apply: (ctx: LogContext, owner: ThreadOwner) => void,
): void {
  if (!ports.lock.tryAcquire(LOCK_WAIT_MS))
    throw new BatonError(
      'BUSY',
      'Baton is busy with this mailbox (a tick is running): try again in a minute.',
    );
  try {
    const session = new StoreSession(ports.store);
    const owner = threadOwners(session).get(threadId);
    if (!owner)
      throw new BatonError(
        'NOT_A_CAMPAIGN_THREAD',
        'This thread is no longer part of a running campaign of yours.',
      );
    if (!ports.replies) throw new BatonError('NO_REPLY_PORTS', 'Replies are not available here.');
    const ctx: LogContext = {
      replies: ports.replies,
      session,
      replyState: new ReplyStateSession(ports.store),
      report: emptyReport('off'),
    };
    apply(ctx, owner);
    session.save();
    ctx.replyState.save();
    flushJournal(ctx);
  } finally {
    ports.lock.release();
  }
}

function setState(ctx: LogContext, owner: ThreadOwner, state: CandidateState): void {
  const candidates = ctx.session.data.progress.get(owner.campaign.id)?.candidates;
  const progress = candidates?.get(owner.candidateKey);
  if (candidates && progress) candidates.set(owner.candidateKey, { ...progress, state });
}

/** Stop: no further step goes to this candidate. */
export function stopCandidate(ports: Ports, threadId: string): void {
  change(ports, threadId, (ctx, owner) => setState(ctx, owner, 'stopped'));
}

/** Resume: the candidate goes on with the sequence; never after an opt-out or a bounce. */
export function resumeCandidate(ports: Ports, threadId: string): void {
  change(ports, threadId, (ctx, owner) => {
    if (ctx.session.data.suppressed.has(owner.candidateKey))
      throw new BatonError(
        'SUPPRESSED',
        'This address opted out or bounced: Baton will not mail it again. Remove it from the campaign instead.',
      );
    const record = ctx.replyState.state.candidates.get(
      candidateRef(owner.campaign.id, owner.candidateKey),
    );
    if (record) record.notBefore = undefined;
    setState(ctx, owner, 'active');
  });
}

/**
 * Mark interested / not interested: the person's word wins over the classifier, ends the
 * sequence like a reply, and is logged to the Replies tab (rule `human_override`).
 */
export function markCandidate(
  ports: Ports,
  threadId: string,
  category: Override['category'],
): void {
  const me = ports.identity.email().toLowerCase();
  const at = ports.clock.now();
  change(ports, threadId, (ctx, owner) => {
    const { campaign, candidateKey } = owner;
    const ref = candidateRef(campaign.id, candidateKey);
    const record = ctx.replyState.state.candidates.get(ref) ?? {};
    record.override = { category, by: me, at };
    ctx.replyState.state.candidates.set(ref, record);
    const progress = ctx.session.data.progress.get(campaign.id)?.candidates.get(candidateKey);
    if (progress?.state === 'active') setState(ctx, owner, 'replied');
    const verdict = standingVerdict(undefined, record.override);
    const entry: ReplyLogEntry = {
      messageId: `override-${candidateKey}-${at}`,
      threadId,
      campaignId: campaign.id,
      at,
      candidate: candidateEmail({ ports, report: ctx.report }, new Map(), owner) ?? '',
      step: progress?.sent ?? 0,
      category,
      why: verdict?.reason ?? '',
      rule: 'human_override',
      sender: me,
    };
    ctx.replyState.state.journal.push(entry);
  });
}
