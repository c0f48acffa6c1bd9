// Gmail's per-user rate limit in quota units (Gmail API usage-limits page): each method costs
// units, a user may spend so many a minute. Every call of the advanced service and every REST or
// batch request spends units in one moving window per user, and is refused past the limit.
import type { Kernel } from '../kernel';

/** Units per method, from the Gmail API's per-method quota table. */
export const GMAIL_QUOTA_UNITS: Record<string, number> = {
  'drafts.create': 10,
  'drafts.delete': 10,
  'drafts.get': 5,
  'drafts.list': 5,
  'drafts.send': 100,
  'drafts.update': 15,
  getProfile: 1,
  'history.list': 2,
  'labels.create': 5,
  'labels.get': 1,
  'labels.list': 1,
  'messages.batchModify': 50,
  'messages.get': 5,
  'messages.list': 5,
  'messages.modify': 5,
  'messages.send': 100,
  'messages.trash': 5,
  'threads.get': 10,
  'threads.list': 10,
  'threads.modify': 10,
};

/**
 * Gmail's usage-limits page (as of 1 May 2026): a user may spend 6,000 quota units a minute in a
 * Cloud project created since then, 15,000 in one that used the API before (the page's note).
 * An add-on published now is the former; a world may say otherwise (`unitsPerMinute`).
 */
export const USER_UNITS_PER_MINUTE = { since2026May: 6000, before2026May: 15000 } as const;
const WINDOW_MS = 60_000;

export function unitsOf(call: string): number {
  return GMAIL_QUOTA_UNITS[call] ?? 5;
}

const sumOf = (entries: { units: number }[]): number =>
  entries.reduce((sum, entry) => sum + entry.units, 0);

/** Units each user spent, with when, over the last minute of virtual time. */
export class GmailRateWindow {
  unitsPerMinute: number = USER_UNITS_PER_MINUTE.since2026May;
  private readonly spent = new Map<string, { at: number; units: number }[]>();

  private recent(user: string, now: number): { at: number; units: number }[] {
    const kept = (this.spent.get(user) ?? []).filter((entry) => entry.at > now - WINDOW_MS);
    this.spent.set(user, kept);
    return kept;
  }

  used(user: string, now: number): number {
    return sumOf(this.recent(user, now));
  }

  /** Spends the units when the window has room for them; false (nothing spent) when it has not. */
  admit(user: string, units: number, now: number): boolean {
    const recent = this.recent(user, now);
    if (sumOf(recent) + units > this.unitsPerMinute) return false;
    recent.push({ at: now, units });
    return true;
  }
}

export function gmailRateWindowOf(kernel: Kernel): GmailRateWindow {
  return kernel.state('gmail-rate', () => new GmailRateWindow());
}
