// The Replies tab rows and the rules that make logging exactly once.
import {
  entriesNotYetLogged,
  localDay,
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
  sender: 'recruiter@example.com',
  ...extra,
});

describe('replyRow', () => {
  const row = replyRow(entry('m1'), 'Europe/Berlin');

  it('has one cell per header, the message id where the header says', () => {
    expect(row).toHaveLength(REPLIES_HEADER.length);
    expect(row[MESSAGE_ID_COLUMN - 1]).toBe('m1');
  });

  it("writes the date in the campaign's time zone (23:30 UTC is the next day in Berlin)", () => {
    expect(row[0]).toBe('2026-11-29 00:30');
  });

  it('links the thread in the sender mailbox', () => {
    expect(row[6]).toBe(
      'https://mail.google.com/mail/?authuser=recruiter%40example.com#all/thread-1',
    );
  });

  it('leaves the step empty when it is unknown', () => {
    expect(replyRow(entry('m2', { step: 0 }), 'UTC')[2]).toBe('');
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
  const sentAt = [100, 200, undefined];
  it.each`
    receivedAt | step
    ${50}      | ${0}
    ${100}     | ${1}
    ${150}     | ${1}
    ${250}     | ${2}
  `('is step $step for a message at $receivedAt', ({ receivedAt, step }) => {
    expect(stepAnswered(sentAt, receivedAt)).toBe(step);
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

describe('localDay', () => {
  it.each`
    zone                     | day
    ${'UTC'}                 | ${'2026-11-28'}
    ${'Asia/Tokyo'}          | ${'2026-11-29'}
    ${'America/Los_Angeles'} | ${'2026-11-28'}
  `('puts 23:30 UTC on $day in $zone', ({ zone, day }) => {
    expect(localDay(Date.UTC(2026, 10, 28, 23, 30), zone)).toBe(day);
  });
});
