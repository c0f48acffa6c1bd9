// What Baton does about one classified message (issue 5 "Act"), as a pure decision the scan use
// case applies to the store: end the sequence, suppress the address, pause the campaign, or defer.
import { CATEGORY_LABELS, isHumanReply, type ReplyCategory } from './categories';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A return date further out than this is more likely a misread than a real absence. */
export const MAX_OUT_OF_OFFICE_MS = 92 * DAY_MS;

/** What the classifier (or a person, through the Gmail card) said about a message. */
export interface Verdict {
  category: ReplyCategory;
  /** Plain words: why this category. */
  reason: string;
  /** The name of the rule that decided (`human_override` for a person's choice). */
  rule: string;
  /** For an auto-reply: when the person says they are back (ms since the epoch). */
  returnDate?: number;
  /** For a bounce: the failure is the sending mailbox's (quota, policy, send-as), not the address's. */
  senderSide?: boolean;
}

export interface ReplyEffect {
  /** No further step goes to this candidate. */
  endSequence: boolean;
  /** The address joins the owner's suppression list, honoured by every campaign of the owner. */
  suppress: boolean;
  /** The campaign stops sending until the owner resumes it. */
  pauseCampaign: boolean;
  /** The next step is not sent before this time (ms); absent when the schedule stands. */
  notBefore?: number;
  /** What the candidate's status cell shows. */
  status: string;
}

/**
 * The effect of one verdict received at `receivedAt`. A person's reply or an opt-out ends the
 * sequence; an opt-out or a hard bounce also suppresses the address; soft bounces and
 * auto-replies leave the sequence running (an out-of-office that names a return date defers the
 * next step to the day after it); a bounce caused by the sender pauses the campaign instead of
 * blaming the candidate.
 */
export function effectOf(verdict: Verdict, receivedAt: number): ReplyEffect {
  const label = CATEGORY_LABELS[verdict.category];
  const none: ReplyEffect = {
    endSequence: false,
    suppress: false,
    pauseCampaign: false,
    status: label,
  };
  if (verdict.senderSide && verdict.category.startsWith('bounce')) {
    return {
      ...none,
      pauseCampaign: true,
      status: 'Not delivered: sender problem, campaign paused',
    };
  }
  switch (verdict.category) {
    case 'opt_out':
      return { ...none, endSequence: true, suppress: true };
    case 'bounce_hard':
      return { ...none, endSequence: true, suppress: true };
    case 'bounce_soft':
      return none;
    case 'auto_reply': {
      const back = verdict.returnDate;
      if (back === undefined || back <= receivedAt || back - receivedAt > MAX_OUT_OF_OFFICE_MS) {
        return none;
      }
      return { ...none, notBefore: back + DAY_MS, status: `${label}: away until ${isoDay(back)}` };
    }
    default:
      return { ...none, endSequence: isHumanReply(verdict.category) };
  }
}

/** A person's choice on the Gmail card, which wins over the classifier. */
export interface Override {
  category: 'interested' | 'not_interested';
  /** Who chose (the user's address). */
  by: string;
  at: number;
}

export function overrideVerdict(override: Override): Verdict {
  return {
    category: override.category,
    reason: `Marked ${CATEGORY_LABELS[override.category].toLowerCase()} by ${override.by}`,
    rule: 'human_override',
  };
}

/**
 * The classification a candidate is shown with: a person's override wins over every verdict of
 * the classifier, earlier or later; otherwise the latest verdict.
 */
export function standingVerdict(
  latest: Verdict | undefined,
  override?: Override,
): Verdict | undefined {
  return override ? overrideVerdict(override) : latest;
}

/** The later of an existing not-before time and a new one (a deferral never brings a step forward). */
export function laterOf(current: number | undefined, next: number | undefined): number | undefined {
  if (current === undefined) return next;
  if (next === undefined) return current;
  return Math.max(current, next);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The candidate state a verdict that ends the sequence leaves them in. */
export function endedState(category: ReplyCategory): 'opted_out' | 'bounced' | 'replied' {
  if (category === 'opt_out') return 'opted_out';
  if (category === 'bounce_hard') return 'bounced';
  return 'replied';
}

/**
 * The candidate state after a verdict that ends the sequence: an active candidate leaves it; one
 * who had already left moves to a stronger state (an opt-out or a bounce after a reply) only.
 */
export function stateAfter(current: string, category: ReplyCategory): string {
  const next = endedState(category);
  if (current === 'active') return next;
  if (next !== 'replied' && (current === 'replied' || current === 'done' || current === 'stopped'))
    return next;
  return current;
}

/** What the status cell says of a candidate the scan knows about; undefined when it says nothing. */
export function replyStatus(
  standing: Verdict | undefined,
  notBefore: number | undefined,
  candidateState: string,
  now: number,
): string | undefined {
  if (!standing) return undefined;
  const label = CATEGORY_LABELS[standing.category];
  const who = standing.rule === 'human_override' ? ' (marked by hand)' : '';
  if (candidateState !== 'active') return `${label}${who}: sequence stopped.`;
  if (notBefore !== undefined && notBefore > now)
    return `${label}: next step not before ${isoDay(notBefore)}.`;
  return undefined;
}
