// Issue 4's first "must show" on the emulator, running the built bundle: a 3-step campaign over
// 200 candidates run by the hourly trigger for a week and a half: exactly 600 messages, threads,
// delays, window, cap, quota, statuses.
import { localDay, localTime } from '../../src/core/schedule';
import { emulatedCampaign, messageHeader, OWNER, receivedBy, TAB } from './emulator-world';
import { generatedCandidates } from '../../sim/baton-world';

const DAY = 86_400_000;
const ZONE = 'America/New_York';

const rows = generatedCandidates;

const THREE_STEPS = [
  { subject: 'A role at {{Company}}', text: 'Hi {{First name}}, interested?' },
  { subject: '', text: 'Hi {{First name|there}}, following up.', delayDays: 3 },
  {
    subject: '',
    text: 'Last note, {{First name}}.',
    html: '<p>Last note, <b>{{First name}}</b>.</p>',
    delayDays: 4,
  },
];

describe('a 3-step campaign over 200 candidates on the emulator, over a week and a half, across the DST change', () => {
  const cap = 100;
  const cw = emulatedCampaign({
    start: '2026-03-02T12:00:00Z',
    rows: rows(200),
    steps: THREE_STEPS,
    timeZone: ZONE,
    dailyCap: cap,
  });
  cw.act('campaign.launch', { id: cw.campaignId });
  const quotaAtStart = cw.world.remainingQuota(OWNER, 'emailRecipients');
  const ticks = cw.world.runUntil(Date.parse('2026-03-13T12:00:00Z'));
  const received = Array.from({ length: 200 }, (_, i) =>
    receivedBy(cw.world, `cand${i + 1}@talent.example`),
  );
  const all = received.flat();

  it('ran every tick without an error', () => {
    expect(ticks.length).toBeGreaterThan(240);
    expect(ticks.filter((t) => t.error)).toEqual([]);
    expect(Math.max(...ticks.map((t) => t.simulatedMs))).toBeLessThan(5 * 60_000);
  });

  it('delivered exactly 600 messages: each candidate got each step once', () => {
    expect(all).toHaveLength(600);
    for (const [i, mine] of received.entries()) {
      expect(mine.map((m) => messageHeader(m, 'X-Baton-Key').split('.')[2])).toEqual([
        '1',
        '2',
        '3',
      ]);
      expect(mine.every((m) => messageHeader(m, 'To') === `cand${i + 1}@talent.example`)).toBe(
        true,
      );
    }
  });

  it('kept each candidate’s three messages in one thread, in theirs and in the sender’s mailbox', () => {
    const sent = cw.world.mail.mailbox(OWNER);
    for (const mine of received) {
      expect(new Set(mine.map((m) => m.threadId)).size).toBe(1);
      const senderThreads = new Set(
        mine.map((m) => sent.byRfcMessageId(m.rfcMessageId).map((s) => s.threadId)[0]),
      );
      expect(senderThreads.size).toBe(1);
      // Every follow-up answers the first message.
      expect(messageHeader(mine[2], 'In-Reply-To')).toBe(mine[0].rfcMessageId);
    }
    const label = sent.labelByName('Baton/Backend hires')!;
    const labelled = new Set(
      sent.threadIds().filter((t) => sent.thread(t).some((m) => m.labelIds.has(label.id))),
    );
    expect(labelled.size).toBe(200);
  });

  it('sent each step no sooner than its delay after the previous one', () => {
    for (const [first, second, third] of received) {
      expect(second.internalDate - first.internalDate).toBeGreaterThanOrEqual(3 * DAY);
      expect(third.internalDate - second.internalDate).toBeGreaterThanOrEqual(4 * DAY);
    }
  });

  it('sent only on weekdays from 9:00 to 17:00 New York time, across the DST change', () => {
    for (const m of all) {
      const local = localTime(m.internalDate, ZONE);
      expect(local.hour >= 9 && local.hour < 17 && local.weekday >= 1 && local.weekday <= 5).toBe(
        true,
      );
    }
  });

  it('never sent more in a day than the cap, nor more than the quota', () => {
    const perDay = new Map<string, number>();
    for (const m of all)
      perDay.set(
        localDay(m.internalDate, ZONE),
        (perDay.get(localDay(m.internalDate, ZONE)) ?? 0) + 1,
      );
    expect(Math.max(...perDay.values())).toBe(cap);
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(quotaAtStart);
  });

  it('wrote every row’s status back', () => {
    const values = cw.world.sheets.values(cw.sheetId, TAB);
    expect(values[0].slice(3, 7)).toEqual([
      'Baton step',
      'Baton last sent',
      'Baton state',
      'Baton thread',
    ]);
    expect(values.slice(1, 201).every((r) => r[3] === '3/3')).toBe(true);
  });
});
