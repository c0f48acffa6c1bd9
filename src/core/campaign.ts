// What a campaign is (a tab + a sequence of steps + settings + a sender) and the rules that keep
// one valid. Validation names the field at fault so the editor card can point at it.
import { BatonError } from './errors';
import { shortHash } from './hash';
import { isValidTimeZone, type SendWindow } from './schedule';
import { brokenPlaceholders, placeholders } from './template';

export interface Step {
  subject: string;
  /** Plain-text body; empty when the step is HTML only. */
  text: string;
  /** HTML body; empty when the step is plain text only. */
  html: string;
  /** Days after the previous step (ignored for the first step). */
  delayDays: number;
  /** The Gmail draft the body was copied from, when it was. */
  fromDraftId?: string;
}

export interface CampaignSettings {
  /** IANA zone of the send window, e.g. "Europe/Paris". */
  timeZone: string;
  window: SendWindow;
  /** Messages this campaign may send per local day from one sender's mailbox. */
  dailyCap: number;
  /** Nothing is sent before this instant (ms since epoch). */
  startAt: number;
}

export type SenderKind = 'self' | 'alias' | 'colleague';

export interface Sender {
  /** The address mail goes out from. */
  email: string;
  /** The display name of the From header. */
  name: string;
  kind: SenderKind;
}

export type CampaignState = 'draft' | 'running' | 'paused' | 'ended';

export interface Campaign {
  id: string;
  name: string;
  /** The user who created the campaign. */
  owner: string;
  spreadsheetId: string;
  tabName: string;
  /** Header of the email column as chosen or detected. */
  emailHeader: string;
  steps: Step[];
  settings: CampaignSettings;
  sender: Sender;
  state: CampaignState;
  createdAt: number;
  launchedAt?: number;
  /** The id of the campaign's Gmail label in the owner's mailbox, made at launch. */
  labelId?: string;
}

export const MAX_STEPS = 10;
export const MAX_DAILY_CAP = 2000;

export function defaultSettings(now: number, timeZone: string): CampaignSettings {
  return {
    timeZone,
    window: { startMinute: 9 * 60, endMinute: 17 * 60, weekdays: [1, 2, 3, 4, 5] },
    dailyCap: 50,
    startAt: now,
  };
}

export function validateSteps(steps: Step[]): void {
  if (steps.length > MAX_STEPS)
    throw new BatonError('TOO_MANY_STEPS', `A sequence has at most ${MAX_STEPS} steps.`, 'steps');
  steps.forEach((step, i) => {
    const n = i + 1;
    if (i === 0 && step.subject.trim() === '')
      throw new BatonError('EMPTY_SUBJECT', `Step ${n} needs a subject.`, `subject${n}`);
    if (step.text.trim() === '' && step.html.trim() === '')
      throw new BatonError('EMPTY_BODY', `Step ${n} needs a body (text or HTML).`, `body${n}`);
    if (!Number.isInteger(step.delayDays) || step.delayDays < 0 || step.delayDays > 365)
      throw new BatonError(
        'BAD_DELAY',
        `Step ${n}: the delay must be a whole number of days from 0 to 365.`,
        `delay${n}`,
      );
    const parts: Array<[string, string, string]> = [
      ['subject', step.subject, `subject${n}`],
      ['text', step.text, `body${n}`],
      ['HTML', step.html, `body${n}`],
    ];
    for (const [part, template, field] of parts) {
      const [broken] = brokenPlaceholders(template);
      if (broken !== undefined)
        throw new BatonError(
          'BROKEN_PLACEHOLDER',
          `Step ${n}, ${part}: "${broken}" is not a complete placeholder and would be sent as it stands. Write {{Column name}}, with two braces on each side.`,
          field,
        );
    }
    for (const p of placeholders(`${step.subject} ${step.text} ${step.html}`))
      if (p.name === '')
        throw new BatonError(
          'EMPTY_VARIABLE',
          `Step ${n} has an empty {{ }} placeholder.`,
          `body${n}`,
        );
  });
}

export function validateSettings(settings: CampaignSettings): void {
  if (!isValidTimeZone(settings.timeZone))
    throw new BatonError(
      'BAD_TIME_ZONE',
      `"${settings.timeZone}" is not a time zone. Use a name such as Europe/Paris.`,
      'timeZone',
    );
  const { startMinute, endMinute, weekdays } = settings.window;
  if (!(startMinute >= 0 && endMinute <= 1440 && startMinute < endMinute))
    throw new BatonError('BAD_WINDOW', 'The send window must start before it ends.', 'window');
  if (weekdays.length === 0 || weekdays.some((d) => !Number.isInteger(d) || d < 0 || d > 6))
    throw new BatonError('NO_WEEKDAYS', 'Choose at least one weekday to send on.', 'weekdays');
  if (
    !Number.isInteger(settings.dailyCap) ||
    settings.dailyCap < 1 ||
    settings.dailyCap > MAX_DAILY_CAP
  )
    throw new BatonError(
      'BAD_DAILY_CAP',
      `The daily cap must be a whole number from 1 to ${MAX_DAILY_CAP}.`,
      'dailyCap',
    );
}

/** A fingerprint of everything a sender approves: subjects, bodies, delays, From name. */
export function contentFingerprint(campaign: Pick<Campaign, 'steps' | 'sender'>): string {
  const parts = campaign.steps.map((s) => [s.subject, s.text, s.html, s.delayDays].join('\u0001'));
  return shortHash([campaign.sender.email, campaign.sender.name, ...parts].join('\u0002'));
}

/** The Gmail label of a campaign's threads. */
export function campaignLabel(campaign: Pick<Campaign, 'name'>): string {
  return `Baton/${campaign.name.replace(/\//g, '-').trim() || 'campaign'}`;
}
