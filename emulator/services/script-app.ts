// ScriptApp: installable time-driven triggers owned by the user who created them, with the add-on
// rules (at most hourly, 20 per user per script), hourly triggers at a seeded minute of each hour,
// getProjectTriggers showing only the caller's, and the authorization info of the current user.
import type { Execution } from '../runtime';
import { isAddOn } from '../project';
import { accessTokensOf } from '../web';
import { guarded, type Members } from './guard';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const TRIGGERS_PER_USER = 20;
export const ADD_ON_RECURRENCE =
  'The recurrence interval for an Add-on trigger must be at least one hour.';
export const TOO_MANY_TRIGGERS =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
const MINUTE_VALUES = [1, 5, 10, 15, 30];

export interface TriggerRecord {
  id: string;
  projectId: string;
  /** The user who created it: the trigger runs as them. */
  owner: string;
  handler: string;
  createdAt: number;
  nextRunAt: number;
  /** Recurring triggers fire every periodMs; one-shot triggers (after, at) have none. */
  periodMs?: number;
}

/** Every installable trigger of the world, in creation order. */
export class TriggerTable {
  readonly all: TriggerRecord[] = [];
  private counter = 0;

  newId(random: () => number): string {
    this.counter += 1;
    return `${this.counter}${String(Math.floor(random() * 1e12)).padStart(12, '0')}`;
  }

  of(projectId: string, owner: string): TriggerRecord[] {
    return this.all.filter((t) => t.projectId === projectId && t.owner === owner);
  }

  remove(id: string): void {
    const index = this.all.findIndex((t) => t.id === id);
    if (index >= 0) this.all.splice(index, 1);
  }

  /** The earliest trigger due at or before `time` (ties: the older trigger first). */
  nextDue(time: number): TriggerRecord | undefined {
    let due: TriggerRecord | undefined;
    for (const trigger of this.all)
      if (trigger.nextRunAt <= time && (!due || trigger.nextRunAt < due.nextRunAt)) due = trigger;
    return due;
  }

  /** Moves a trigger past its run: one-shot triggers are removed, recurring ones rescheduled. */
  fired(trigger: TriggerRecord): void {
    if (trigger.periodMs === undefined) this.remove(trigger.id);
    else trigger.nextRunAt += trigger.periodMs;
  }
}

/** The first run of a recurring trigger: a seeded moment within the period, after `now`. */
function firstRun(now: number, periodMs: number, offsetWithinHour: number): number {
  if (periodMs < HOUR) return now + periodMs;
  let next = Math.floor(now / HOUR) * HOUR + offsetWithinHour;
  while (next <= now) next += HOUR;
  return next;
}

const enumOf = (names: string[]) => Object.fromEntries(names.map((name) => [name, name]));

