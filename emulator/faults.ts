// Fault injection, seeded: transient errors on a share of a service's calls, an execution killed
// at its Nth service call, and a second execution of the same user started in the middle of one
// (to exercise real lock contention). The same seed and plan give the same run.

/** Apps Script's usual wording for a transient server failure. */
export const TRANSIENT_MESSAGE =
  'We\u2019re sorry, a server error occurred. Please wait a bit and try again.';

export interface TransientFault {
  /** Service name as charged (e.g. 'GmailApp', 'SpreadsheetApp', 'PropertiesService'). */
  service: string;
  /** Share of that service's calls that throw, 0..1 (drawn from the execution's seeded stream). */
  share: number;
  message?: string;
}

export interface OverlapFault {
  /** At this call number (1-based) of the outer execution, the inner one runs to completion. */
  atCall: number;
  fn: string;
  event?: unknown;
}

export interface FaultPlan {
  transient?: TransientFault[];
  /** The execution dies at its Nth service call (1-based): that and every later call throws. */
  killAtCall?: number;
  killMessage?: string;
  overlap?: OverlapFault;
}

/** What a kill looks like to the script: Apps Script ends it as if it ran out of time. */
export const KILL_MESSAGE = 'Exceeded maximum execution time';

/** The transient fault that hits this call, if any. */
export function transientFaultFor(
  plan: FaultPlan,
  service: string,
  random: () => number,
): TransientFault | undefined {
  for (const fault of plan.transient ?? []) {
    if (fault.service === service && random() < fault.share) return fault;
  }
  return undefined;
}
