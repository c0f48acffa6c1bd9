// PropertiesService and CacheService as a script sees them: scopes and who shares them, missing
// keys, the 9 KB / 500 KB limits with Apps Script's messages, and the daily read/write quota.
import { addOn, ALICE, BOB, plainScript, twoUserWorld, logged } from './helpers';
import { STORE_FULL, VALUE_TOO_LARGE } from '../services/properties';

const STORES = `
  function put(scope, key, value) { PropertiesService['get' + scope + 'Properties']().setProperty(key, value); }
  function get(scope, key) { return PropertiesService['get' + scope + 'Properties']().getProperty(key); }
  function hasDocumentStore() { return PropertiesService.getDocumentProperties() !== null; }`;

describe('PropertiesService', () => {
  it('shares script properties between users and keeps user properties per user', () => {
    const world = twoUserWorld();
    const project = addOn(`${STORES}
      function write() { put('Script', 'shared', 'by ' + Session.getActiveUser().getEmail()); put('User', 'mine', Session.getActiveUser().getEmail()); }
      function read() { return [get('Script', 'shared'), get('User', 'mine')]; }`);
    world.run({ project, as: ALICE, fn: 'write' });
    expect(world.run({ project, as: BOB, fn: 'read' }).value).toEqual([`by ${ALICE}`, null]);
    expect(world.store(project, 'user', ALICE)).toEqual({ mine: ALICE });
    expect(world.store(project, 'user', BOB)).toEqual({});
  });

  it('has document properties only in a document context, shared by the users of that document', () => {
    const world = twoUserWorld();
    const sheet = world.createSpreadsheet({ owner: ALICE, editors: [BOB] });
    const project = addOn(`${STORES}
      function write() { put('Document', 'k', 'v'); }
      function read() { console.log(JSON.stringify(get('Document', 'k'))); }`);
    const inSheets = { app: 'sheets' as const, activeSpreadsheetId: sheet };
    expect(world.run({ project, as: ALICE, fn: 'hasDocumentStore' }).value).toBe(false);
    expect(
      world.run({ project, as: ALICE, fn: 'hasDocumentStore', kind: 'trigger', host: inSheets })
        .value,
    ).toBe(false);
    world.run({ project, as: ALICE, fn: 'write', kind: 'action', host: inSheets });
    expect(
      logged(world.run({ project, as: BOB, fn: 'read', kind: 'action', host: inSheets })),
    ).toBe('v');
  });

  it('refuses a value over 9 KB with Apps Script’s message and keeps the store unchanged', () => {
    const world = twoUserWorld();
    const project = plainScript(`${STORES}
      function big(n) { try { put('User', 'big', new Array(n + 1).join('x')); return 'ok'; } catch (e) { return e.message; } }
      function tooBig() { return big(9 * 1024 + 1); }
      function justFits() { return big(9 * 1024); }`);
    expect(world.run({ project, as: ALICE, fn: 'tooBig' }).value).toBe(VALUE_TOO_LARGE);
    expect(world.store(project, 'user', ALICE)).toEqual({});
    expect(world.run({ project, as: ALICE, fn: 'justFits' }).value).toBe('ok');
  });

  it('refuses to grow a store past 500 KB, keys included', () => {
    const world = twoUserWorld();
    const project = plainScript(`
      function fill() {
        var props = PropertiesService.getUserProperties(), value = new Array(9001).join('v'), i;
        try { for (i = 0; i < 100; i++) props.setProperty('key' + i, value); }
        catch (e) { return [i, e.message]; }
      }`);
    const [written, message] = world.run({ project, as: ALICE, fn: 'fill' }).value as [
      number,
      string,
    ];
    expect(message).toBe(STORE_FULL);
    // each entry: 9000-byte value + 4-5 byte key; 500 KB = 512000 bytes → 56 entries fit
    expect(written).toBe(Math.floor((500 * 1024) / (9000 + 5)));
    expect(Object.keys(world.store(project, 'user', ALICE))).toHaveLength(written);
  });

  it('reads and writes many properties in one call, and deleteAllOthers replaces the store', () => {
    const world = twoUserWorld();
    const project = plainScript(`
      function run() {
        var p = PropertiesService.getUserProperties();
        p.setProperties({ a: '1', b: 2 });
        var before = p.getProperties();
        p.setProperties({ c: '3' }, true);
        return [before, p.getKeys(), p.getProperty('a')];
      }`);
    const result = world.run({ project, as: ALICE, fn: 'run' });
    expect(result.value).toEqual([{ a: '1', b: '2' }, ['c'], null]);
    expect(result.calls.PropertiesService).toBe(5);
  });

  it('stops at the daily read/write quota and starts again 24 hours after the first use', () => {
    const world = twoUserWorld();
    world.quotas.overrides.workspace = { propertiesReadWrite: 3 };
    const project = plainScript(`
      function many() { var p = PropertiesService.getUserProperties();
        try { for (var i = 0; i < 5; i++) p.getProperty('x'); } catch (e) { return [i, e.message]; } }`);
    expect(world.run({ project, as: ALICE, fn: 'many' }).value).toEqual([
      3,
      'Service invoked too many times for one day: properties.',
    ]);
    expect(world.remainingQuota(ALICE, 'propertiesReadWrite')).toBe(0);
    expect(world.remainingQuota(BOB, 'propertiesReadWrite')).toBe(3);
    world.advance(24 * 3600_000);
    expect(world.remainingQuota(ALICE, 'propertiesReadWrite')).toBe(3);
  });
});

describe('CacheService', () => {
  it('forgets entries when they expire (10 minutes by default)', () => {
    const world = twoUserWorld();
    const project = plainScript(`
      function put() { CacheService.getUserCache().put('a', '1'); CacheService.getUserCache().put('b', '2', 3600); }
      function get() { var c = CacheService.getUserCache(); return [c.get('a'), c.get('b'), CacheService.getDocumentCache()]; }`);
    world.run({ project, as: ALICE, fn: 'put' });
    expect(world.run({ project, as: ALICE, fn: 'get' }).value).toEqual(['1', '2', null]);
    expect(world.run({ project, as: BOB, fn: 'get' }).value).toEqual([null, null, null]);
    world.advance(11 * 60_000);
    expect(world.run({ project, as: ALICE, fn: 'get' }).value).toEqual([null, '2', null]);
  });

  it('refuses keys over 250 characters and values over 100 KB', () => {
    const world = twoUserWorld();
    const project = plainScript(`
      function attempt(key, size) { try { CacheService.getScriptCache().put(key, new Array(size + 1).join('x')); return 'ok'; } catch (e) { return e.message; } }
      function limits() { return [attempt(new Array(252).join('k'), 1), attempt('k', 100 * 1024 + 1), attempt('k', 100 * 1024)]; }`);
    expect(world.run({ project, as: ALICE, fn: 'limits' }).value).toEqual([
      'Argument too large: key',
      'Argument too large: value',
      'ok',
    ]);
  });
});
