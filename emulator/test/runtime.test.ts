// Executions as Apps Script runs them: fresh globals every time, only Apps Script's globals, the
// virtual clock, identity, manifest rules, time limits, and errors returned instead of thrown.
import {
  ADD_ON_MANIFEST,
  addOn,
  ALICE,
  BOB,
  CARD_JS,
  logged,
  plainScript,
  twoUserWorld,
} from './helpers';
import type { Manifest } from '../project';
import { TIME_LIMIT_MESSAGE } from '../runtime';
import { World } from '../world';

const LOCALE_MANIFEST: Manifest = {
  ...ADD_ON_MANIFEST,
  oauthScopes: [
    ...(ADD_ON_MANIFEST.oauthScopes ?? []),
    'https://www.googleapis.com/auth/script.locale',
  ],
  addOns: {
    ...ADD_ON_MANIFEST.addOns,
    common: { ...(ADD_ON_MANIFEST.addOns!.common as object), useLocaleFromApp: true },
  },
};

interface EventShape {
  commonEventObject: {
    formInputs: Record<string, { stringInputs: { value: string[] } }>;
    parameters: Record<string, string>;
    timeZone: { id: string; offset: number };
  };
  userTimezone: { id: string; offset: string };
  formInput: Record<string, string>;
  parameters: Record<string, string>;
  hostApp: string;
  gmail: unknown;
}

