// One execution as Apps Script runs it: a fresh global scope holding only the Apps Script globals,
// every project file's top-level code run first, then the named function, as one user, on a
// simulated clock charged by the cost model, cut off at Apps Script's time limits.
import vm from 'node:vm';
import type {
  AuditEvent,
  ExecutionContext,
  ExecutionKind,
  HostContext,
  QuotaName,
  ServiceFactory,
  UserAccount,
} from './kernel';
import { KILL_MESSAGE, transientFaultFor, TRANSIENT_MESSAGE, type FaultPlan } from './faults';
import { scriptTimeZone, type Project, type ScriptFile } from './project';
import { QuotaExceeded } from './quota';
import { deriveSeed, seededRandom, type Random } from './random';
import { manifestNotices } from './services/absent';
import type { World } from './world';

/** Card actions and manifest triggers end at 30 s of simulated time, everything else at 6 min. */
export const TIME_LIMITS_MS: Record<ExecutionKind, number> = {
  homepage: 30_000,
  contextual: 30_000,
  action: 30_000,
  universal: 30_000,
  trigger: 6 * 60_000,
  direct: 6 * 60_000,
};

export const TIME_LIMIT_MESSAGE = 'Exceeded maximum execution time';

/** Real (wall-clock) time a script may compute in one go before it is stopped (a runaway loop). */
export const WALL_CLOCK_LIMIT_MS = 20_000;

export interface RunRequest {
  project: Project;
  /** Email of the user the execution runs as. */
  as: string;
  /** Global function to call. */
  fn: string;
  /** The event object passed to the function (built with buildEvent for card executions). */
  event?: unknown;
  host?: HostContext;
  kind?: ExecutionKind;
  /** Faults for this execution only; otherwise the world's faults apply. */
  faults?: FaultPlan;
  /** The installable trigger that started it, if any. */
  triggerId?: string;
  /** When it starts (default: now). Due triggers start at their due time, even if they overlap. */
  startAt?: number;
}

export interface LogEntry {
  level: 'log' | 'info' | 'warn' | 'error';
  message: string;
  /** Simulated time of the entry, ms since the epoch. */
  at: number;
}

export interface ExecutionResult {
  executionId: number;
  user: string;
  fn: string;
  kind: ExecutionKind;
  projectId: string;
  triggerId?: string;
  startedAt: number;
  /** What the function returned (objects of the script's realm, e.g. a built Card). */
  value: unknown;
  /** The message of what the script threw, or of why the execution was stopped. */
  error?: string;
  logs: LogEntry[];
  /** Number of calls per service (GmailApp, SpreadsheetApp, PropertiesService...). */
  calls: Record<string, number>;
  /** Number of calls per `service.method`. */
  methods: Record<string, number>;
  /** Simulated duration, ms, from the cost model. */
  simulatedMs: number;
  /** True when the execution was stopped: time limit, injected kill, or runaway computation. */
  killed?: boolean;
  /** What the emulator could not provide to this project (manifest libraries...), one line each. */
  notices?: string[];
}

/** Globals of the script's own realm, used to hand it values it can use like its own. */
export interface Realm {
  Error: ErrorConstructor;
  Date: DateConstructor;
  Array: ArrayConstructor;
  JSON: JSON;
}

/** A service factory that needs the runtime's extras (world, realm, clock) and not only the kernel contract. */
export type PlatformServiceFactory = (exec: Execution) => Record<string, unknown>;

class Stopped extends Error {}

/** Compiled once per file: every execution runs the same code in its own fresh context. */
const compiledFiles = new WeakMap<ScriptFile, vm.Script>();

function compiled(file: ScriptFile): vm.Script {
  let script = compiledFiles.get(file);
  if (!script) {
    try {
      script = new vm.Script(file.source, { filename: file.name });
    } catch (error) {
      // Name the file and line, as Apps Script does when saving a file that does not parse.
      const line = new RegExp(`${file.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`).exec(
        String((error as Error).stack),
      )?.[1];
      throw new Error(
        `SyntaxError: ${(error as Error).message} (line ${line ?? '?'}, file "${file.name}")`,
      );
    }
    compiledFiles.set(file, script);
  }
  return script;
}

