// The sending tick on in-memory fakes: a whole campaign over simulated weeks, the send window,
// the caps, missing variables, pause and resume, and exactly-once under a kill at every port call.
import { pause, resume } from '../../src/app/campaigns';
import { StoreSession } from '../../src/app/store';
import { candidateKey } from '../../src/core/roster';
import { localDay, localTime } from '../../src/core/schedule';
import { FakeWorld } from '../campaign/fakes';
import {
  candidateRows,
  DAY,
  HOUR,
  runHourly,
  SHEET,
  setUpCampaign,
  TAB,
  THREE_STEPS,
} from '../campaign/scenario';

const MONDAY_MIDNIGHT_UTC = Date.UTC(2026, 2, 2); // 2 March 2026, before the US DST change

function keysOf(world: FakeWorld): string[] {
  return world.sent.map((m) => m.headers['x-baton-key']);
}

describe('runSendingTick', () => {
  describe('a 3-step campaign over 200 candidates, run hourly for five weeks', () => {
    const world = new FakeWorld(MONDAY_MIDNIGHT_UTC);
    const zone = 'America/New_York';
    const cap = 60;
    setUpCampaign(world, { rows: candidateRows(200), dailyCap: cap, timeZone: zone });
    runHourly(world, 35 * 24);

    it('sends exactly 600 messages, one per candidate and step', () => {
      expect(world.sent).toHaveLength(600);
      expect(new Set(keysOf(world)).size).toBe(600);
    });

    it('addresses every message to its candidate, follow-ups in the first message’s thread', () => {
      for (let i = 1; i <= 200; i++) {
        const mine = world.sentTo(`candidate${i}@example.org`);
        expect(mine).toHaveLength(3);
        expect(new Set(mine.map((m) => m.threadId))).toEqual(new Set([mine[0].id]));
        expect(mine[1].headers['in-reply-to']).toBe(mine[0].rfcMessageId);
        // Every follow-up answers the first message (its Message-ID is read in batches).
        expect(mine[2].headers['in-reply-to']).toBe(mine[0].rfcMessageId);
        expect(mine[2].headers.references).toBe(mine[0].rfcMessageId);
        expect(mine[1].headers.subject).toBe(`Re: Role at Co ${i}`);
      }
    });

    it('sends each follow-up no sooner than its delay after the previous step', () => {
      for (let i = 1; i <= 200; i++) {
        const [first, second, third] = world.sentTo(`candidate${i}@example.org`);
        expect(second.date - first.date).toBeGreaterThanOrEqual(THREE_STEPS[1].delayDays * DAY);
        expect(third.date - second.date).toBeGreaterThanOrEqual(THREE_STEPS[2].delayDays * DAY);
      }
    });

    it('sends only inside 9:00–17:00 on weekdays in the campaign’s time zone, across the DST change', () => {
      for (const m of world.sent) {
        const local = localTime(m.date, zone);
        expect(local.hour).toBeGreaterThanOrEqual(9);
        expect(local.hour).toBeLessThan(17);
        expect([1, 2, 3, 4, 5]).toContain(local.weekday);
      }
      const afterDst = world.sent.filter((m) => m.date > Date.UTC(2026, 2, 9));
      expect(afterDst.length).toBeGreaterThan(0);
    });

    it('never sends more in a local day than the daily cap', () => {
      const perDay = new Map<string, number>();
      for (const m of world.sent) {
        const day = localDay(m.date, zone);
        perDay.set(day, (perDay.get(day) ?? 0) + 1);
      }
      expect(Math.max(...perDay.values())).toBeLessThanOrEqual(cap);
      expect(Math.max(...perDay.values())).toBe(cap);
    });

    it('writes a status for every row in the sheet', () => {
      const values = world.sheets.get(`${SHEET}/${TAB}`)!;
      expect(values[0].slice(3)).toEqual([
        'Baton step',
        'Baton last sent',
        'Baton state',
        'Baton thread',
      ]);
      for (const row of values.slice(1)) expect(row[3]).toBe('3/3');
    });
  });

  it('never exceeds the recipient quota and sends the rest on a later day', () => {
    const world = new FakeWorld(MONDAY_MIDNIGHT_UTC);
    setUpCampaign(world, {
      rows: candidateRows(30),
      dailyCap: 100,
      steps: THREE_STEPS.slice(0, 1),
    });
    world.quotaLeft = 12;
    runHourly(world, 24);
    expect(world.sent).toHaveLength(12);
    expect(world.quotaLeft).toBe(0);
    world.quotaLeft = 100;
    runHourly(world, 24);
    expect(world.sent).toHaveLength(30);
  });

  it('stops starting sends before its time budget runs out and goes on next tick', () => {
    const world = new FakeWorld(MONDAY_MIDNIGHT_UTC);
    setUpCampaign(world, {
      rows: candidateRows(60),
      dailyCap: 100,
      steps: THREE_STEPS.slice(0, 1),
    });
    world.callCostMs = 6000;
    const { reports } = runHourly(world, 24);
    const first = reports.find((r) => r.sent > 0)!;
    expect(first.sent).toBeLessThan(60);
    expect(first.campaigns[0].held).toMatch(/time limit/);
    expect(world.sent).toHaveLength(60);
  });

  it('puts a row with its own Time zone in its own window', () => {
    const world = new FakeWorld(MONDAY_MIDNIGHT_UTC);
    const rows = [
      ['Email', 'First name', 'Company', 'Time zone'],
      ['tokyo@example.org', 'T', 'Co', 'Asia/Tokyo'],
      ['nyc@example.org', 'N', 'Co', ''],
    ];
    setUpCampaign(world, { rows });
    runHourly(world, 14 * 24);
    const inWindow = (t: number, zone: string) => {
      const local = localTime(t, zone);
      return local.hour >= 9 && local.hour < 17 && local.weekday >= 1 && local.weekday <= 5;
    };
    expect(world.sentTo('tokyo@example.org')).toHaveLength(3);
    for (const m of world.sentTo('tokyo@example.org'))
      expect(inWindow(m.date, 'Asia/Tokyo')).toBe(true);
    for (const m of world.sentTo('nyc@example.org'))
      expect(inWindow(m.date, 'America/New_York')).toBe(true);
  });

  it('does not send a step whose variable is empty in a row, and says which variable', () => {
    const world = new FakeWorld(MONDAY_MIDNIGHT_UTC);
    const rows = candidateRows(3);
    rows[2][1] = '';
    setUpCampaign(world, { rows, steps: THREE_STEPS.slice(0, 1) });
    runHourly(world, 24);
    expect(world.sent.map((m) => m.headers.to).sort()).toEqual([
      'candidate1@example.org',
      'candidate3@example.org',
    ]);
    const state = world.sheets.get(`${SHEET}/${TAB}`)![2][5];
    expect(state).toContain('{{First name}}');
    expect(state).toContain('Not sent');
  });

  it('skips invalid addresses with a reason and sends a repeated address once', () => {
    const world = new FakeWorld(MONDAY_MIDNIGHT_UTC);
    const rows = candidateRows(3);
    rows.push(['not-an-address', 'X', 'Y'], ['Candidate1@Example.org ', 'Again', 'Z']);
    setUpCampaign(world, { rows, steps: THREE_STEPS.slice(0, 1) });
    runHourly(world, 24);
    expect(world.sent).toHaveLength(3);
    const values = world.sheets.get(`${SHEET}/${TAB}`)!;
    expect(values[4][5]).toMatch(/not a valid email address/);
    expect(values[5][5]).toMatch(/Same address as row 2/);
  });

  it('lets rows added later join, and stops a candidate whose row was deleted', () => {
    const world = new FakeWorld(MONDAY_MIDNIGHT_UTC);
    setUpCampaign(world, { rows: candidateRows(2) });
    runHourly(world, 24);
    expect(world.sent).toHaveLength(2);
    const values = world.sheets.get(`${SHEET}/${TAB}`)!;
    values.splice(2, 1); // candidate2 leaves
    values.push(['late@example.org', 'Late', 'Co']);
    runHourly(world, 14 * 24);
    expect(world.sentTo('candidate1@example.org')).toHaveLength(3);
    expect(world.sentTo('candidate2@example.org')).toHaveLength(1);
    expect(world.sentTo('late@example.org')).toHaveLength(3);
  });

  it('sends after Resume the follow-ups that fell due during a pause', () => {
    const world = new FakeWorld(MONDAY_MIDNIGHT_UTC);
    const campaign = setUpCampaign(world, { rows: candidateRows(2) });
    runHourly(world, 24);
    pause(world.ports(), campaign.id);
    runHourly(world, 10 * 24);
    expect(world.sent).toHaveLength(2);
    resume(world.ports(), campaign.id);
    runHourly(world, 24);
    expect(world.sent).toHaveLength(4);
    runHourly(world, 10 * 24);
    expect(world.sent).toHaveLength(6);
  });

  it('sends nothing more to a candidate taken out of the sequence', () => {
    const world = new FakeWorld(MONDAY_MIDNIGHT_UTC);
    const campaign = setUpCampaign(world, { rows: candidateRows(2) });
    runHourly(world, 24);
    // As the reply scan does when the candidate answers (src/app/replies).
    const session = new StoreSession(world.ports().store);
    const progress = session.data.progress.get(campaign.id)!;
    const key = candidateKey('candidate2@example.org');
    progress.candidates.set(key, { ...progress.candidates.get(key)!, state: 'replied' });
    session.save();
    runHourly(world, 14 * 24);
    expect(world.sentTo('candidate1@example.org')).toHaveLength(3);
    expect(world.sentTo('candidate2@example.org')).toHaveLength(1);
  });

  it('does nothing while another tick of the same user holds the lock', () => {
    const world = new FakeWorld(MONDAY_MIDNIGHT_UTC + 14 * HOUR);
    setUpCampaign(world);
    world.lockHeld = true;
    const report = runHourly(world, 1).reports[0];
    expect(report.status).toBe('busy');
    expect(world.sent).toHaveLength(0);
  });

  it('settles a run killed halfway through a batch of 150 intents: each step goes out once', () => {
    const world = new FakeWorld(MONDAY_MIDNIGHT_UTC + 14 * HOUR);
    setUpCampaign(world, {
      rows: candidateRows(150),
      dailyCap: 500,
      steps: THREE_STEPS.slice(0, 1),
    });
    // Lock, store, identity, sheet, quota, the intents' write, then 80 sends: killed at the 81st.
    const run = runHourly(world, 3, (tick) => (tick === 0 ? 87 : undefined));
    expect(run.killed).toBe(1);
    expect(run.reports[0].reconciled).toBeGreaterThan(80);
    const keys = keysOf(world);
    expect(keys).toHaveLength(150);
    expect(new Set(keys).size).toBe(150);
  });

  describe('killed at every port call in turn', () => {
    const hours = 9 * 24;
    const reference = new FakeWorld(MONDAY_MIDNIGHT_UTC);
    setUpCampaign(reference, { rows: candidateRows(3) });
    const { callsPerTick } = runHourly(reference, hours);
    const kills: Array<[number, number]> = [];
    callsPerTick.forEach((calls, tick) => {
      if (calls > 8) for (let call = 1; call <= calls; call++) kills.push([tick, call]);
    });

    it('covers every call of every tick that sends', () => {
      expect(reference.sent).toHaveLength(9);
      expect(kills.length).toBeGreaterThan(30);
    });

    it.each(kills)(
      'tick %i killed at call %i: each step reaches each candidate exactly once',
      (tick, call) => {
        const world = new FakeWorld(MONDAY_MIDNIGHT_UTC);
        setUpCampaign(world, { rows: candidateRows(3) });
        const run = runHourly(world, hours, (t) => (t === tick ? call : undefined));
        expect(run.killed).toBe(1);
        const keys = keysOf(world);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys).toHaveLength(9);
        expect(world.drafts.size).toBe(0);
      },
    );
  });
});
