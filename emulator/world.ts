// The emulator's world: users, spreadsheets, property stores, caches, locks, triggers, quotas and
// mail on one virtual clock. Executions run one at a time on that clock; advancing it fires due
// time-driven triggers in time order, each as its own execution as the trigger's owner.
import { addOnReturnRefusal, cardServices } from './cards/index';
import { CostModel } from './cost';
import { buildCardEvent, buildTimeEvent, isCardKind, type FormInputValue } from './events';
import type { FaultPlan } from './faults';
import { gmailServices, MailSystem } from './gmail/index';
import type {
  AccountKind,
  AuditEvent,
  ExecutionKind,
  HostContext,
  Kernel,
  QuotaName,
  ServiceFactory,
  UserAccount,
} from './kernel';
import { manifestFunctions, sendsUserLocale, type Project } from './project';
import { QUOTA_MESSAGES, QuotaBook } from './quota';
import { seededRandom, type Random } from './random';
import {
  Execution,
  type ExecutionResult,
  type PlatformServiceFactory,
  type RunRequest,
  WALL_CLOCK_LIMIT_MS,
} from './runtime';
import { absentServices } from './services/absent';
import { cacheService, CacheStores } from './services/cache';
import { lockService, LockTable } from './services/lock';
import { PropertyStores, propertiesService, type PropertyScope } from './services/properties';
import { scriptAppService, TriggerTable } from './services/script-app';
import { loggingServices, sessionService } from './services/session';
import { SheetStore, spreadsheetService, type NewSpreadsheet } from './services/spreadsheet';
import { urlFetchService } from './services/url-fetch';
import { utilitiesService } from './services/utilities';
import { accessTokensOf } from './web';

export const AUTHORIZATION_REQUIRED = 'Authorization is required to perform that action.';

/** Services this module emulates itself; mail and cards come from their own modules. */
const PLATFORM_SERVICES: PlatformServiceFactory[] = [
  // first, so that every service the emulator has replaces its "not implemented" stand-in
  absentServices,
  loggingServices,
  sessionService,
  utilitiesService,
  propertiesService,
  cacheService,
  lockService,
  scriptAppService,
  spreadsheetService,
  urlFetchService,
];

export interface WorldOptions {
  /** Seed of every random draw (ids, latencies, trigger minutes, faults). Default 1. */
  seed?: number;
  /** Start of the virtual clock: ISO time or ms since the epoch. Default 2026-01-05T09:00:00Z. */
  start?: string | number;
  /** Faults applied to every execution that does not bring its own plan. */
  faults?: FaultPlan;
  /** Services added to every execution (default: the mail and card emulations). */
  services?: ServiceFactory[];
  /** Real time a script may compute without a service call before it is stopped. Default 20 s. */
  wallClockLimitMs?: number;
}

export interface NewUser {
  email: string;
  name?: string;
  kind?: AccountKind;
  timeZone?: string;
  aliases?: string[];
}

/** What to run: as RunRequest, with `kind` defaulting to 'direct' and a card event built if none given. */
export type RunOptions = RunRequest & {
  /** Form inputs and parameters for the card event the world builds when `event` is absent. */
  formInputs?: Record<string, FormInputValue>;
  parameters?: Record<string, string>;
  /** The user's locale for that event (default `en`). */
  locale?: string;
};

const MAX_TRIGGER_RUNS_PER_ADVANCE = 100_000;

export class World implements Kernel {
  readonly seed: number;
  private clock: number;
  private readonly rng: Random;
  private readonly accounts = new Map<string, UserAccount & { aliases: string[] }>();
  private readonly stateByKey = new Map<string, unknown>();
  private readonly projects = new Map<string, Project>();
  /** Scopes each user granted each project (key: project id + email). */
  private readonly grants = new Map<string, Set<string>>();
  private readonly running: Execution[] = [];
  private nextExecutionId = 1;
  private latestEnd = 0;

  readonly sheets: SheetStore;
  readonly properties = new PropertyStores();
  readonly caches = new CacheStores();
  readonly locks = new LockTable();
  readonly triggers = new TriggerTable();
  readonly quotas = new QuotaBook();
  readonly cost = new CostModel();
  readonly audit: AuditEvent[] = [];
  readonly executions: ExecutionResult[] = [];
  readonly services: ServiceFactory[];
  readonly wallClockLimitMs: number;
  faults: FaultPlan;