const REALM_GLOBALS = new vm.Script('({ Error: Error, Date: Date, Array: Array, JSON: JSON })');

/**
 * The script's Date reads the execution's clock and Math.random its seeded stream, so the same
 * seed replays the same run.
 */
const CLOCK_AND_RANDOMNESS = new vm.Script(`(function (now, random) {
  var RealDate = Date;
  function VirtualDate() {
    if (!new.target) return new RealDate(now()).toString();
    var args = Array.prototype.slice.call(arguments);
    return Reflect.construct(RealDate, args.length ? args : [now()], new.target);
  }
  VirtualDate.prototype = RealDate.prototype;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: VirtualDate, writable: true, configurable: true });
  VirtualDate.now = function () { return now(); };
  VirtualDate.parse = RealDate.parse;
  VirtualDate.UTC = RealDate.UTC;
  Date = VirtualDate;
  Math.random = function () { return random(); };
})`);

/**
 * Node's own process object, whose env.TZ V8 watches: under a test runner that gives each test
 * file a copy of `process` (jest does), the copy's env does not reach V8, so it is read from the
 * main context.
 */
const HOST_PROCESS = vm.runInThisContext('process') as NodeJS.Process;

/**
 * The script's stacks show its own frames only, as Apps Script's do: a frame of a project file, or
 * a built-in (Array.prototype.map...) the script called, and none of the emulator's.
 */
const SCRIPT_STACKS = new vm.Script(`(function (files) {
  function own(frame) { var name = frame.getFileName(); return !!name && files.indexOf(name) >= 0; }
  Object.defineProperty(Error, 'prepareStackTrace', {
    value: function (error, frames) {
      var kept = frames.filter(function (frame, i) {
        if (own(frame)) return true;
        if (frame.getFileName()) return false;
        return !!frames[i + 1] && own(frames[i + 1]);
      });
      var head;
      try { head = String(error); } catch (e) { head = 'Error'; }
      return head + kept.map(function (frame) { return '\\n    at ' + frame; }).join('');
    },
    writable: true, configurable: true, enumerable: false,
  });
})`);

const CALL_SLOT = '__emulatorCall__';
const CALL_SCRIPT = new vm.Script(`this[${CALL_SLOT}.fn](${CALL_SLOT}.event)`, {
  filename: 'emulator:call',
});

const FORMAT_SPECIFIERS = /%[sdifoOj%]/g;

/** console.log / Logger.log formatting: `%s`-style substitutions, then the remaining arguments. */
export function formatLogArguments(args: unknown[]): string {
  const show = (value: unknown) => {
    if (typeof value === 'string') return value;
    if (value instanceof Error || Object.prototype.toString.call(value) === '[object Error]')
      return String((value as Error).stack ?? value);
    try {
      return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
    } catch {
      return String(value);
    }
  };
  if (typeof args[0] !== 'string') return args.map(show).join(' ');
  const rest = args.slice(1);
  const head = args[0].replace(FORMAT_SPECIFIERS, (token) =>
    token === '%%' ? '%' : rest.length ? show(rest.shift()) : token,
  );
  return [head, ...rest.map(show)].join(' ');
}

export class Execution implements ExecutionContext {
  readonly kernel: World;
  readonly user: UserAccount;
  readonly kind: ExecutionKind;
  readonly host: HostContext;
  readonly project: Project;
  readonly random: Random;
  readonly startedAt: number;
  readonly limitMs: number;
  readonly logs: LogEntry[] = [];
  readonly calls: Record<string, number> = {};
  readonly methods: Record<string, number> = {};
  /** Scratch state of one execution for services (e.g. the spreadsheet's unflushed writes). */
  readonly scratch = new Map<string, unknown>();
  /** Run when the function returned, still inside the execution (e.g. the final sheet flush). */
  readonly finishers: (() => void)[] = [];
  elapsedMs = 0;
  private callCount = 0;
  private stoppedWith?: string;
  private context?: vm.Context;
  private realmCache?: Realm;

