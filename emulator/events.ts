// Builds the event objects Apps Script hands to add-on functions: the commonEventObject plus the
// older top-level fields published add-ons still read (hostApp, userTimezone, formInput(s),
// parameters, gmail...), and the event of a time-driven trigger.
import type { ExecutionKind, HostContext, UserAccount } from './kernel';
import { offsetMinutes } from './services/utilities';

export interface CardEventOptions {
  user: UserAccount;
  host: HostContext;
  /** Time the event is sent, ms since the epoch (for the user's time-zone offset). */
  now: number;
  /** Form inputs by name; one string or a list for multi-valued inputs. */
  formInputs?: Record<string, string | string[]>;
  /** Action parameters (strings only, as CardService allows). */
  parameters?: Record<string, string>;
  locale?: string;
  platform?: 'WEB' | 'ANDROID' | 'IOS';
  /** Title of the open spreadsheet, for Sheets events. */
  spreadsheetTitle?: string;
}

/** The event object of a homepage, contextual trigger, universal action or card action. */
export function buildCardEvent(options: CardEventOptions): Record<string, unknown> {
  const { user, host, now } = options;
  const locale = options.locale ?? 'en';
  const platform = options.platform ?? 'WEB';
  const offsetMs = offsetMinutes(user.timeZone, now) * 60_000;
  const inputs = Object.entries(options.formInputs ?? {}).map(
    ([name, value]) => [name, Array.isArray(value) ? value : [value]] as const,
  );
  const hostApp = host.app === 'none' ? 'gmail' : host.app;
  const common: Record<string, unknown> = {
    userLocale: locale,
    hostApp: hostApp.toUpperCase(),
    platform,
    timeZone: { id: user.timeZone, offset: offsetMs },
  };
  if (inputs.length)
    common.formInputs = Object.fromEntries(
      inputs.map(([name, values]) => [name, { stringInputs: { value: [...values] } }]),
    );
  if (options.parameters) common.parameters = { ...options.parameters };
  const event: Record<string, unknown> = {
    commonEventObject: common,
    hostApp,
    clientPlatform: platform.toLowerCase(),
    userLocale: locale,
    userCountry: '',
    userTimezone: { id: user.timeZone, offset: String(offsetMs) },
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