  constructor(options: WorldOptions = {}) {
    this.seed = options.seed ?? 1;
    this.rng = seededRandom(this.seed);
    const start = options.start ?? '2026-01-05T09:00:00Z';
    this.clock = typeof start === 'number' ? start : Date.parse(start);
    if (Number.isNaN(this.clock)) throw new Error(`World start "${start}" is not an ISO time.`);
    this.faults = options.faults ?? {};
    this.services = options.services ?? [gmailServices, cardServices];
    this.sheets = new SheetStore(() => this.random());
    this.wallClockLimitMs = options.wallClockLimitMs ?? WALL_CLOCK_LIMIT_MS;
  }

  // ---- Kernel ----

  /** Virtual time: inside an execution, that execution's own clock. */
  now(): number {
    const current = this.running[this.running.length - 1];
    return current ? current.now() : this.clock;
  }

  user(email: string): UserAccount | undefined {
    return this.accounts.get(email.toLowerCase());
  }

  users(): UserAccount[] {
    return [...this.accounts.values()];
  }

  random(): number {
    return this.rng();
  }

  state<T>(key: string, create: () => T): T {
    if (!this.stateByKey.has(key)) this.stateByKey.set(key, create());
    return this.stateByKey.get(key) as T;
  }

  // ---- People and documents ----

  addUser(spec: NewUser): UserAccount {
    const email = spec.email.toLowerCase();
    if (this.accounts.has(email)) throw new Error(`User ${email} already exists in this world.`);
    const account = {
      email,
      name: spec.name ?? email.split('@')[0],
      kind: spec.kind ?? 'workspace',
      timeZone: spec.timeZone ?? 'Etc/UTC',
      aliases: spec.aliases ?? [],
      authorized: true,
    };
    this.accounts.set(email, account);
    return account;
  }

  /** The mail system (mailboxes, delivery), created on first use. */
  get mail(): MailSystem {
    return this.state('mail', () => new MailSystem(this));
  }

  /** Creates a spreadsheet owned by `owner`; returns its id. */
  createSpreadsheet(spec: NewSpreadsheet): string {
    return this.sheets.create(spec).id;
  }

  // ---- Authorization ----

  private grantKey(project: Project, email: string): string {
    return `${project.id}\u0000${email.toLowerCase()}`;
  }

  /** The user installs (authorizes) the add-on: grants every scope its manifest asks for. */
  install(project: Project, email: string): void {
    const user = this.requireUser(email);
    user.authorized = true;
    this.projects.set(project.id, project);
    this.grants.set(this.grantKey(project, email), new Set(project.manifest.oauthScopes ?? []));
  }

  /** The user revokes the add-on's access: their executions, triggers included, then fail. */
  revoke(email: string): void {
    this.requireUser(email).authorized = false;
    accessTokensOf(this).revokeUser(email.toLowerCase());
    for (const key of this.grants.keys())
      if (key.endsWith(`\u0000${email.toLowerCase()}`)) this.grants.delete(key);
  }

  grantedScopes(project: Project, email: string): string[] {
    return [...(this.grants.get(this.grantKey(project, email)) ?? [])];
  }

  /** True when the user revoked access or the project now asks for scopes not yet granted. */
  needsAuthorization(project: Project, email: string): boolean {
    const user = this.user(email);
    if (!user?.authorized) return true;
    const granted = this.grants.get(this.grantKey(project, email));
    if (!granted) return false;
    return (project.manifest.oauthScopes ?? []).some((scope) => !granted.has(scope));
  }

  // ---- Executions ----

  /** Runs one execution and records it; script errors come back in `error`, never thrown. */
  run(options: RunOptions): ExecutionResult {
    const user = this.requireUser(options.as);
    const kind: ExecutionKind = options.kind ?? 'direct';
    const host: HostContext = options.host ?? { app: 'none' };
    this.projects.set(options.project.id, options.project);
    if (!this.grants.has(this.grantKey(options.project, user.email)) && user.authorized)
      this.install(options.project, user.email);
    const event =
      options.event !== undefined || !isCardKind(kind)
        ? options.event
        : buildCardEvent({
            user,
            host,
            now: this.now(),
            formInputs: options.formInputs,
            parameters: options.parameters,
            locale: options.locale,
            localeFromApp: sendsUserLocale(options.project.manifest),
            spreadsheetTitle: host.activeSpreadsheetId
              ? this.sheets.get(host.activeSpreadsheetId)?.name
              : undefined,
          });
    const request: RunRequest = { ...options, kind, host, event };
    const executionId = this.nextExecutionId++;
    const execution = new Execution(
      this,
      executionId,
      request,
      user,
      options.faults ?? this.faults,
    );
    this.running.push(execution);
    let result: ExecutionResult;
    try {
      result = execution.run(PLATFORM_SERVICES, this.services, () => this.refusal(request, user));
    } finally {
      this.running.pop();
      this.locks.releaseAll(executionId);
    }
    // An overlapping (inner) run may end after the outer one: the clock waits for the later end.
    this.latestEnd = Math.max(this.latestEnd, execution.now());
    if (this.running.length === 0) this.clock = Math.max(this.clock, this.latestEnd);
    if (kind === 'trigger')
      this.quotas.record(user.email, 'triggerRuntimeMs', result.simulatedMs, execution.startedAt);
    const refused =
      result.error === undefined && addOnReturnRefusal(kind, options.fn, result.value);
    if (refused) result = { ...result, value: undefined, error: refused };
    this.executions.push(result);
    return result;
  }