  constructor(
    world: World,
    readonly executionId: number,
    readonly request: RunRequest,
    user: UserAccount,
    private readonly faults: FaultPlan,
  ) {
    this.kernel = world;
    this.user = user;
    this.kind = request.kind ?? 'direct';
    this.host = request.host ?? { app: 'none' };
    this.project = request.project;
    this.random = seededRandom(deriveSeed(world.seed, executionId));
    this.startedAt = request.startAt ?? world.now();
    this.limitMs = TIME_LIMITS_MS[this.kind];
  }

  get world(): World {
    return this.kernel;
  }

  /** The execution's own clock: where it started plus the simulated time it has spent. */
  now(): number {
    return this.startedAt + this.elapsedMs;
  }

  /** The open spreadsheet when the host app is Sheets (none in triggers): the "document context". */
  get documentId(): string | undefined {
    return this.kind === 'trigger' ? undefined : this.host.activeSpreadsheetId;
  }

  get killed(): boolean {
    return this.stoppedWith !== undefined;
  }

  get realm(): Realm {
    if (!this.realmCache) {
      if (!this.context) throw new Error('The execution has no script realm yet.');
      this.realmCache = REALM_GLOBALS.runInContext(this.context) as Realm;
    }
    return this.realmCache;
  }

  error(message: string): Error {
    return this.context ? new this.realm.Error(message) : new Error(message);
  }

  /** Plain data (JSON-safe) rebuilt as objects and arrays of the script's realm. */
  toRealm<T>(value: T): T {
    if (value === undefined) return value;
    return this.realm.JSON.parse(JSON.stringify(value)) as T;
  }

  private stop(message: string): never {
    this.stoppedWith ??= message;
    throw new Stopped(this.stoppedWith);
  }

  /** Spends simulated time (sleep, waiting for a lock); stops the execution past its limit. */
  spend(ms: number): void {
    this.elapsedMs += ms;
    if (this.elapsedMs > this.limitMs) {
      this.elapsedMs = this.limitMs;
      this.stop(TIME_LIMIT_MESSAGE);
    }
  }

  invoke<T>(service: string, method: string, body: () => T, costKey?: string): T {
    if (this.stoppedWith) this.stop(this.stoppedWith);
    this.callCount += 1;
    if (this.faults.killAtCall !== undefined && this.callCount >= this.faults.killAtCall)
      this.stop(this.faults.killMessage ?? KILL_MESSAGE);
    const overlap = this.faults.overlap;
    if (overlap && overlap.atCall === this.callCount) {
      this.world.run({
        project: this.project,
        as: this.user.email,
        fn: overlap.fn,
        event: overlap.event,
        host: this.host,
        kind: this.kind,
        faults: {},
      });
    }
    const transient = transientFaultFor(this.faults, service, this.random);
    this.calls[service] = (this.calls[service] ?? 0) + 1;
    const key = `${service}.${method}`;
    this.methods[key] = (this.methods[key] ?? 0) + 1;
    this.spend(this.world.cost.latency(costKey ?? key, this.random));
    if (transient) throw this.error(transient.message ?? TRANSIENT_MESSAGE);
    try {
      return body();
    } catch (thrown) {
      // An error of the emulator's own realm (a plain Error of a helper, or a bug) reaches the
      // script as one of its own, with its message and without the emulator's frames.
      if (thrown instanceof Stopped || !this.context || thrown instanceof this.realm.Error)
        throw thrown;
      throw this.error(messageOf(thrown));
    }
  }

  consumeQuota(quota: QuotaName, amount: number): void {
    try {
      this.world.quotas.consume(this.user.email, this.user.kind, quota, amount, this.now());
    } catch (error) {
      if (error instanceof QuotaExceeded) throw this.error(error.message);
      throw error;
    }
  }

  remainingQuota(quota: QuotaName): number {
    return this.world.quotas.remaining(this.user.email, this.user.kind, quota, this.now());
  }

