// Builds the event objects Apps Script hands to add-on functions: the commonEventObject plus the
// older top-level fields published add-ons still read (hostApp, userTimezone, formInput(s),
// parameters, gmail...), and the event of a time-driven trigger.
import type { ExecutionKind, HostContext, UserAccount } from './kernel';
import { offsetMinutes } from './services/utilities';

/** A date or time picker's value, in the shape Google puts in `commonEventObject.formInputs`. */
export type PickerInput =
  | { dateTimeInput: { msSinceEpoch: number; hasDate: boolean; hasTime: boolean } }
  | { dateInput: { msSinceEpoch: number } }
  | { timeInput: { hours: number; minutes: number } };

/** A form input: text (one string or several, for multi-valued inputs) or a picker's value. */
export type FormInputValue = string | string[] | PickerInput;

export interface CardEventOptions {
  user: UserAccount;
  host: HostContext;
  /** Time the event is sent, ms since the epoch (for the user's time-zone offset). */
  now: number;
  /** Form inputs by name: one string, a list for multi-valued inputs, or a picker's value. */
  formInputs?: Record<string, FormInputValue>;
  /** Action parameters (strings only, as CardService allows). */
  parameters?: Record<string, string>;
  locale?: string;
  platform?: 'WEB' | 'ANDROID' | 'IOS';
  /** Title of the open spreadsheet, for Sheets events. */
  spreadsheetTitle?: string;
  /**
   * Whether the event carries the user's locale and time zone: Google sends them only to an
   * add-on whose manifest sets `addOns.common.useLocaleFromApp` and lists the `script.locale`
   * scope (`sendsUserLocale(manifest)`). Default true, for callers that build events by hand.
   */
  localeFromApp?: boolean;
}

/** The event object of a homepage, contextual trigger, universal action or card action. */
export function buildCardEvent(options: CardEventOptions): Record<string, unknown> {
  const { user, host, now } = options;
  const locale = options.locale ?? 'en';
  const platform = options.platform ?? 'WEB';
  const offsetMs = offsetMinutes(user.timeZone, now) * 60_000;
  const given = Object.entries(options.formInputs ?? {});
  // text inputs also fill the older formInput(s) fields; pickers' values only commonEventObject
  const inputs = given
    .filter((entry): entry is [string, string | string[]] => isText(entry[1]))
    .map(([name, value]) => [name, Array.isArray(value) ? value : [value]] as const);
  const hostApp = host.app === 'none' ? 'gmail' : host.app;
  const withLocale = options.localeFromApp ?? true;
  const common: Record<string, unknown> = {
    ...(withLocale ? { userLocale: locale } : {}),
    hostApp: hostApp.toUpperCase(),
    platform,
    ...(withLocale ? { timeZone: { id: user.timeZone, offset: offsetMs } } : {}),
  };
  if (given.length)
    common.formInputs = Object.fromEntries(
      given.map(([name, value]) => [
        name,
        isText(value)
          ? { stringInputs: { value: Array.isArray(value) ? [...value] : [value] } }
          : pickerInput(name, value),
      ]),
    );
  if (options.parameters) common.parameters = { ...options.parameters };
  const event: Record<string, unknown> = {
    commonEventObject: common,
    hostApp,
    clientPlatform: platform.toLowerCase(),
    ...(withLocale
      ? {
          userLocale: locale,
          userCountry: '',
          userTimezone: { id: user.timeZone, offset: String(offsetMs) },
        }
      : {}),
    formInput: Object.fromEntries(inputs.map(([name, values]) => [name, values[0]])),
    formInputs: Object.fromEntries(inputs.map(([name, values]) => [name, [...values]])),
    parameters: { ...(options.parameters ?? {}) },
  };
  if (host.gmail) event.gmail = { ...host.gmail };
  if (host.app === 'sheets' && host.activeSpreadsheetId)
    event.sheets = {
      addonHasFileScopePermission: true,
      id: host.activeSpreadsheetId,
      title: options.spreadsheetTitle ?? '',
    };
  return event;
}

const isText = (value: FormInputValue): value is string | string[] =>
  typeof value === 'string' || Array.isArray(value);

/** A picker's value checked against Google's shapes, so a typo fails here and not in the script. */
function pickerInput(name: string, value: PickerInput): PickerInput {
  const v = value as Record<string, Record<string, unknown> | undefined>;
  const number = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  const ok =
    Object.keys(v).length === 1 &&
    ((v.dateTimeInput &&
      number(v.dateTimeInput.msSinceEpoch) &&
      typeof v.dateTimeInput.hasDate === 'boolean' &&
      typeof v.dateTimeInput.hasTime === 'boolean') ||
      (v.dateInput && number(v.dateInput.msSinceEpoch)) ||
      (v.timeInput && number(v.timeInput.hours) && number(v.timeInput.minutes)));
  if (!ok)
    throw new Error(
      `Form input "${name}" is neither text nor a picker's value: give a string, a list of strings, { dateTimeInput: { msSinceEpoch, hasDate, hasTime } }, { dateInput: { msSinceEpoch } } or { timeInput: { hours, minutes } }.`,
    );
  return JSON.parse(JSON.stringify(value)) as PickerInput;
}

/** The event object of a time-driven trigger firing at `at` (fields in UTC, as Apps Script's). */
export function buildTimeEvent(triggerUid: string, at: number): Record<string, unknown> {
  const date = new Date(at);
  const startOfYear = Date.UTC(date.getUTCFullYear(), 0, 1);
  return {
    authMode: 'FULL',
    triggerUid,
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    'day-of-month': date.getUTCDate(),
    'day-of-week': date.getUTCDay() === 0 ? 7 : date.getUTCDay(),
    'week-of-year': Math.ceil(((at - startOfYear) / 86_400_000 + 1) / 7),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    timezone: 'UTC',
  };
}

/** Executions that receive a card event (and end at 30 s). */
export function isCardKind(kind: ExecutionKind): boolean {
  return kind === 'homepage' || kind === 'contextual' || kind === 'action' || kind === 'universal';
}