/** The ScriptApp global of one execution. */
export function scriptAppService(exec: Execution): Record<string, unknown> {
  const world = exec.world;
  const table = world.triggers;
  const call = <T>(method: string, body: () => T) => exec.invoke('ScriptApp', method, body);

  const triggerObject = (record: TriggerRecord) =>
    guarded(exec, 'Trigger', {
      getUniqueId: () => record.id,
      getHandlerFunction: () => record.handler,
      getEventType: () => 'CLOCK',
      getTriggerSource: () => 'CLOCK',
      getTriggerSourceId: () => null,
    } satisfies Members<GoogleAppsScript.Script.Trigger>);

  const clockBuilder = (handler: string) => {
    let periodMs: number | undefined;
    let runAt: number | undefined;
    const builder = {
      everyMinutes(n: number) {
        if (!MINUTE_VALUES.includes(n))
          throw exec.error('The value passed to everyMinutes must be one of 1, 5, 10, 15 or 30.');
        periodMs = n * MINUTE;
        return proxy;
      },
      everyHours(n: number) {
        if (!Number.isInteger(n) || n < 1) throw exec.error('Invalid argument: hours');
        periodMs = n * HOUR;
        return proxy;
      },
      everyDays(n: number) {
        if (!Number.isInteger(n) || n < 1) throw exec.error('Invalid argument: days');
        periodMs = n * DAY;
        return proxy;
      },
      everyWeeks(n: number) {
        periodMs = n * 7 * DAY;
        return proxy;
      },
      after(ms: number) {
        runAt = exec.now() + Math.max(0, Number(ms) || 0);
        return proxy;
      },
      at(date: Date) {
        runAt = date.getTime();
        return proxy;
      },
      create() {
        return call('create', () => {
          if (periodMs === undefined && runAt === undefined)
            throw exec.error('Missing recurrence: call everyHours, everyMinutes, after or at.');
          if (periodMs !== undefined && periodMs < HOUR && isAddOn(exec.project.manifest))
            throw exec.error(ADD_ON_RECURRENCE);
          if (table.of(exec.project.id, exec.user.email).length >= TRIGGERS_PER_USER)
            throw exec.error(TOO_MANY_TRIGGERS);
          const record: TriggerRecord = {
            id: table.newId(() => world.random()),
            projectId: exec.project.id,
            owner: exec.user.email,
            handler,
            createdAt: exec.now(),
            nextRunAt: runAt ?? firstRun(exec.now(), periodMs!, Math.floor(world.random() * HOUR)),
            ...(runAt === undefined ? { periodMs } : {}),
          };
          table.all.push(record);
          return triggerObject(record);
        });
      },
    };
    const proxy = guarded(
      exec,
      'ClockTriggerBuilder',
      builder satisfies Members<GoogleAppsScript.Script.ClockTriggerBuilder>,
    );
    return proxy;
  };

  const scriptApp = {
    AuthMode: enumOf(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']),
    AuthorizationStatus: enumOf(['REQUIRED', 'NOT_REQUIRED']),
    EventType: enumOf([
      'CLOCK',
      'ON_OPEN',
      'ON_EDIT',
      'ON_FORM_SUBMIT',
      'ON_CHANGE',
      'ON_EVENT_UPDATED',
    ]),
    TriggerSource: enumOf(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR']),
    WeekDay: enumOf(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']),
    newTrigger: (functionName: string) =>
      guarded(exec, 'TriggerBuilder', {
        timeBased: () => clockBuilder(String(functionName)),
      } satisfies Members<GoogleAppsScript.Script.TriggerBuilder>),
    getProjectTriggers: () =>
      call('getProjectTriggers', () =>
        exec.realm.Array.from(table.of(exec.project.id, exec.user.email).map(triggerObject)),
      ),
    getUserTriggers: () =>
      call('getUserTriggers', () =>
        exec.realm.Array.from(table.of(exec.project.id, exec.user.email).map(triggerObject)),
      ),
    deleteTrigger: (trigger: { getUniqueId(): string }) =>
      call('deleteTrigger', () => {
        const id = trigger?.getUniqueId?.();
        const own = table.of(exec.project.id, exec.user.email).some((t) => t.id === id);
        if (!own) throw exec.error('Trigger not found. It may have been deleted already.');
        table.remove(id);
      }),
    getAuthorizationInfo: () =>
      call('getAuthorizationInfo', () => {
        const status = world.needsAuthorization(exec.project, exec.user.email)
          ? 'REQUIRED'
          : 'NOT_REQUIRED';
        return guarded(exec, 'AuthorizationInfo', {
          getAuthorizationStatus: () => status,
          getAuthorizationUrl: () =>
            status === 'REQUIRED'
              ? `https://script.google.com/macros/d/${encodeURIComponent(exec.project.id)}/authorize`
              : null,
        } satisfies Members<GoogleAppsScript.Script.AuthorizationInfo>);
      }),
    getScriptId: () => exec.project.id,
    // an opaque token the world's web servers resolve to this user and the scopes granted
    getOAuthToken: () =>
      call('getOAuthToken', () =>
        accessTokensOf(world).issue(
          world,
          exec.user.email,
          exec.project.id,
          world.grantedScopes(exec.project, exec.user.email),
        ),
      ),
  } satisfies Members<GoogleAppsScript.Script.ScriptApp>;
  return { ScriptApp: guarded(exec, 'ScriptApp', scriptApp) };
}
