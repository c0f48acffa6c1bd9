// Keeps one execution's Gmail API calls inside Gmail's per-user limit (6,000 quota units a minute
// for a project created since May 2026; docs/sending.md): each call's units are logged when it
// returns, and a call that would not fit in the last minute waits (Utilities.sleep) until it does.

/** Gmail's usage-limits page: a user's quota units a minute in a project created since May 2026. */
export const GMAIL_UNITS_PER_MINUTE = 6000;
/** Kept free for Gmail calls of other executions (a card's test send); this one's are all logged. */
const HEADROOM_UNITS = 0;
/**
 * A wait makes room for at least this much: a little more than one call's units, so that a run
 * at the limit sleeps every other send rather than before each, without idling the minute away.
 */
const ROOM_PER_WAIT = 250;
const MINUTE_MS = 60_000;

/** Units per Gmail API method, from Gmail's per-method quota table. */
export const GMAIL_UNITS = {
  send: 100,
  get: 5,
  list: 5,
  batchModify: 50,
  labelsList: 1,
  labelsCreate: 5,
  getProfile: 1,
  historyList: 2,
  threadsGet: 10,
} as const;

function isRateLimited(error: unknown): boolean {
  return /user rate limit exceeded|userRateLimitExceeded/i.test(
    String((error as Error)?.message ?? error),
  );
}

export class GmailPacer {
  private spent: { at: number; units: number }[] = [];

  constructor(
    private readonly now: () => number,
    private readonly sleep: (ms: number) => void,
    private readonly budget = GMAIL_UNITS_PER_MINUTE - HEADROOM_UNITS,
  ) {}

  private used(): number {
    const since = this.now() - MINUTE_MS;
    this.spent = this.spent.filter((entry) => entry.at > since);
    return this.spent.reduce((sum, entry) => sum + entry.units, 0);
  }

  /**
   * Waits, when `units` do not fit in the minute's budget, until the room for ROOM_PER_WAIT units
   * is free (or nothing of this execution is left in the minute), in one sleep.
   */
  private waitForRoom(units: number): void {
    if (this.used() + units <= this.budget) return;
    const room = Math.min(this.budget, Math.max(units, ROOM_PER_WAIT));
    let freed = this.budget - this.used();
    let until = this.now();
    for (const entry of this.spent) {
      if (freed >= room) break;
      freed += entry.units;
      until = entry.at + MINUTE_MS + 1;
    }
    this.sleep(Math.max(1, until - this.now()));
  }

  /**
   * Makes one Gmail call worth `units` within the limit. A call Gmail refuses for the rate anyway
   * (units spent elsewhere) is tried once more after the minute has moved on: a refused call did
   * nothing, so trying it again sends nothing twice.
   */
  run<T>(units: number, call: () => T): T {
    this.waitForRoom(units);
    let result: T;
    try {
      result = call();
    } catch (error) {
      if (!isRateLimited(error)) throw error;
      this.sleep(MINUTE_MS / 4);
      this.waitForRoom(units);
      result = call();
    }
    this.spent.push({ at: this.now(), units });
    return result;
  }
}
