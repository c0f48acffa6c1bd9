// The act rules of issue 5, table by table: what each category does to the candidate, the
// suppression list and the campaign.
import {
  effectOf,
  laterOf,
  MAX_OUT_OF_OFFICE_MS,
  standingVerdict,
  type Verdict,
} from '../../src/core/replies/act';
import type { ReplyCategory } from '../../src/core/replies/categories';

const NOW = Date.UTC(2026, 10, 28, 10, 0);
const DAY = 24 * 60 * 60 * 1000;
const verdict = (category: ReplyCategory, extra: Partial<Verdict> = {}): Verdict => ({
  category,
  reason: 'test',
  rule: 'test',
  ...extra,
});

describe('effectOf', () => {
  it.each`
    category            | endSequence | suppress | pauseCampaign
    ${'interested'}     | ${true}     | ${false} | ${false}
    ${'not_interested'} | ${true}     | ${false} | ${false}
    ${'neutral'}        | ${true}     | ${false} | ${false}
    ${'opt_out'}        | ${true}     | ${true}  | ${false}
    ${'bounce_hard'}    | ${true}     | ${true}  | ${false}
    ${'bounce_soft'}    | ${false}    | ${false} | ${false}
    ${'auto_reply'}     | ${false}    | ${false} | ${false}
  `(
    'for $category ends the sequence: $endSequence, suppresses: $suppress, pauses: $pauseCampaign',
    ({ category, endSequence, suppress, pauseCampaign }) => {
      const effect = effectOf(verdict(category), NOW);
      expect(effect).toMatchObject({ endSequence, suppress, pauseCampaign });
      expect(effect.notBefore).toBeUndefined();
    },
  );

  it.each(['bounce_hard', 'bounce_soft'] as const)(
    'for a %s caused by the sender pauses the campaign and leaves the candidate alone',
    (category) => {
      const effect = effectOf(verdict(category, { senderSide: true }), NOW);
      expect(effect).toMatchObject({ endSequence: false, suppress: false, pauseCampaign: true });
      expect(effect.status).toMatch(/sender/);
    },
  );

  it.each`
    case                           | returnDate                          | notBefore
    ${'a return date in 3 days'}   | ${NOW + 3 * DAY}                    | ${NOW + 4 * DAY}
    ${'a return date in the past'} | ${NOW - DAY}                        | ${undefined}
    ${'no return date'}            | ${undefined}                        | ${undefined}
    ${'an implausibly far date'}   | ${NOW + MAX_OUT_OF_OFFICE_MS + DAY} | ${undefined}
  `(
    'for an auto-reply with $case defers the next step to $notBefore',
    ({ returnDate, notBefore }) => {
      const effect = effectOf(verdict('auto_reply', { returnDate }), NOW);
      expect(effect.endSequence).toBe(false);
      expect(effect.notBefore).toBe(notBefore);
      if (notBefore)
        expect(effect.status).toContain(new Date(returnDate).toISOString().slice(0, 10));
    },
  );
});

describe('standingVerdict', () => {
  const override = { category: 'interested' as const, by: 'owner@example.com', at: NOW };

  it('is the latest verdict when nobody overrode it', () => {
    expect(standingVerdict(verdict('neutral'))?.category).toBe('neutral');
  });

  it.each(['not_interested', 'neutral', 'auto_reply'] as const)(
    "lets a person's override win over a %s verdict",
    (category) => {
      const standing = standingVerdict(verdict(category), override);
      expect(standing).toMatchObject({ category: 'interested', rule: 'human_override' });
      expect(standing?.reason).toContain('owner@example.com');
    },
  );
});

describe('laterOf', () => {
  it.each`
    current      | next         | expected
    ${undefined} | ${5}         | ${5}
    ${5}         | ${undefined} | ${5}
    ${5}         | ${3}         | ${5}
    ${3}         | ${5}         | ${5}
  `('keeps the later of $current and $next', ({ current, next, expected }) => {
    expect(laterOf(current, next)).toBe(expected);
  });
});
