// The Gmail pacer keeps an execution within Gmail's per-user units a minute: it waits rather than
// being refused, and tries a refused call once more after waiting.
import { GMAIL_UNITS_PER_MINUTE, GmailPacer } from '../../src/adapters/gas/gmail-pace';

function pacedClock() {
  const clock = { now: 0, slept: 0 };
  const pacer = new GmailPacer(
    () => clock.now,
    (ms) => {
      clock.now += ms;
      clock.slept += ms;
    },
  );
  return { clock, pacer };
}

describe('the Gmail pacer', () => {
  it('lets sends through without waiting while the minute has room', () => {
    const { clock, pacer } = pacedClock();
    for (let i = 0; i < 50; i++) {
      pacer.run(100, () => undefined);
      clock.now += 1100;
    }
    expect(clock.slept).toBe(0);
  });

  it('never spends more than the limit in any minute, waiting instead', () => {
    const { clock, pacer } = pacedClock();
    const calls: number[] = [];
    for (let i = 0; i < 200; i++) {
      pacer.run(100, () => calls.push(clock.now));
      clock.now += 500; // twice as fast as the limit allows
    }
    for (let i = 0; i < calls.length; i++) {
      const inMinute = calls.filter((t) => t > calls[i] - 60_000 && t <= calls[i]).length;
      expect(inMinute * 100).toBeLessThanOrEqual(GMAIL_UNITS_PER_MINUTE);
    }
    expect(clock.slept).toBeGreaterThan(0);
  });

  it('tries a call Gmail refused for the rate once more, after waiting', () => {
    const { clock, pacer } = pacedClock();
    let tries = 0;
    const result = pacer.run(100, () => {
      tries++;
      if (tries === 1)
        throw new Error(
          'API call to gmail.users.messages.send failed with error: User Rate Limit Exceeded',
        );
      return 'sent';
    });
    expect(result).toBe('sent');
    expect(tries).toBe(2);
    expect(clock.slept).toBeGreaterThan(0);
  });

  it('passes any other error through at once', () => {
    const { pacer } = pacedClock();
    expect(() =>
      pacer.run(100, () => {
        throw new Error('Requested entity was not found.');
      }),
    ).toThrow('not found');
  });
});
