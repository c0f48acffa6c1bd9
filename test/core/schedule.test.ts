// Send windows in time zones, across daylight-saving changes.
import {
  inWindow,
  localTime,
  nextWindowOpening,
  offsetMinutes,
  parseClock,
  zonedToUtc,
} from '../../src/core/schedule';

const WEEKDAYS_9_TO_17 = { startMinute: 540, endMinute: 1020, weekdays: [1, 2, 3, 4, 5] };

describe('zonedToUtc', () => {
  it('finds 9:00 in Paris in winter (UTC+1) and summer (UTC+2)', () => {
    expect(new Date(zonedToUtc(2026, 1, 15, 540, 'Europe/Paris')).toISOString()).toBe(
      '2026-01-15T08:00:00.000Z',
    );
    expect(new Date(zonedToUtc(2026, 7, 15, 540, 'Europe/Paris')).toISOString()).toBe(
      '2026-07-15T07:00:00.000Z',
    );
  });

  it('is right on the day the clocks change in New York', () => {
    expect(new Date(zonedToUtc(2026, 3, 8, 540, 'America/New_York')).toISOString()).toBe(
      '2026-03-08T13:00:00.000Z',
    );
    expect(new Date(zonedToUtc(2026, 3, 7, 540, 'America/New_York')).toISOString()).toBe(
      '2026-03-07T14:00:00.000Z',
    );
  });

  it('agrees with offsetMinutes', () => {
    expect(offsetMinutes(Date.UTC(2026, 0, 1), 'Asia/Kolkata')).toBe(330);
  });
});

describe('nextWindowOpening', () => {
  it('returns the instant itself inside the window', () => {
    const t = Date.UTC(2026, 0, 14, 10, 30); // Wednesday 11:30 in Paris
    expect(inWindow(t, WEEKDAYS_9_TO_17, 'Europe/Paris')).toBe(true);
    expect(nextWindowOpening(t, WEEKDAYS_9_TO_17, 'Europe/Paris')).toBe(t);
  });

  it('moves a Friday evening to Monday 9:00 local', () => {
    const friday = Date.UTC(2026, 0, 16, 18, 0);
    const next = nextWindowOpening(friday, WEEKDAYS_9_TO_17, 'Europe/Paris')!;
    expect(localTime(next, 'Europe/Paris')).toMatchObject({
      weekday: 1,
      hour: 9,
      minute: 0,
      day: 19,
    });
  });

  it('reads the window in the zone given, not in UTC', () => {
    const t = Date.UTC(2026, 0, 14, 15, 0); // 15:00 UTC = 00:00 next day in Tokyo
    expect(inWindow(t, WEEKDAYS_9_TO_17, 'UTC')).toBe(true);
    expect(inWindow(t, WEEKDAYS_9_TO_17, 'Asia/Tokyo')).toBe(false);
  });

  it('is undefined for a window without days', () => {
    expect(nextWindowOpening(0, { ...WEEKDAYS_9_TO_17, weekdays: [] }, 'UTC')).toBeUndefined();
  });
});

describe('parseClock', () => {
  it('reads hours and minutes and refuses nonsense', () => {
    expect([
      parseClock('9'),
      parseClock('17:30'),
      parseClock('24:00'),
      parseClock('9:75'),
      parseClock('x'),
    ]).toEqual([540, 1050, 1440, undefined, undefined]);
  });
});
