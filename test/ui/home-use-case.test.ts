// The home and settings use cases on in-memory ports: what the home view counts, and defaults that
// are checked before they are kept and then shape every new campaign.
import {
  loadDefaults,
  loadHome,
  newCampaignSettings,
  saveDefaults,
  DEFAULTS_KEY,
} from '../../src/app/home';
import { FakeWorld } from '../campaign/fakes';

const START = Date.parse('2026-03-02T08:00:00Z');
const defaults = {
  timeZone: 'Asia/Tokyo',
  windowStartMinute: 600,
  windowEndMinute: 960,
  weekdays: [1, 2, 3],
  dailyCap: 30,
};

describe('loadHome', () => {
  it('says whether the mailbox can send, from the trigger list and the quota', () => {
    const world = new FakeWorld(START, 'rita@acme.com');
    world.quotaLeft = 0;
    const view = loadHome(world.ports());
    expect(view.mailbox).toEqual({
      email: 'rita@acme.com',
      triggerInstalled: false,
      quotaLeftToday: 0,
      storeUsedPercent: 0,
    });
    expect(view.notices.map((n) => n.tone)).toEqual(['warning', 'error']);
    expect(view.campaigns).toEqual([]);
  });

  it('reads the user’s properties once', () => {
    const world = new FakeWorld(START);
    const ports = world.ports();
    let reads = 0;
    const readAll = ports.store.readAll.bind(ports.store);
    ports.store.readAll = () => (reads++, readAll());
    loadHome(ports);
    expect(reads).toBe(1);
  });
});

describe('campaign defaults', () => {
  it('are Baton’s own in the user’s zone until the user saves theirs', () => {
    const world = new FakeWorld(START);
    expect(loadDefaults(world.ports(), 'Europe/Paris')).toEqual({
      timeZone: 'Europe/Paris',
      windowStartMinute: 540,
      windowEndMinute: 1020,
      weekdays: [1, 2, 3, 4, 5],
      dailyCap: 50,
    });
  });

  it('once saved, shape the settings of every new campaign', () => {
    const world = new FakeWorld(START);
    saveDefaults(world.ports(), defaults);
    expect(newCampaignSettings(world.ports(), 'Europe/Paris')).toEqual({
      timeZone: 'Asia/Tokyo',
      window: { startMinute: 600, endMinute: 960, weekdays: [1, 2, 3] },
      dailyCap: 30,
      startAt: world.now,
    });
  });

  it('are refused with the field at fault, and nothing is kept', () => {
    const world = new FakeWorld(START);
    expect(() => saveDefaults(world.ports(), { ...defaults, dailyCap: 0 })).toThrow(
      expect.objectContaining({ code: 'BAD_DAILY_CAP', field: 'dailyCap' }),
    );
    expect(world.properties[DEFAULTS_KEY]).toBeUndefined();
  });
});