describe('an execution', () => {
  it('starts from fresh globals and runs top-level code every time', () => {
    const world = twoUserWorld();
    const project = plainScript(`
      var loads = (typeof loads === 'undefined' ? 0 : loads) + 1;
      globalThis.leak = (globalThis.leak || 0) + 1;
      function count() { return [loads, globalThis.leak]; }`);
    const first = world.run({ project, as: ALICE, fn: 'count' });
    const second = world.run({ project, as: ALICE, fn: 'count' });
    expect(first.value).toEqual([1, 1]);
    expect(second.value).toEqual([1, 1]);
  });

  it('offers no Node globals (require, process, Buffer, setTimeout)', () => {
    const world = twoUserWorld();
    const project = plainScript(
      `function probe() { return [typeof require, typeof process, typeof Buffer, typeof setTimeout, typeof module]; }`,
    );
    expect(world.run({ project, as: ALICE, fn: 'probe' }).value).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'undefined',
    ]);
  });

  it('sees the world clock through Date, and Date objects stay real Dates', () => {
    const world = twoUserWorld();
    const project = plainScript(
      `function now() { var d = new Date(); return [d.toISOString(), Date.now() === d.getTime(), d instanceof Date, typeof Date()]; }`,
    );
    expect(world.run({ project, as: ALICE, fn: 'now' }).value).toEqual([
      '2026-03-02T08:00:00.000Z',
      true,
      true,
      'string',
    ]);
    world.advance(90 * 60_000);
    expect((world.run({ project, as: ALICE, fn: 'now' }).value as string[])[0]).toBe(
      '2026-03-02T09:30:00.000Z',
    );
  });

  it('tells the script who runs it', () => {
    const world = twoUserWorld();
    const project = plainScript(
      `function who() { return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), Session.getScriptTimeZone()]; }`,
    );
    expect(world.run({ project, as: BOB, fn: 'who' }).value).toEqual([BOB, BOB, 'Etc/UTC']);
  });

  it('returns what the script threw as an error, with the logs so far, and records the execution', () => {
    const world = twoUserWorld();
    const project = plainScript(
      `function fail() { console.log('about to fail', 42); throw new Error('bad row 7'); }`,
    );
    const result = world.run({ project, as: ALICE, fn: 'fail' });
    expect(result.error).toBe('bad row 7');
    expect(result.logs.map((l) => l.message)).toEqual(['about to fail 42']);
    expect(world.executions).toContain(result);
  });

  it('reports a missing function with Apps Script’s message', () => {
    const world = twoUserWorld();
    const result = world.run({ project: plainScript('function a() {}'), as: ALICE, fn: 'b' });
    expect(result.error).toBe('Script function not found: b');
  });

  it('lets the host call only the functions the manifest names for homepage, contextual and universal executions', () => {
    const world = twoUserWorld();
    const project = addOn(
      `function home(e) { console.log(JSON.stringify(e.hostApp)); return ${CARD_JS}; }
      function sheetsHome(e) { console.log(JSON.stringify(e.hostApp)); return ${CARD_JS}; }
      function secret() { console.log('"x"'); }`,
    );
    expect(logged(world.run({ project, as: ALICE, fn: 'home', kind: 'homepage' }))).toBe('gmail');
    expect(
      logged(
        world.run({
          project,
          as: ALICE,
          fn: 'sheetsHome',
          kind: 'homepage',
          host: { app: 'sheets' },
        }),
      ),
    ).toBe('sheets');
    expect(world.run({ project, as: ALICE, fn: 'secret', kind: 'homepage' }).error).toMatch(
      /secret is not a homepage function/,
    );
    expect(world.run({ project, as: ALICE, fn: 'secret', kind: 'universal' }).error).toMatch(
      /secret is not a universal function/,
    );
    expect(logged(world.run({ project, as: ALICE, fn: 'secret', kind: 'action' }))).toBe('x');
  });

  it('hands card executions a realistic event even when none is given', () => {
    const world = twoUserWorld();
    world.addUser({ email: 'tokyo@acme.com', timeZone: 'Asia/Tokyo' });
    const project = addOn(`function pick(e) { console.log(JSON.stringify(e)); }`, LOCALE_MANIFEST);
    const result = world.run({
      project,
      as: 'tokyo@acme.com',
      fn: 'pick',
      kind: 'action',
      host: { app: 'gmail', gmail: { messageId: 'm1', threadId: 't1', accessToken: 'tok' } },
      formInputs: { subject: 'Hello', days: ['MON', 'TUE'] },
      parameters: { campaign: 'c1' },
    });
    const event = logged(result) as EventShape;
    expect(event.commonEventObject.formInputs.days.stringInputs.value).toEqual(['MON', 'TUE']);
    expect(event.commonEventObject.parameters).toEqual({ campaign: 'c1' });
    expect(event.commonEventObject.timeZone).toEqual({ id: 'Asia/Tokyo', offset: 9 * 3600_000 });
    expect(event.userTimezone).toEqual({ id: 'Asia/Tokyo', offset: String(9 * 3600_000) });
    expect(event.formInput).toEqual({ subject: 'Hello', days: 'MON' });
    expect(event.parameters).toEqual({ campaign: 'c1' });
    expect(event.hostApp).toBe('gmail');
    expect(event.gmail).toEqual({ messageId: 'm1', threadId: 't1', accessToken: 'tok' });
  });

  it('sends the user’s locale and zone only with useLocaleFromApp and the script.locale scope', () => {
    const world = twoUserWorld();
    const fields = (manifest: Manifest) => {
      const event = logged(
        world.run({
          project: addOn(`function pick(e) { console.log(JSON.stringify(e)); }`, manifest),
          as: ALICE,
          fn: 'pick',
          kind: 'action',
        }),
      ) as Record<string, Record<string, unknown>>;
      return [
        'userLocale' in event.commonEventObject,
        'timeZone' in event.commonEventObject,
        'userLocale' in event,
        'userTimezone' in event,
      ];
    };
    const common = LOCALE_MANIFEST.addOns!.common as Record<string, unknown>;
    expect(fields(LOCALE_MANIFEST)).toEqual([true, true, true, true]);
    expect(fields(ADD_ON_MANIFEST)).toEqual([false, false, false, false]);
    // the flag without the scope, and the scope without the flag, send nothing either
    expect(fields({ ...LOCALE_MANIFEST, oauthScopes: ADD_ON_MANIFEST.oauthScopes })).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(
      fields({
        ...LOCALE_MANIFEST,
        addOns: { ...LOCALE_MANIFEST.addOns, common: { ...common, useLocaleFromApp: false } },
      }),
    ).toEqual([false, false, false, false]);
  });

  it('hands date and time pickers’ values to the script as Google’s form inputs', () => {
    const world = twoUserWorld();
    const at = Date.parse('2026-03-05T14:30:00Z');
    const result = world.run({
      project: addOn(`function pick(e) { var f = e.commonEventObject.formInputs;
        console.log(JSON.stringify([f.when.dateTimeInput.msSinceEpoch, f.when.dateTimeInput.hasTime,
          new Date(f.day.dateInput.msSinceEpoch).toISOString(), f.at.timeInput.hours,
          f.at.timeInput.minutes, f.name.stringInputs.value[0]])); }`),
      as: ALICE,
      fn: 'pick',
      kind: 'action',
      formInputs: {
        when: { dateTimeInput: { msSinceEpoch: at, hasDate: true, hasTime: true } },
        day: { dateInput: { msSinceEpoch: Date.parse('2026-03-05T00:00:00Z') } },
        at: { timeInput: { hours: 9, minutes: 15 } },
        name: 'Ann',
      },
    });
    expect(result.error).toBeUndefined();
    expect(logged(result)).toEqual([at, true, '2026-03-05T00:00:00.000Z', 9, 15, 'Ann']);
  });

  it('ends card actions at 30 s and other executions at 6 min of simulated time', () => {
    const world = twoUserWorld();
    const project =
      addOn(`function slow() { Utilities.sleep(20000); Utilities.sleep(20000); return 'done'; }
      function slower() { for (var i = 0; i < 5; i++) Utilities.sleep(80000); return 'done'; }`);
    const action = world.run({ project, as: ALICE, fn: 'slow', kind: 'action' });
    expect(action).toMatchObject({ error: TIME_LIMIT_MESSAGE, killed: true, simulatedMs: 30_000 });
    expect(world.run({ project, as: ALICE, fn: 'slow', kind: 'trigger' }).value).toBe('done');
    const long = world.run({ project, as: ALICE, fn: 'slower', kind: 'trigger' });
    expect(long).toMatchObject({ error: TIME_LIMIT_MESSAGE, killed: true, simulatedMs: 360_000 });
  });

  it('does not let a script catch its way past the time limit', () => {
    const world = twoUserWorld();
    const project = addOn(`function stubborn() {
      for (var i = 0; i < 10; i++) { try { Utilities.sleep(10000); } catch (e) {} }
      return 'survived'; }`);
    const result = world.run({ project, as: ALICE, fn: 'stubborn', kind: 'action' });
    expect(result).toMatchObject({ error: TIME_LIMIT_MESSAGE, killed: true, value: undefined });
  });

  it('stops a runaway loop that never calls a service', () => {
    const world = new World({ wallClockLimitMs: 200 });
    world.addUser({ email: ALICE });
    const project = plainScript(`function spin() { while (true) {} }`);
    expect(world.run({ project, as: ALICE, fn: 'spin' })).toMatchObject({
      error: TIME_LIMIT_MESSAGE,
      killed: true,
    });
  });

  it('counts calls per service and charges simulated time for them', () => {
    const world = twoUserWorld();
    const project = plainScript(`function work() {
      var p = PropertiesService.getScriptProperties();
      p.setProperty('a', '1'); p.getProperty('a'); p.getProperty('b');
      CacheService.getScriptCache().put('k', 'v');
    }`);
    const result = world.run({ project, as: ALICE, fn: 'work' });
    expect(result.calls).toEqual({ PropertiesService: 3, CacheService: 1 });
    expect(result.methods['PropertiesService.getProperty']).toBe(2);
    // one set (45-75) + two gets (20-40) + one cache put (50-90)
    expect(result.simulatedMs).toBeGreaterThanOrEqual(45 + 2 * 20 + 50);
    expect(result.simulatedMs).toBeLessThanOrEqual(75 + 2 * 40 + 90);
  });

  it('throws a clear error for Apps Script methods the emulator has not built', () => {
    const world = twoUserWorld();
    const project = plainScript(`function ui() { return SpreadsheetApp.getUi(); }`);
    expect(world.run({ project, as: ALICE, fn: 'ui' }).error).toBe(
      'Not implemented in the emulator: SpreadsheetApp.getUi',
    );
  });
});
