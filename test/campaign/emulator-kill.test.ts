// Exactly once on the emulator, running the built bundle: each tick that sends is killed at every
// one of its service calls in turn (one scenario per call), then the clock runs on. No candidate
// ever receives a step twice, every candidate still receives every step, and no draft is made.
import type { ExecutionResult } from '../../emulator';
import { buildMessage } from '../../emulator/gmail/mime';
import { emulatedCampaign, messageHeader, OWNER, receivedBy } from './emulator-world';

const HOUR = 3_600_000;
const START = '2026-03-02T14:00:00Z'; // Monday 9:00 in New York
const PEOPLE = [
  ['Email', 'First name'],
  ['ann@talent.example', 'Ann'],
  ['bo@talent.example', 'Bo'],
];
// No delay between steps: the sequence completes in three consecutive hourly ticks.
const STEPS = [
  { subject: 'Hello {{First name}}', text: 'Hi {{First name}}' },
  { subject: '', text: 'Following up', delayDays: 0 },
  { subject: '', text: 'Last one', delayDays: 0 },
];
const HOURS = 5;

/** The campaign every scenario here starts from, launched through its card. */
function launchedCampaign() {
  const cw = emulatedCampaign({
    start: START,
    rows: PEOPLE,
    steps: STEPS,
    timeZone: 'America/New_York',
    dailyCap: 50,
  });
  cw.act('campaign.launch', { id: cw.campaignId });
  return cw;
}

/** Mail of the recruiter's own, sent every hour: none of Baton's business, even after a crash. */
function sendPersonalMail(cw: ReturnType<typeof launchedCampaign>, hour: number) {
  cw.world.mail.mailbox(OWNER).send(
    buildMessage({
      headers: [
        { name: 'From', value: OWNER },
        { name: 'To', value: 'friend@elsewhere.example' },
        { name: 'Subject', value: `Lunch, take ${hour}` },
      ],
      text: 'Are you free on Friday?',
    }),
  );
}

function scenario(kill?: { tick: number; call: number }) {
  const cw = launchedCampaign();
  const ticks: ExecutionResult[] = [];
  const begin = cw.world.now();
  for (let hour = 1; hour <= HOURS; hour++) {
    sendPersonalMail(cw, hour);
    cw.world.faults = kill && ticks.length === kill.tick ? { killAtCall: kill.call } : {};
    ticks.push(...cw.world.runUntil(begin + hour * HOUR));
  }
  cw.world.faults = {};
  return { ...cw, ticks };
}

const totalCalls = (t: ExecutionResult) => Object.values(t.calls).reduce((a, b) => a + b, 0);
const keysReceived = (world: ReturnType<typeof scenario>['world']) =>
  PEOPLE.slice(1).flatMap(([email]) =>
    receivedBy(world, email).map(
      (m) => `${email} step ${messageHeader(m, 'X-Baton-Key').split('.')[2]}`,
    ),
  );

const reference = scenario();
const sendingTicks = reference.ticks
  .map((t, index) => ({
    index,
    calls: totalCalls(t),
    sent: t.methods['Gmail.Users.Messages.send'] ?? 0,
  }))
  .filter((t) => t.sent > 0);
const kills: Array<[number, number]> = sendingTicks.flatMap((t) =>
  Array.from({ length: t.calls }, (_, i): [number, number] => [t.index, i + 1]),
);

describe('exactly once under a kill at every service call (emulator, built bundle)', () => {
  it('sends the whole sequence without faults, in three ticks', () => {
    expect(keysReceived(reference.world)).toHaveLength(6);
    expect(sendingTicks).toHaveLength(3);
  });

  it.each(kills)('tick %i killed at service call %i', (tick, call) => {
    const run = scenario({ tick, call });
    expect(run.ticks[tick].killed).toBe(true);
    const keys = keysReceived(run.world);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(keysReceived(reference.world).sort());
    // Settling the killed run read campaign mail only, never the recruiter's own.
    const mailbox = run.world.mail.mailbox(OWNER);
    const campaignThreads = new Set(
      mailbox
        .threadIds()
        .filter((t) => mailbox.thread(t).some((m) => messageHeader(m, 'X-Baton-Key'))),
    );
    const reads = run.world.audit.filter((a) => a.user === OWNER && a.resource.threadId);
    expect(reads.filter((a) => !campaignThreads.has(a.resource.threadId))).toEqual([]);
    const drafts = mailbox
      .threadIds()
      .flatMap((t) => mailbox.thread(t, true))
      .filter((m) => m.labelIds.has('DRAFT'));
    expect(drafts).toEqual([]);
  });
});

describe('overlapping ticks of one sender (emulator, built bundle)', () => {
  const first = sendingTicks[0];
  const calls = Array.from({ length: first.calls }, (_, i) => i + 1);

  it.each(calls)(
    'a second tick started at service call %i of the first sends nothing twice',
    (call) => {
      const cw = launchedCampaign();
      const begin = cw.world.now();
      const ticks: ExecutionResult[] = [];
      for (let hour = 1; hour <= HOURS; hour++) {
        cw.world.faults =
          ticks.length === first.index ? { overlap: { atCall: call, fn: 'onTick' } } : {};
        ticks.push(...cw.world.runUntil(begin + hour * HOUR));
      }
      cw.world.faults = {};
      expect(ticks.filter((t) => t.error)).toEqual([]);
      const keys = keysReceived(cw.world);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.sort()).toEqual(keysReceived(reference.world).sort());
    },
  );
});
