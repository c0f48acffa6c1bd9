// Gmail's per-user rate limit in quota units (Gmail API usage-limits page): each method costs
// units, a user may spend 250 a second. Every call of the advanced service and every REST or batch
// request spends units in one moving window per user; only REST and batch requests are refused.
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

/** "250 quota units per user per second, moving average" (the page now says 15,000 a minute). */
export const USER_UNITS_PER_SECOND = 250;
const WINDOW_MS = 1000;

export function unitsOf(call: string): number {
  return GMAIL_QUOTA_UNITS[call] ?? 5;
}

/** Units each user spent, with when, over the last second of virtual time. */
export class GmailRateWindow {
  private readonly spent = new Map<string, { at: number; units: number }[]>();

  private recent(user: string, now: number): { at: number; units: number }[] {
    const kept = (this.spent.get(user) ?? []).filter((entry) => entry.at > now - WINDOW_MS);
    this.spent.set(user, kept);
    return kept;
  }

  used(user: string, now: number): number {
    return this.recent(user, now).reduce((sum, entry) => sum + entry.units, 0);
  }

  record(user: string, units: number, now: number): void {
    this.recent(user, now).push({ at: now, units });
  }

  /** Spends the units when the window has room for them; false (nothing spent) when it has not. */
  admit(user: string, units: number, now: number): boolean {
    if (this.used(user, now) + units > USER_UNITS_PER_SECOND) return false;
    this.record(user, units, now);
    return true;
  }
}

export function gmailRateWindowOf(kernel: Kernel): GmailRateWindow {
  return kernel.state('gmail-rate', () => new GmailRateWindow());
}
