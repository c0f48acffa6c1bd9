// What the reply scan tells the sending tick, which runs right after it: whose next step must
// wait (an out-of-office's return date) and what each candidate's status cell says of replies.
import { replyStatus, standingVerdict } from '../../core/replies/act';
import { candidateRef, type ReplyState } from '../../core/replies/state';
import type { Roster } from '../../core/roster';
import { formatLocal } from '../../core/schedule';
import { NEW_PROGRESS } from '../../core/sequence';
import type { CampaignProgress } from '../../core/store';
import type { Campaign } from '../../core/campaign';

export interface SendHolds {
  /** Why this candidate's next step waits, or undefined when it may go. */
  holdReason(campaign: Campaign, candidateKey: string, now: number): string | undefined;
  /** Adds the replies' word to the status notes of rows that have none yet. */
  annotate(
    campaign: Campaign,
    roster: Roster,
    progress: CampaignProgress,
    notes: Map<number, string>,
    now: number,
  ): void;
}

export function holdsFrom(state: ReplyState): SendHolds {
  const record = (campaignId: string, key: string) =>
    state.candidates.get(candidateRef(campaignId, key));
  return {
    holdReason(campaign, candidateKey, now) {
      const notBefore = record(campaign.id, candidateKey)?.notBefore;
      if (notBefore === undefined || notBefore <= now) return undefined;
      const when = formatLocal(notBefore, campaign.settings.timeZone);
      return `Out of office: next step not before ${when}.`;
    },
    annotate(campaign, roster, progress, notes, now) {
      // The owner reads the sheet: a pause the scan decided says why on every waiting row.
      const paused = campaign.state === 'paused' ? state.pauses[campaign.id] : undefined;
      for (const candidate of roster.candidates) {
        if (notes.has(candidate.row)) continue;
        const current = (progress.candidates.get(candidate.key) ?? NEW_PROGRESS).state;
        if (paused && current === 'active') {
          notes.set(candidate.row, paused);
          continue;
        }
        const known = record(campaign.id, candidate.key);
        if (!known) continue;
        const latest = known.verdict && { ...known.verdict, reason: '', rule: '' };
        const standing = standingVerdict(latest, known.override);
        const note = replyStatus(standing, known.notBefore, current, now);
        if (note) notes.set(candidate.row, note);
      }
    },
  };
}
