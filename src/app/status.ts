// The status columns a campaign keeps beside its data (step, last sent, state, thread link),
// rendered for every row from the store and this tick's notes, to be written in one call.
import type { Campaign } from '../core/campaign';
import { type Roster, STATUS_HEADERS } from '../core/roster';
import { mergeStep, unsendableReason } from '../core/merge';
import { formatLocal } from '../core/schedule';
import { dueFor, NEW_PROGRESS, stateReason } from '../core/sequence';
import type { CampaignProgress } from '../core/store';
import type { Variables } from '../core/template';
import type { CellValue } from '../ports';

/** This tick's word on a row (why it was skipped or held), by 1-based row number. */
export type RowNotes = Map<number, string>;

export function threadLink(senderEmail: string, threadId: string): string {
  return `https://mail.google.com/mail/u/${encodeURIComponent(senderEmail)}/#all/${threadId}`;
}

export function statusBlock(
  campaign: Campaign,
  roster: Roster,
  progress: CampaignProgress,
  notes: RowNotes,
  now: number,
): CellValue[][] {
  const rows: CellValue[][] = [STATUS_HEADERS.slice()];
  for (let row = 2; row <= roster.rowCount + 1; row++) rows.push(['', '', '', '']);
  const zone = campaign.settings.timeZone;
  for (const skipped of roster.skipped) rows[skipped.row - 1][2] = `Skipped: ${skipped.reason}`;
  for (const candidate of roster.candidates) {
    const p = progress.candidates.get(candidate.key) ?? NEW_PROGRESS;
    const total = campaign.steps.length;
    const cells = rows[candidate.row - 1];
    cells[0] = `${p.sent}/${total}`;
    cells[1] = p.lastSentAt ? formatLocal(p.lastSentAt, zone) : '';
    cells[3] = p.threadId ? threadLink(campaign.sender.email, p.threadId) : '';
    cells[2] =
      notes.get(candidate.row) ??
      stateText(campaign, p, now, candidate.timeZone ?? zone, candidate.vars);
  }
  return rows;
}

function stateText(
  campaign: Campaign,
  progress: typeof NEW_PROGRESS,
  now: number,
  zone: string,
  vars: Variables,
): string {
  if (progress.state !== 'active') return stateReason(progress.state);
  if (campaign.state === 'ended') return 'Campaign ended.';
  if (campaign.state === 'paused') return 'Paused.';
  const due = dueFor(campaign, progress, now, zone);
  if (due.kind === 'wait' || due.kind === 'send') {
    const unsendable = unsendableReason(mergeStep(campaign, due.step, vars));
    if (unsendable) return unsendable;
  }
  if (due.kind === 'wait') return `Step ${due.step} due ${formatLocal(due.at, zone)} (${zone}).`;
  if (due.kind === 'send') return `Step ${due.step} due now.`;
  return due.reason;
}
