// The Replies tab rows and the rules that make logging exactly once.
import {
  entriesNotYetLogged,
  loggedReplyOf,
  MESSAGE_ID_COLUMN,
  REPLIES_HEADER,
  replyRow,
  shortReason,
  stepAnswered,
  type ReplyLogEntry,
} from '../../src/core/replies/log';

const entry = (messageId: string, extra: Partial<ReplyLogEntry> = {}): ReplyLogEntry => ({
  messageId,
  threadId: 'thread-1',
  campaignId: 'c1',
  at: Date.UTC(2026, 10, 28, 23, 30),
  candidate: 'ann@candidates.example',
  step: 2,
  category: 'interested',
  why: 'says yes',
  rule: 'intent.interested.en',
  sender: 'recruiter@example.com',
  ...extra,
});
const LINK = 'https://mail.google.com/mail/u/0/#all/thread-1';

describe('replyRow', () => {
  const row = replyRow(entry('m1'), 'Europe/Berlin', LINK);

  it('has one cell per header, the message id where the header says', () => {
    expect(row).toHaveLength(REPLIES_HEADER.length);
    expect(row[MESSAGE_ID_COLUMN - 1]).toBe('m1');
  });

  it("writes the date in the campaign's time zone (23:30 UTC is the next day in Berlin)", () => {
    expect(row[0]).toBe('2026-11-29 00:30');
  });

  it('names the category for people, the rule that decided, and links the thread', () => {
    expect(row.slice(3, 8)).toEqual([
      'Interested',
      'says yes',
      'intent.interested.en',
      'recruiter@example.com',
      LINK,
    ]);
  });

  it('leaves the step empty when it is unknown', () => {
    expect(replyRow(entry('m2', { step: 0 }), 'UTC', LINK)[2]).toBe('');
  });

  it('reads back as the same reply', () => {
    expect(loggedReplyOf(row)).toEqual({
      localTime: '2026-11-29 00:30',
      candidate: 'ann@candidates.example',
      step: 2,
      category: 'interested',
      rule: 'intent.interested.en',
      sender: 'recruiter@example.com',
      messageId: 'm1',
    });
  });

  it.each`
    case                       | cells
    ${'an empty row'}          | ${[]}
    ${'an unknown category'}   | ${['2026-11-29 00:30', 'ann@x.example', '1', 'Maybe']}
    ${'a row with no address'} | ${['2026-11-29 00:30', '', '1', 'Interested']}
  `('does not read $case as a reply', ({ cells }) => {
    expect(loggedReplyOf(cells)).toBeUndefined();
  });
});

describe('entriesNotYetLogged', () => {
  it.each`
    case                                     | logged                | expected
    ${'nothing was logged'}                  | ${[]}                 | ${['m1', 'm2', 'm3']}
    ${'the tick died after the sheet write'} | ${['m1', 'm2', 'm3']} | ${[]}
    ${'part of them is there'}               | ${['x', 'm2']}        | ${['m1', 'm3']}
  `('when $case appends $expected', ({ logged, expected }) => {
    const entries = ['m1', 'm2', 'm3', 'm1'].map((id) => entry(id));
    expect(entriesNotYetLogged(entries, logged).map((e) => e.messageId)).toEqual(expected);
  });
});

describe('stepAnswered', () => {
  it.each`
    case                                           | sent | lastSentAt | receivedAt | step
    ${'nothing sent yet'}                          | ${0} | ${0}       | ${50}      | ${0}
    ${'a reply after step 1'}                      | ${1} | ${100}     | ${150}     | ${1}
    ${'a reply after step 2'}                      | ${2} | ${200}     | ${250}     | ${2}
    ${'a reply that crossed step 2 in flight'}     | ${2} | ${200}     | ${150}     | ${1}
    ${'a reply dated before the only step (skew)'} | ${1} | ${100}     | ${90}      | ${1}
  `('is step $step for $case', ({ sent, lastSentAt, receivedAt, step }) => {
    expect(stepAnswered(sent, lastSentAt, receivedAt)).toBe(step);
  });
});

describe('shortReason', () => {
  it('flattens white space and cuts long reasons with an ellipsis', () => {
    expect(shortReason(' a \n b ')).toBe('a b');
    const long = shortReason('x'.repeat(500));
    expect(long.length).toBeLessThanOrEqual(160);
    expect(long.endsWith('…')).toBe(true);
  });
});
