// Exactly once on the emulator, running the built bundle, when addresses hold characters that
// mean something in Gmail's search language (`}`, `{`, a word OR): the tick that sends is killed
// at every one of its service calls in turn, and the next tick's recovery search still finds what
// was sent. Before the search quoted addresses, `{to:ann}@… to:…}` closed early and two
// candidates got their first mail twice.
import type { ExecutionResult } from '../../emulator';
import { emulatedCampaign, messageHeader, receivedBy } from './emulator-world';

const HOUR = 3_600_000;
const PEOPLE = [
  ['Email', 'First name'],
  ['ann}@talent.example', 'Ann'],
  ['{bo}@talent.example', 'Bo'],
  ['or@talent.example', 'Cy'],
];

function scenario(kill?: number) {
  const cw = emulatedCampaign({
    start: '2026-03-02T14:00:00Z', // Monday 9:00 in New York
    rows: PEOPLE,
    steps: [
      { subject: 'Hello {{First name}}', text: 'Hi {{First name}}' },
      { subject: '', text: 'Following up', delayDays: 0 },
    ],
    timeZone: 'America/New_York',
    dailyCap: 50,
  });
  cw.act('campaign.launch', { id: cw.campaignId });
  const begin = cw.world.now();
  const ticks: ExecutionResult[] = [];
  for (let hour = 1; hour <= 4; hour++) {
    cw.world.faults = kill !== undefined && ticks.length === 0 ? { killAtCall: kill } : {};
    ticks.push(...cw.world.runUntil(begin + hour * HOUR));
  }
  cw.world.faults = {};
  const received = PEOPLE.slice(1).flatMap(([email]) =>
    receivedBy(cw.world, email).map(
      (m) => `${email} ${messageHeader(m, 'X-Baton-Key').split('.')[2]}`,
    ),
  );
  return { ticks, received };
}

const reference = scenario();
const calls = Object.values(reference.ticks[0].calls).reduce((a, b) => a + b, 0);

describe('exactly once with `}` and `{` in addresses, killed at every call (emulator, built bundle)', () => {
  it('sends both steps to everyone without faults', () => {
    expect(reference.ticks[0].methods['Gmail.Users.Messages.send']).toBe(3);
    expect(reference.received).toHaveLength(6);
  });

  it.each(Array.from({ length: calls }, (_, i) => i + 1))(
    'first tick killed at call %i',
    (call) => {
      const run = scenario(call);
      expect(run.ticks[0].killed).toBe(true);
      expect(new Set(run.received).size).toBe(run.received.length);
      expect(run.received.sort()).toEqual([...reference.received].sort());
    },
  );
});