  /** Why this execution may not start, in Apps Script's words; undefined when it may. */
  private refusal(request: RunRequest, user: UserAccount): string | undefined {
    if (this.needsAuthorization(request.project, user.email)) return AUTHORIZATION_REQUIRED;
    const kind = request.kind ?? 'direct';
    if (
      kind === 'trigger' &&
      this.quotas.remaining(user.email, user.kind, 'triggerRuntimeMs', this.now()) <= 0
    )
      return QUOTA_MESSAGES.triggerRuntimeMs;
    const allowed = manifestFunctions(request.project.manifest);
    const listFor: Partial<Record<ExecutionKind, string[]>> = {
      homepage: allowed.homepage,
      contextual: allowed.contextual,
      universal: allowed.universal,
    };
    const list = listFor[kind];
    if (list && !list.includes(request.fn))
      return `${request.fn} is not a ${kind} function of this add-on: appsscript.json names ${list.join(', ') || 'none'}.`;
    return undefined;
  }

  /**
   * Advances the clock by `ms`, firing every trigger that falls due; returns their executions.
   * Each trigger run starts at its due time (runs of different users may overlap in simulated
   * time, as they do in Apps Script); the clock ends at the latest of `ms` and the runs' ends.
   */
  advance(ms: number): ExecutionResult[] {
    return this.runUntil(this.clock + ms);
  }

  /** Moves the clock to `time` (ms or ISO), firing due triggers in time order on the way. */
  runUntil(time: number | string): ExecutionResult[] {
    const until = typeof time === 'number' ? time : Date.parse(time);
    if (Number.isNaN(until)) throw new Error(`runUntil: "${time}" is not an ISO time.`);
    if (this.running.length) throw new Error('The clock cannot be advanced during an execution.');
    const fired: ExecutionResult[] = [];
    // Triggers that fell due while the clock was held by direct runs start now, not in the past.
    const notBefore = this.clock;
    for (let due = this.triggers.nextDue(until); due; due = this.triggers.nextDue(until)) {
      if (fired.length >= MAX_TRIGGER_RUNS_PER_ADVANCE)
        throw new Error(`More than ${MAX_TRIGGER_RUNS_PER_ADVANCE} trigger runs in one advance.`);
      const trigger = due;
      const startAt = Math.max(trigger.nextRunAt, notBefore);
      this.triggers.fired(trigger);
      const project = this.projects.get(trigger.projectId);
      if (!project) continue;
      fired.push(
        this.run({
          project,
          as: trigger.owner,
          fn: trigger.handler,
          kind: 'trigger',
          triggerId: trigger.id,
          startAt,
          event: buildTimeEvent(trigger.id, startAt),
        }),
      );
    }
    this.clock = Math.max(this.clock, until);
    return fired;
  }

  // ---- Inspection ----

  /** A copy of a property store. `owner`: the user's email (user scope) or the spreadsheet id. */
  store(project: Project, scope: PropertyScope, owner?: string): Record<string, string> {
    return this.properties.snapshot(
      project.id,
      scope,
      scope === 'user' && owner ? owner.toLowerCase() : owner,
    );
  }

  remainingQuota(email: string, quota: QuotaName): number {
    const user = this.requireUser(email);
    return this.quotas.remaining(user.email, user.kind, quota, this.now());
  }

  /** Triggers a user owns in a project (as ScriptApp.getProjectTriggers would list them). */
  triggersOf(project: Project, email: string) {
    return this.triggers.of(project.id, email.toLowerCase()).map((t) => ({ ...t }));
  }

  private requireUser(email: string): UserAccount & { aliases: string[] } {
    const user = this.accounts.get(String(email).toLowerCase());
    if (!user) throw new Error(`No user ${email} in this world: call world.addUser first.`);
    return user;
  }
}
