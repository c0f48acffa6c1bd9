// Campaign metrics from sent and reply facts: people counted once, overrides winning, rates.
import {
  computeMetrics,
  figuresOf,
  percent,
  repliesPerDay,
  type ReplyFact,
  type SentFact,
} from '../../src/core/metrics';
import type { ReplyCategory } from '../../src/core/replies/categories';

const sent = (
  candidate: string,
  step: number,
  sender = 'a@x.example',
  campaignId = 'c1',
): SentFact => ({
  campaignId,
  sender,
  candidate,
  step,
});
const reply = (
  candidate: string,
  category: ReplyCategory,
  at: number,
  extra: Partial<ReplyFact> = {},
): ReplyFact => ({
  campaignId: 'c1',
  sender: 'a@x.example',
  candidate,
  step: 1,
  category,
  at,
  ...extra,
});

describe('figuresOf', () => {
  // Five candidates, each sent step 1; two also step 2.
  const sends = ['p', 'q', 'r', 's', 't']
    .map((c) => sent(c, 1))
    .concat([sent('p', 2), sent('q', 2)]);

  it.each`
    case                                             | replies                                                                                      | expected
    ${'nothing came back'}                           | ${[]}                                                                                        | ${{ sent: 7, delivered: 7, bounced: 0, replied: 0, replyRate: 0, interestRate: null }}
    ${'one interested reply'}                        | ${[reply('p', 'interested', 1)]}                                                             | ${{ replied: 1, interested: 1, replyRate: 1 / 7, interestRate: 1 }}
    ${'a candidate replying twice counts once'}      | ${[reply('p', 'neutral', 1), reply('p', 'interested', 2)]}                                   | ${{ replied: 1, interested: 1 }}
    ${'the latest answer stands'}                    | ${[reply('p', 'interested', 1), reply('p', 'not_interested', 2)]}                            | ${{ replied: 1, interested: 0, notInterested: 1 }}
    ${'an override wins over a later reply'}         | ${[reply('p', 'interested', 9, { override: true }), reply('p', 'not_interested', 10)]}       | ${{ interested: 1, notInterested: 0 }}
    ${'opt-outs are replies'}                        | ${[reply('q', 'opt_out', 1)]}                                                                | ${{ replied: 1, optedOut: 1, interestRate: 0 }}
    ${'bounces and auto-replies are not replies'}    | ${[reply('r', 'bounce_hard', 1), reply('s', 'bounce_soft', 1), reply('t', 'auto_reply', 1)]} | ${{ replied: 0, bounced: 1, delivered: 6, autoReplied: 1, replyRate: 0 }}
    ${'one bounce of the same message counted once'} | ${[reply('r', 'bounce_hard', 1), reply('r', 'bounce_hard', 2)]}                              | ${{ bounced: 1, delivered: 6 }}
  `('when $case', ({ replies, expected }) => {
    expect(figuresOf(sends, replies)).toMatchObject(expected);
  });

  it('has no rates when nothing was sent', () => {
    expect(figuresOf([], [])).toMatchObject({ replyRate: null, interestRate: null });
  });
});

describe('computeMetrics', () => {
  const sends = [
    sent('p', 1, 'owner@x.example'),
    sent('p', 2, 'owner@x.example'),
    sent('q', 1, 'colleague@x.example'),
    sent('z', 1, 'owner@x.example', 'c2'),
  ];
  const replies = [
    reply('p', 'interested', 5, { step: 2, sender: 'owner@x.example' }),
    reply('q', 'opt_out', 6, { step: 1, sender: 'colleague@x.example' }),
  ];
  const [c1, c2] = computeMetrics(sends, replies);

  it('gives one entry per campaign', () => {
    expect([c1.campaignId, c2.campaignId]).toEqual(['c1', 'c2']);
    expect(c2.total).toMatchObject({ sent: 1, replied: 0 });
  });

  it('splits a campaign by step', () => {
    expect(c1.byStep.map((s) => [s.step, s.figures.sent, s.figures.replied])).toEqual([
      [1, 2, 1],
      [2, 1, 1],
    ]);
  });

  it('splits a campaign by sender', () => {
    expect(
      c1.bySender.map((s) => [s.sender, s.figures.sent, s.figures.interested, s.figures.optedOut]),
    ).toEqual([
      ['colleague@x.example', 1, 0, 1],
      ['owner@x.example', 2, 1, 0],
    ]);
  });
});

describe('repliesPerDay', () => {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const D1 = Date.UTC(2026, 10, 2, 9);
  const D2 = Date.UTC(2026, 10, 1, 9);

  it('counts per day, oldest first, leaving out overrides', () => {
    const rows = repliesPerDay(
      [
        reply('p', 'interested', D1),
        reply('q', 'auto_reply', D1),
        reply('r', 'neutral', D2),
        reply('s', 'bounce_hard', D2),
        reply('p', 'interested', D1, { override: true }),
      ],
      day,
    );
    expect(rows).toEqual([
      { day: '2026-11-01', replies: 1, interested: 0, autoReplies: 0, bounces: 1 },
      { day: '2026-11-02', replies: 1, interested: 1, autoReplies: 1, bounces: 0 },
    ]);
  });
});

describe('percent', () => {
  it.each`
    rate     | text
    ${null}  | ${'—'}
    ${0}     | ${'0%'}
    ${1 / 3} | ${'33%'}
    ${1}     | ${'100%'}
  `('shows $rate as $text', ({ rate, text }) => {
    expect(percent(rate)).toBe(text);
  });
});
