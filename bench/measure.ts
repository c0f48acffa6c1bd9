// The bench's counting: which calls are sends, per-email figures amortised over runs, simulated
// time per cost row (recorded by wrapping the world's cost model, values untouched), duplicates.
import type { ExecutionResult, World } from '../emulator';

const SEND_VERBS = new Set(['send', 'sendEmail', 'reply', 'replyAll', 'forward']);
/** Gmail calls that change the mailbox rather than read it. */
const GMAIL_WRITES =
  /\.(send|sendEmail|reply|replyAll|forward|create|createDraft|createLabel|addLabel|removeLabel|modify|batchModify|delete|trash|update|markRead|markUnread|star|unstar)$/;

/** True when a `Service.method` (or cost key) is one of the calls that sends an email. */
export const isSendCall = (key: string) => SEND_VERBS.has(key.slice(key.lastIndexOf('.') + 1));

/** A Gmail read; Baton's only UrlFetchApp calls are Gmail batch requests (one call, many reads). */
export const isGmailRead = (key: string) =>
  (/^(Gmail|GmailApp)\./.test(key) && !GMAIL_WRITES.test(key)) || key === 'UrlFetchApp.fetch';

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export interface PerEmail {
  runs: number;
  sent: number;
  msPerEmail: number;
  callsPerEmail: number;
  nonSendCallsPerEmail: number;
  callsPerEmailByService: Record<string, number>;
}

/** Calls and simulated time of some runs, divided by the emails they sent (counted by the caller). */
export function perEmail(runs: ExecutionResult[], sent: number): PerEmail {
  const byService: Record<string, number> = {};
  let calls = 0;
  let sendCalls = 0;
  let ms = 0;
  for (const run of runs) {
    ms += run.simulatedMs;
    for (const [service, n] of Object.entries(run.calls))
      byService[service] = (byService[service] ?? 0) + n;
    for (const [method, n] of Object.entries(run.methods)) {
      if (method === 'SpreadsheetApp.(flush)') continue; // charged time, not a call the script made
      calls += n;
      if (isSendCall(method)) sendCalls += n;
    }
  }
  const per = (n: number) => (sent > 0 ? round(n / sent) : 0);
  return {
    runs: runs.length,
    sent,
    msPerEmail: per(ms),
    callsPerEmail: per(calls),
    nonSendCallsPerEmail: per(calls - sendCalls),
    callsPerEmailByService: Object.fromEntries(
      Object.entries(byService).map(([service, n]) => [service, per(n)]),
    ),
  };
}

/** Emails sent by some runs, counted from their send calls. */
export const sendsOf = (runs: ExecutionResult[]) =>
  runs.reduce(
    (n, run) =>
      n + Object.entries(run.methods).reduce((m, [k, v]) => m + (isSendCall(k) ? v : 0), 0),
    0,
  );

/**
 * Records the simulated milliseconds the world's cost model hands out, per cost key, between
 * start() and take(), and the calls per key. The emulator's ExecutionResult has only the total, so
 * the bench wraps CostModel.latency: the latency drawn is returned unchanged.
 */
export class CostRecorder {
  private byKey: Record<string, number> = {};
  private callsByKey: Record<string, number> = {};

  constructor(private readonly world: World) {
    const draw = world.cost.latency.bind(world.cost);
    world.cost.latency = (costKey, random) => {
      const ms = draw(costKey, random);
      this.byKey[costKey] = (this.byKey[costKey] ?? 0) + ms;
      this.callsByKey[costKey] = (this.callsByKey[costKey] ?? 0) + 1;
      return ms;
    };
  }

  /** The milliseconds per cost key since the last take(), and starts afresh. */
  take(): Record<string, number> {
    const taken = this.byKey;
    this.byKey = {};
    return taken;
  }

  /**
   * The simulated time the calls since the last takeExpected() cost on average: each call at the
   * middle of its cost row's range. Free of the draws' noise, so two senders compare exactly.
   */
  takeExpected(): number {
    let ms = 0;
    for (const [key, calls] of Object.entries(this.callsByKey)) {
      const { minMs, maxMs } = this.world.cost.rangeFor(key);
      ms += (calls * (minMs + maxMs)) / 2;
    }
    this.callsByKey = {};
    return ms;
  }
}

/** Share of `totalMs` spent in send calls, from a take() of the CostRecorder. */
export function sendShare(byKey: Record<string, number>, totalMs: number): number {
  const sendMs = Object.entries(byKey).reduce((n, [k, v]) => n + (isSendCall(k) ? v : 0), 0);
  return totalMs > 0 ? round(sendMs / totalMs, 4) : 0;
}

/** How many values occur more than once (each extra occurrence counts one). */
export function duplicatesAmong(values: string[]): number {
  return values.length - new Set(values).size;
}

export { round };
