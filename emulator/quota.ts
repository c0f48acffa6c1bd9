// Daily quotas per user as Apps Script counts them (quotas page; PLATFORM.md): a window opens at
// the first use and resets 24 hours later; once used up, calls fail with Apps Script's message.
import type { AccountKind, QuotaName } from './kernel';

const DAY_MS = 24 * 60 * 60 * 1000;

export const DAILY_LIMITS: Record<AccountKind, Record<QuotaName, number>> = {
  consumer: {
    emailRecipients: 100,
    emailReadWrite: 20_000,
    propertiesReadWrite: 50_000,
    triggerRuntimeMs: 90 * 60 * 1000,
    urlFetch: 20_000,
  },
  workspace: {
    emailRecipients: 1_500,
    emailReadWrite: 50_000,
    propertiesReadWrite: 500_000,
    triggerRuntimeMs: 6 * 60 * 60 * 1000,
    urlFetch: 100_000,
  },
};

/** The message Apps Script gives when the quota is used up. */
export const QUOTA_MESSAGES: Record<QuotaName, string> = {
  emailRecipients: 'Service invoked too many times for one day: email.',
  emailReadWrite: 'Service invoked too many times for one day: gmail.',
  propertiesReadWrite: 'Service invoked too many times for one day: properties.',
  triggerRuntimeMs: 'Service using too much computer time for one day',
  urlFetch: 'Service invoked too many times for one day: urlfetch.',
};

interface Usage {
  used: number;
  windowStart: number;
}

export class QuotaExceeded extends Error {
  constructor(readonly quota: QuotaName) {
    super(QUOTA_MESSAGES[quota]);
  }
}

/** Every user's usage of every daily quota. */
export class QuotaBook {
  private readonly usage = new Map<string, Usage>();
  /** Limits can be lowered per world (e.g. to test exhaustion quickly). */
  readonly overrides: Partial<Record<AccountKind, Partial<Record<QuotaName, number>>>> = {};

  limit(kind: AccountKind, quota: QuotaName): number {
    return this.overrides[kind]?.[quota] ?? DAILY_LIMITS[kind][quota];
  }

  private current(email: string, quota: QuotaName, now: number): Usage {
    const key = `${email}\u0000${quota}`;
    let usage = this.usage.get(key);
    if (!usage || now - usage.windowStart >= DAY_MS) {
      usage = { used: 0, windowStart: now };
      this.usage.set(key, usage);
    }
    return usage;
  }

  remaining(email: string, kind: AccountKind, quota: QuotaName, now: number): number {
    return Math.max(0, this.limit(kind, quota) - this.current(email, quota, now).used);
  }

  /** Uses `amount`; throws QuotaExceeded (and uses nothing) if that would pass the limit. */
  consume(email: string, kind: AccountKind, quota: QuotaName, amount: number, now: number): void {
    const usage = this.current(email, quota, now);
    if (usage.used + amount > this.limit(kind, quota)) throw new QuotaExceeded(quota);
    usage.used += amount;
  }

  /** Records usage that already happened (trigger runtime), even past the limit. */
  record(email: string, quota: QuotaName, amount: number, now: number): void {
    this.current(email, quota, now).used += amount;
  }
}
