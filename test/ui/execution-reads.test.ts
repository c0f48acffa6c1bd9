// One card execution reads the user's store once (src/app/card-execution.ts): counted on the
// emulator running the built bundle, and checked with fakes for what must still be read fresh.
import { cardExecutionPorts } from '../../src/app/card-execution';
import { FakeWorld } from '../campaign/fakes';
import { CardWorld, RECRUITER } from './world';

const READS = 'PropertiesService.getProperties';

describe('a card execution', () => {
  it('reads the user properties once for an edit and the card it answers with', () => {
    const w = new CardWorld();
    const sheetId = w.world.createSpreadsheet({
      owner: RECRUITER,
      name: 'Pipeline',
      tabs: {
        Candidates: [
          ['Email', 'First name'],
          ['ana@talent.example', 'Ana'],
        ],
      },
    });
    w.host = { app: 'sheets', activeSpreadsheetId: sheetId };
    const reads = (action: string, form = {}, params: Record<string, string> = {}) => {
      const { result } = w.click(action, form, params);
      expect(result.error).toBeUndefined();
      return result.methods[READS];
    };
    expect(reads('campaign.create', { tab: 'Candidates' }, { spreadsheetId: sheetId })).toBe(1);
    const key = Object.keys(w.userProperties()).find((k) => /^b1\.c\.[^.]+$/.test(k));
    const id = key!.slice('b1.c.'.length);
    expect(reads('campaign.saveStep', { subject: 'Hi {{First name}}' }, { id, index: '0' })).toBe(
      1,
    );
    expect(reads('campaign.end', {}, { id })).toBe(1);
    w.host = { app: 'gmail' };
    expect(reads('home.open')).toBe(1);
  });

  it('sees its own writes, and reads afresh once it takes the user lock', () => {
    const world = new FakeWorld(Date.parse('2026-03-02T08:00:00Z'));
    world.properties = { a: '1' };
    const ports = cardExecutionPorts(world.ports());
    expect(ports.store.readAll()).toEqual({ a: '1' });
    ports.store.write({ b: '2' });
    // Another execution (the tick) writes meanwhile: unseen until the lock is taken.
    world.properties.c = '3';
    expect(ports.store.readAll()).toEqual({ a: '1', b: '2' });
    expect(ports.lock.tryAcquire(1000)).toBe(true);
    expect(ports.store.readAll()).toEqual({ a: '1', b: '2', c: '3' });
    ports.lock.release();
    expect(world.lockHeld).toBe(false);
  });
});
