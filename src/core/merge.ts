// Merges one step of a campaign with one candidate's row: subject (one header line, no injection),
// text and HTML bodies (values HTML-escaped), and the variables that left the step unsendable.
import type { Campaign } from './campaign';
import { flattenForHeader, render, variableKey, type Variables } from './template';

export interface MergedStep {
  subject: string;
  text: string;
  html: string;
  /** Variables that were empty with no fallback: the step must not be sent for this row. */
  missing: string[];
}

/** The subject of a step: its own, or a follow-up's "Re: " + the first step's, to keep the thread. */
function subjectTemplate(campaign: Campaign, step: number): string {
  const own = campaign.steps[step - 1].subject;
  if (step === 1 || own.trim() !== '') return own;
  const first = campaign.steps[0].subject;
  return /^re:/i.test(first.trim()) ? first : `Re: ${first}`;
}

export function mergeStep(campaign: Campaign, step: number, vars: Variables): MergedStep {
  const definition = campaign.steps[step - 1];
  const subject = render(subjectTemplate(campaign, step), vars, 'header');
  const text = render(definition.text, vars);
  const html = render(definition.html, vars, 'html');
  const missing: string[] = [];
  for (const name of [...subject.missing, ...text.missing, ...html.missing])
    if (!missing.some((m) => variableKey(m) === variableKey(name))) missing.push(name);
  return { subject: subject.text, text: text.text, html: html.text, missing };
}

/** "First name" or "First name and Company", for a status cell. */
export function missingReason(missing: string[]): string {
  const names = missing.map((m) => `{{${m}}}`).join(', ');
  return `Not sent: ${names} ${missing.length > 1 ? 'are' : 'is'} empty in this row and has no fallback. Fill it in or add one, e.g. {{${missing[0]}|there}}.`;
}

/** Why a message whose subject is empty once merged is not sent (never sent with no subject). */
export const EMPTY_SUBJECT_REASON =
  "Not sent: the subject is empty once this row's values are filled in. Fill in the row, or give the subject words of its own or a fallback, e.g. {{Company|our team}}.";

/** Why this merged step must not be sent to this row, in plain words; undefined when it can be. */
export function unsendableReason(merged: MergedStep): string | undefined {
  if (merged.missing.length > 0) return missingReason(merged.missing);
  if (flattenForHeader(merged.subject).trim() === '') return EMPTY_SUBJECT_REASON;
  return undefined;
}
