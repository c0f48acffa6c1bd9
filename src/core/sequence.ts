// A candidate's way through a sequence: what they have been sent, whether they are still in it,
// and what is due for them now (a step, a wait until an instant, or nothing ever again).
import type { Campaign } from './campaign';
import { DAY, nextWindowOpening } from './schedule';

/**
 * Why a candidate is out of (or still in) the sequence. The replies issue sets replied, opted_out
 * and bounced; stopped is a person's decision; failed needs a person to look.
 */
export type CandidateState =
  'active' | 'done' | 'replied' | 'opted_out' | 'bounced' | 'stopped' | 'failed';

export interface Progress {
  /** Number of steps sent (0 = none yet). */
  sent: number;
  state: CandidateState;
  /** When the last step was sent (ms since epoch, minute precision), 0 when none. */
  lastSentAt: number;
  /** The Gmail thread of the sequence, '' before the first step. */
  threadId: string;
}

export const NEW_PROGRESS: Progress = { sent: 0, state: 'active', lastSentAt: 0, threadId: '' };

export type Due =
  | { kind: 'send'; step: number }
  | { kind: 'wait'; step: number; at: number }
  | { kind: 'finished'; reason: string }
  | { kind: 'held'; reason: string };

const STATE_REASONS: Record<CandidateState, string> = {
  active: '',
  done: 'Sequence complete.',
  replied: 'Replied: sequence stopped.',
  opted_out: 'Opted out: never mailed again.',
  bounced: 'Address bounced: sequence stopped.',
  stopped: 'Stopped by hand.',
  failed: 'Sending failed: see the state cell, then Resume to retry.',
};

export function stateReason(state: CandidateState): string {
  return STATE_REASONS[state];
}

/** The instant a step becomes due, before the send window is applied. */
export function stepDueAt(campaign: Campaign, progress: Progress): number {
  if (progress.sent === 0) return Math.max(campaign.settings.startAt, campaign.launchedAt ?? 0);
  return progress.lastSentAt + campaign.steps[progress.sent].delayDays * DAY;
}

/** What is due for one candidate at `now` (campaign state and suppression are checked by the caller). */
export function dueFor(campaign: Campaign, progress: Progress, now: number, timeZone: string): Due {
  if (progress.state !== 'active') return { kind: 'finished', reason: stateReason(progress.state) };
  if (progress.sent >= campaign.steps.length)
    return { kind: 'finished', reason: STATE_REASONS.done };
  const step = progress.sent + 1;
  const due = stepDueAt(campaign, progress);
  const opening = nextWindowOpening(Math.max(due, now), campaign.settings.window, timeZone);
  if (opening === undefined)
    return { kind: 'held', reason: 'The send window has no hours: change the settings.' };
  if (opening <= now) return { kind: 'send', step };
  return { kind: 'wait', step, at: opening };
}
