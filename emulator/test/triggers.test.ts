// ScriptApp's installable triggers: the add-on rules and messages, per-user identity and
// visibility, firing in time order as their owner, revoked authorization, and the daily runtime.
import { addOn, ALICE, BOB, plainScript, twoUserWorld } from './helpers';
import { ADD_ON_RECURRENCE, TOO_MANY_TRIGGERS } from '../services/script-app';
import { AUTHORIZATION_REQUIRED } from '../world';

const HOUR = 3600_000;

const TRIGGERS = `
  function attempt(make) { try { make(); return 'ok'; } catch (e) { return e.message; } }
  function hourly() { return attempt(function () { ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }); }
  function everyFive() { return attempt(function () { ScriptApp.newTrigger('tick').timeBased().everyMinutes(5).create(); }); }
  function once() { ScriptApp.newTrigger('tick').timeBased().after(30 * 60 * 1000).create(); }
  function mine() { return ScriptApp.getProjectTriggers().map(function (t) { return t.getHandlerFunction(); }); }
  function removeAll() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }
  function tick(e) { console.log(Session.getActiveUser().getEmail() + ' ' + new Date().toISOString() + ' ' + e.triggerUid); }`;

describe('ScriptApp triggers', () => {
  it('refuse a recurrence under one hour in an add-on, with Apps Script’s message', () => {
    const world = twoUserWorld();
    expect(world.run({ project: addOn(TRIGGERS), as: ALICE, fn: 'everyFive' }).value).toBe(
      ADD_ON_RECURRENCE,
    );
    expect(world.run({ project: plainScript(TRIGGERS), as: ALICE, fn: 'everyFive' }).value).toBe(
      'ok',
    );
  });

  it('allow 20 triggers per user per script, and each user has their own 20', () => {
    const world = twoUserWorld();
    const project = addOn(`${TRIGGERS}
      function fill() { var out = []; for (var i = 0; i < 21; i++) out.push(hourly()); return out; }`);
    const results = world.run({ project, as: ALICE, fn: 'fill' }).value as string[];
    expect(results.slice(0, 20).every((r) => r === 'ok')).toBe(true);
    expect(results[20]).toBe(TOO_MANY_TRIGGERS);
    expect(world.run({ project, as: BOB, fn: 'hourly' }).value).toBe('ok');
  });

  it('show each user only their own triggers, and let them delete only those', () => {
    const world = twoUserWorld();
    const project = addOn(TRIGGERS);
    world.run({ project, as: ALICE, fn: 'hourly' });
    world.run({ project, as: ALICE, fn: 'once' });
    expect(world.run({ project, as: BOB, fn: 'mine' }).value).toEqual([]);
    expect(world.run({ project, as: ALICE, fn: 'mine' }).value).toEqual(['tick', 'tick']);
    world.run({ project, as: BOB, fn: 'hourly' });
    world.run({ project, as: ALICE, fn: 'removeAll' });
    expect(world.triggersOf(project, ALICE)).toEqual([]);
    expect(world.triggersOf(project, BOB)).toHaveLength(1);
  });

  it('fire as the user who created them, in time order, hourly at a seeded minute', () => {
    const world = twoUserWorld(42);
    const project = addOn(TRIGGERS);
    world.run({ project, as: ALICE, fn: 'hourly' });
    world.run({ project, as: BOB, fn: 'hourly' });
    const fired = world.advance(3 * HOUR);
    expect(fired).toHaveLength(6);
    expect(fired.every((run) => run.kind === 'trigger' && run.error === undefined)).toBe(true);
    const lines = fired.map((run) => run.logs[0].message.split(' '));
    const starts = fired.map((run) => run.startedAt);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(lines.map(([who]) => who)).toEqual(fired.map((run) => run.user));
    expect(new Set(lines.map(([who]) => who))).toEqual(new Set([ALICE, BOB]));
    for (const who of [ALICE, BOB]) {
      const mine = fired.filter((run) => run.user === who).map((run) => run.startedAt);
      expect(mine[1] - mine[0]).toBe(HOUR);
      expect(mine[2] - mine[1]).toBe(HOUR);
    }
    // the event names the trigger that fired
    expect(lines.every(([, , uid]) => uid !== 'undefined')).toBe(true);
  });

  it('draw the same minutes from the same seed, and other minutes from another seed', () => {
    const minutes = (seed: number) => {
      const world = twoUserWorld(seed);
      const project = addOn(TRIGGERS);
      world.run({ project, as: ALICE, fn: 'hourly' });
      return world.advance(HOUR).map((run) => run.startedAt % HOUR);
    };
    expect(minutes(5)).toEqual(minutes(5));
    expect(minutes(5)).not.toEqual(minutes(6));
  });

  it('fire a one-shot trigger once, after its delay', () => {
    const world = twoUserWorld();
    const project = addOn(TRIGGERS);
    world.run({ project, as: ALICE, fn: 'once' });
    expect(world.advance(29 * 60_000)).toEqual([]);
    expect(world.advance(60_000)).toHaveLength(1);
    expect(world.advance(5 * HOUR)).toEqual([]);
  });

  it('fail once the user revoked the add-on’s authorization', () => {
    const world = twoUserWorld();
    const project = addOn(TRIGGERS);
    world.run({ project, as: ALICE, fn: 'hourly' });
    world.revoke(ALICE);
    const [run] = world.advance(HOUR);
    expect(run).toMatchObject({ user: ALICE, error: AUTHORIZATION_REQUIRED });
    expect(run.logs).toEqual([]);
    world.install(project, ALICE);
    expect(world.advance(HOUR)[0].error).toBeUndefined();
  });

  it('report that authorization is required when a new version asks for more scopes', () => {
    const world = twoUserWorld();
    const check = `function status() { return ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL).getAuthorizationStatus(); }`;
    const v1 = addOn(check);
    expect(world.run({ project: v1, as: ALICE, fn: 'status' }).value).toBe('NOT_REQUIRED');
    const v2 = {
      ...v1,
      manifest: { ...v1.manifest, oauthScopes: ['https://www.googleapis.com/auth/gmail.send'] },
    };
    expect(world.run({ project: v2, as: ALICE, fn: 'status' }).error).toBe(AUTHORIZATION_REQUIRED);
  });

  it('stop running a user’s triggers once their daily trigger runtime is used up', () => {
    const world = twoUserWorld();
    world.quotas.overrides.workspace = { triggerRuntimeMs: 90_000 };
    const project = addOn(`${TRIGGERS} function work() { Utilities.sleep(60000); }
      function install() { ScriptApp.newTrigger('work').timeBased().everyHours(1).create(); }`);
    world.run({ project, as: ALICE, fn: 'install' });
    const runs = world.advance(3 * HOUR);
    expect(runs.map((run) => run.error)).toEqual([
      undefined,
      undefined,
      'Service using too much computer time for one day',
    ]);
  });
});
