// Time zones and send windows, DST-correct through Intl: when is a moment inside a campaign's
// window (hours and weekdays in a zone), and when does the window next open.

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
}

/** Hours and days in which a campaign may send, read in a time zone. */
export interface SendWindow {
  /** Minutes after local midnight when sending may start (e.g. 540 = 9:00). */
  startMinute: number;
  /** Minutes after local midnight when sending stops (exclusive; 1440 = end of day). */
  endMinute: number;
  /** Allowed local weekdays, 0 = Sunday ... 6 = Saturday. */
  weekdays: number[];
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function localTime(t: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(t))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

/** Local time minus UTC, in minutes, at the instant t. */
export function offsetMinutes(t: number, timeZone: string): number {
  const l = localTime(t, timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute);
  return Math.round((asUtc - Math.floor(t / MINUTE) * MINUTE) / MINUTE);
}

/** The instant when the local clock in `timeZone` shows the given date and minute of day. */
export function zonedToUtc(
  year: number,
  month: number,
  day: number,
  minuteOfDay: number,
  timeZone: string,
): number {
  const naive = Date.UTC(year, month - 1, day) + minuteOfDay * MINUTE;
  let guess = naive - offsetMinutes(naive, timeZone) * MINUTE;
  // A second pass settles instants whose offset differs from the naive guess's (DST edges).
  guess = naive - offsetMinutes(guess, timeZone) * MINUTE;
  return guess;
}

/** The local calendar day of t, as YYYY-MM-DD. */
export function localDay(t: number, timeZone: string): string {
  const l = localTime(t, timeZone);
  return `${l.year}-${pad(l.month)}-${pad(l.day)}`;
}

/** "2026-11-28 09:05" in the zone. */
export function formatLocal(t: number, timeZone: string): string {
  const l = localTime(t, timeZone);
  return `${localDay(t, timeZone)} ${pad(l.hour)}:${pad(l.minute)}`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function inWindow(t: number, window: SendWindow, timeZone: string): boolean {
  const l = localTime(t, timeZone);
  const minute = l.hour * 60 + l.minute;
  return (
    window.weekdays.includes(l.weekday) && minute >= window.startMinute && minute < window.endMinute
  );
}

/** The first instant at or after t inside the window; undefined when the window is empty. */
export function nextWindowOpening(
  t: number,
  window: SendWindow,
  timeZone: string,
): number | undefined {
  if (window.weekdays.length === 0 || window.endMinute <= window.startMinute) return undefined;
  if (inWindow(t, window, timeZone)) return t;
  const today = localTime(t, timeZone);
  for (let offset = 0; offset <= 8; offset++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    if (!window.weekdays.includes(date.getUTCDay())) continue;
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    const opening = zonedToUtc(y, m, d, window.startMinute, timeZone);
    if (opening >= t) return opening;
  }
  return undefined;
}

/** Parses "9:00" or "17:30" into minutes after midnight ("24:00" is the end of the day). */
export function parseClock(text: string): number | undefined {
  const match = /^\s*(\d{1,2})(?::(\d{2}))?\s*$/.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2] ?? 0);
  return Number(match[2] ?? 0) < 60 && minutes <= 1440 ? minutes : undefined;
}

export function formatClock(minuteOfDay: number): string {
  return `${Math.floor(minuteOfDay / 60)}:${pad(minuteOfDay % 60)}`;
}
