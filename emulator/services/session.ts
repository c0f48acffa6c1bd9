// Session, Logger and console: who is running (the execution's user, a trigger's creator), the
// script's time zone, and logs captured per execution.
import type { LogEntry, Execution } from '../runtime';
import { scriptTimeZone } from '../project';
import { guarded, type Members } from './guard';

/** A User (Session's, a spreadsheet's owner or editor): only the email is known. */
export function fakeUser(exec: Execution, email: string) {
  return guarded(exec, 'User', {
    getEmail: () => email,
  } satisfies Members<GoogleAppsScript.Base.User>);
}

/** The Session global of one execution. */
export function sessionService(exec: Execution): Record<string, unknown> {
  const call = <T>(method: string, body: () => T) => exec.invoke('Session', method, body);
  return {
    Session: guarded(exec, 'Session', {
      getActiveUser: () => call('getActiveUser', () => fakeUser(exec, exec.user.email)),
      getEffectiveUser: () => call('getEffectiveUser', () => fakeUser(exec, exec.user.email)),
      getScriptTimeZone: () =>
        call('getScriptTimeZone', () => scriptTimeZone(exec.project.manifest)),
      getActiveUserLocale: () => call('getActiveUserLocale', () => 'en'),
      getTemporaryActiveUserKey: () =>
        call('getTemporaryActiveUserKey', () =>
          Buffer.from(`${exec.project.id}:${exec.user.email}`).toString('base64url'),
        ),
    } satisfies Members<GoogleAppsScript.Base.Session>),
  };
}

/** Logger and console of one execution: every line lands in the execution's logs. */
export function loggingServices(exec: Execution): Record<string, unknown> {
  const logger = {
    log: (...args: unknown[]) => {
      exec.invoke('Logger', 'log', () => exec.log('info', args));
      return logger;
    },
    getLog: () =>
      exec.logs
        .map((entry) => `${new Date(entry.at).toISOString()} INFO: ${entry.message}`)
        .join('\n'),
    clear: () => void exec.logs.splice(0),
  } satisfies Members<GoogleAppsScript.Base.Logger>;
  const level =
    (name: LogEntry['level']) =>
    (...args: unknown[]) =>
      exec.log(name, args);
  const timers = new Map<string, number>();
  const console = {
    log: level('log'),
    info: level('info'),
    warn: level('warn'),
    error: level('error'),
    time: (label = 'default') => void timers.set(label, exec.now()),
    timeEnd: (label = 'default') =>
      exec.log('info', [`${label}: ${exec.now() - (timers.get(label) ?? exec.now())}ms`]),
  } satisfies Members<Console>;
  return { Logger: guarded(exec, 'Logger', logger), console };
}
