// The contract between the emulator's world (clock, users, executions, quotas, costs, faults,
// audit) and the service emulations (Gmail, Sheets, Properties, CardService, ...). A service is a
// factory that, for one execution, returns the global objects it contributes (e.g. GmailApp).
// Services touch the world only through this interface, so each can be written and tested alone.

/** What kind of account a user has: it decides the daily quotas (see docs/emulator.md). */
export type AccountKind = 'consumer' | 'workspace';

export interface UserAccount {
  readonly email: string;
  readonly name: string;
  readonly kind: AccountKind;
  readonly timeZone: string;
  /** Send-as addresses besides `email` (GmailApp.getAliases). */
  readonly aliases?: readonly string[];
  /** False once the user revoked the add-on's authorization: their executions then fail. */
  authorized: boolean;
}

/** Daily quotas Apps Script counts per user, reset 24 h after the first use. */
export type QuotaName =
  'emailRecipients' | 'emailReadWrite' | 'propertiesReadWrite' | 'triggerRuntimeMs' | 'urlFetch';

/** How the execution was started: add-on executions end at 30 s, the others at 6 min. */
export type ExecutionKind =
  'homepage' | 'contextual' | 'action' | 'universal' | 'trigger' | 'direct';

/** The document or message the host app had open, when the execution came from a card. */
export interface HostContext {
  app: 'gmail' | 'sheets' | 'none';
  activeSpreadsheetId?: string;
  gmail?: { messageId: string; threadId: string; accessToken: string };
}

/** One record of the audit: which Gmail thread (or other resource) an execution read. */
export interface AuditEvent {
  user: string;
  executionId: number;
  service: string;
  method: string;
  /** e.g. { threadId } or { messageId, threadId } or { spreadsheetId } */
  resource: Record<string, string>;
}

/** The world as services see it. */
export interface Kernel {
  /** Virtual time, milliseconds since the epoch. */
  now(): number;
  user(email: string): UserAccount | undefined;
  users(): UserAccount[];
  /** Deterministic randomness for the whole world (seeded). */
  random(): number;
  /** Per-service state shared by all executions (e.g. the mail system), created once on first use. */
  state<T>(key: string, create: () => T): T;
}

/** One execution as services see it. */
export interface ExecutionContext {
  readonly kernel: Kernel;
  readonly executionId: number;
  /** The user this execution runs as (Session.getActiveUser / getEffectiveUser). */
  readonly user: UserAccount;
  readonly kind: ExecutionKind;
  readonly host: HostContext;
  /**
   * Every emulated Apps Script method call goes through here: it checks the execution is still
   * alive (time limit, injected kill), may throw an injected transient fault, advances the
   * execution's clock by the cost model's latency for `service.method`, counts the call, then
   * runs `body`. `costKey` overrides which latency row is charged (e.g. 'spreadsheet.flush').
   */
  invoke<T>(service: string, method: string, body: () => T, costKey?: string): T;
  /** Consumes `amount` of a daily quota; throws Apps Script's own message when none is left. */
  consumeQuota(quota: QuotaName, amount: number): void;
  remainingQuota(quota: QuotaName): number;
  audit(service: string, method: string, resource: Record<string, string>): void;
  /** Makes Apps Script-shaped errors: `new Error(message)` created in the script's realm. */
  error(message: string): Error;
}

/** A service emulation: the globals it adds to one execution's fresh context. */
export type ServiceFactory = (ctx: ExecutionContext) => Record<string, unknown>;