  audit(service: string, method: string, resource: Record<string, string>): void {
    const event: AuditEvent = {
      user: this.user.email,
      executionId: this.executionId,
      service,
      method,
      resource,
    };
    this.world.audit.push(event);
  }

  log(level: LogEntry['level'], args: unknown[]): void {
    this.logs.push({ level, message: formatLogArguments(args), at: this.now() });
  }

  /** Builds the fresh global scope, loads every file, calls the function; never throws. */
  run(
    platform: PlatformServiceFactory[],
    services: ServiceFactory[],
    beforeCall?: () => string | undefined,
  ): ExecutionResult {
    let value: unknown;
    let error: string | undefined;
    const env = HOST_PROCESS.env;
    const hostZone = env.TZ;
    try {
      // The script's Date, Intl and toString follow the project's zone, not the machine's: the
      // process-wide TZ is the one setting V8 reads for local time, and executions run one at a
      // time (an overlapping one restores what it found).
      env.TZ = scriptTimeZone(this.project.manifest);
      this.context = vm.createContext({});
      this.installClockAndRandomness(this.context);
      (SCRIPT_STACKS.runInContext(this.context) as (files: string[]) => void)(
        this.project.files.map((file) => file.name),
      );
      const globals: Record<string, unknown> = {};
      for (const factory of platform) Object.assign(globals, factory(this));
      for (const factory of services) Object.assign(globals, factory(this));
      Object.assign(this.context, globals);
      const refusal = beforeCall?.();
      if (refusal) throw this.error(refusal);
      for (const file of this.project.files) this.evaluate(compiled(file));
      const target = (this.context as Record<string, unknown>)[this.request.fn];
      if (typeof target !== 'function')
        throw this.error(`Script function not found: ${this.request.fn}`);
      value = this.callInRealm(this.request.fn, this.request.event);
      for (const finish of this.finishers) finish();
    } catch (thrown) {
      error = messageOf(thrown);
    } finally {
      if (hostZone === undefined) delete env.TZ;
      else env.TZ = hostZone;
    }
    if (this.stoppedWith) error = this.stoppedWith;
    const notices = manifestNotices(this.project.manifest);
    return {
      executionId: this.executionId,
      user: this.user.email,
      fn: this.request.fn,
      kind: this.kind,
      projectId: this.project.id,
      triggerId: this.request.triggerId,
      startedAt: this.startedAt,
      value: error === undefined ? value : undefined,
      error,
      logs: this.logs,
      calls: this.calls,
      methods: this.methods,
      simulatedMs: this.elapsedMs,
      ...(this.stoppedWith ? { killed: true } : {}),
      ...(notices.length ? { notices } : {}),
    };
  }

  private evaluate(script: vm.Script): unknown {
    try {
      return script.runInContext(this.context!, { timeout: this.world.wallClockLimitMs });
    } catch (thrown) {
      if ((thrown as { code?: string })?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
        this.stop(TIME_LIMIT_MESSAGE);
      throw thrown;
    }
  }

  /** Calls a global function under the wall-clock guard, with the event rebuilt in the script's realm. */
  private callInRealm(fn: string, event: unknown): unknown {
    const context = this.context as Record<string, unknown>;
    const slot = CALL_SLOT;
    Object.defineProperty(context, slot, {
      value: { fn, event: this.toRealm(event) },
      configurable: true,
      enumerable: false,
    });
    try {
      return this.evaluate(CALL_SCRIPT);
    } finally {
      delete context[slot];
    }
  }

  /**
   * The script's Date reads this execution's clock, and Math.random draws from its seeded stream,
   * so the same seed replays the same run.
   */
  private installClockAndRandomness(context: vm.Context): void {
    const install = CLOCK_AND_RANDOMNESS.runInContext(context);
    install(
      () => this.now(),
      () => this.random(),
    );
  }
}

function messageOf(thrown: unknown): string {
  if (thrown && typeof thrown === 'object' && 'message' in thrown)
    return String((thrown as { message: unknown }).message);
  return String(thrown);
}
