// Lock contention between overlapping executions of one user, and seeded fault injection:
// transient errors, an execution killed at its Nth call, and the same seed giving the same run.
import { addOn, ALICE, BOB, twoUserWorld } from './helpers';
import { LOCK_TIMEOUT } from '../services/lock';
import { KILL_MESSAGE, TRANSIENT_MESSAGE } from '../faults';

const LOCKING = `
  function tick() {
    var lock = LockService.getUserLock();
    if (!lock.tryLock(5000)) { console.log('busy'); return 'skipped'; }
    try { PropertiesService.getUserProperties().setProperty('last', String(Date.now())); return 'ran'; }
    finally { lock.releaseLock(); }
  }
  function waiter() { try { LockService.getScriptLock().waitLock(2000); return 'got it'; } catch (e) { return e.message; } }
  function holder() { var lock = LockService.getScriptLock(); lock.waitLock(1000); PropertiesService.getScriptProperties().getProperty('x'); return lock.hasLock(); }
  function documentLock() { return LockService.getDocumentLock(); }`;

describe('LockService', () => {
  it('keeps an overlapping execution of the same user out while the first holds the lock', () => {
    const world = twoUserWorld();
    const project = addOn(LOCKING);
    const outer = world.run({
      project,
      as: ALICE,
      fn: 'tick',
      kind: 'trigger',
      faults: { overlap: { atCall: 2, fn: 'tick' } },
    });
    const inner = world.executions.find((run) => run.executionId !== outer.executionId)!;
    expect(outer.value).toBe('ran');
    expect(inner).toMatchObject({ user: ALICE, value: 'skipped' });
    expect(inner.simulatedMs).toBeGreaterThanOrEqual(5000);
    // they ran at the same time: the world clock moved to the later of their ends
    expect(world.now()).toBe(
      Math.max(outer.startedAt + outer.simulatedMs, inner.startedAt + inner.simulatedMs),
    );
    expect(inner.startedAt).toBeGreaterThan(outer.startedAt);
    // the lock was released: a later run gets it
    expect(world.run({ project, as: ALICE, fn: 'tick', kind: 'trigger' }).value).toBe('ran');
  });

  it('makes waitLock fail with Apps Script’s message when the holder keeps the lock', () => {
    const world = twoUserWorld();
    const project = addOn(LOCKING);
    const outer = world.run({
      project,
      as: ALICE,
      fn: 'holder',
      faults: { overlap: { atCall: 2, fn: 'waiter' } },
    });
    expect(outer.value).toBe(true);
    expect(world.executions.find((run) => run.fn === 'waiter')?.value).toBe(LOCK_TIMEOUT);
  });

  it('has no document lock outside a document', () => {
    const world = twoUserWorld();
    expect(world.run({ project: addOn(LOCKING), as: BOB, fn: 'documentLock' }).value).toBeNull();
  });
});

const BUSY = `
  function busy() {
    var props = PropertiesService.getUserProperties(), out = [];
    for (var i = 0; i < 12; i++) {
      try { props.setProperty('k' + i, 'v'); out.push('ok'); } catch (e) { out.push(e.message); }
    }
    return out;
  }`;

describe('fault injection', () => {
  const transient = { transient: [{ service: 'PropertiesService', share: 0.5 }] };

  it('makes a share of a service’s calls fail with a transient server error', () => {
    const world = twoUserWorld(3);
    const outcomes = world.run({ project: addOn(BUSY), as: ALICE, fn: 'busy', faults: transient })
      .value as string[];
    expect(outcomes).toContain('ok');
    expect(outcomes).toContain(TRANSIENT_MESSAGE);
  });

  it('replays the same run from the same seed, and another run from another seed', () => {
    const runOnce = (seed: number) => {
      const world = twoUserWorld(seed);
      const project = addOn(BUSY);
      const { value, simulatedMs, calls } = world.run({
        project,
        as: ALICE,
        fn: 'busy',
        faults: transient,
      });
      return { value, simulatedMs, calls, store: world.store(project, 'user', ALICE) };
    };
    expect(runOnce(9)).toEqual(runOnce(9));
    expect(runOnce(9)).not.toEqual(runOnce(10));
  });

  it('kills an execution at its Nth call: every later call fails too, and the run reports the kill', () => {
    const world = twoUserWorld();
    const project = addOn(BUSY);
    const result = world.run({ project, as: ALICE, fn: 'busy', faults: { killAtCall: 4 } });
    expect(result).toMatchObject({ killed: true, error: KILL_MESSAGE, value: undefined });
    expect(Object.keys(world.store(project, 'user', ALICE))).toEqual(['k0', 'k1', 'k2']);
  });

  it('applies the world’s faults to executions that bring none (such as fired triggers)', () => {
    const world = twoUserWorld();
    world.faults = { killAtCall: 1 };
    const result = world.run({ project: addOn(BUSY), as: ALICE, fn: 'busy' });
    expect(result.killed).toBe(true);
  });
});
