// Which history records the scan fetches: only other people's messages in campaign threads, once.
import { bareAddress, isFromSender, messagesToRead } from '../../src/core/replies/select';

const campaignThreads = new Set(['t1', 't2']);
const isCampaignThread = (threadId: string) => campaignThreads.has(threadId);

describe('messagesToRead', () => {
  it.each`
    case                                  | ref                                                    | kept
    ${'a reply in a campaign thread'}     | ${{ id: 'm1', threadId: 't1', labelIds: ['INBOX'] }}   | ${true}
    ${'a message in any other thread'}    | ${{ id: 'm2', threadId: 'x9', labelIds: ['INBOX'] }}   | ${false}
    ${'our own sent step'}                | ${{ id: 'm3', threadId: 't1', labelIds: ['SENT'] }}    | ${false}
    ${'a draft in a campaign thread'}     | ${{ id: 'm4', threadId: 't2', labelIds: ['DRAFT'] }}   | ${false}
    ${'a message without labels'}         | ${{ id: 'm5', threadId: 't2' }}                        | ${true}
    ${'a message handled by a past scan'} | ${{ id: 'done', threadId: 't2', labelIds: ['INBOX'] }} | ${false}
  `('keeps $case: $kept', ({ ref, kept }) => {
    const read = messagesToRead([ref], isCampaignThread, (id) => id === 'done');
    expect(read.length).toBe(kept ? 1 : 0);
  });

  it('names each message once, in history order', () => {
    const refs = [
      { id: 'b', threadId: 't2' },
      { id: 'a', threadId: 't1' },
      { id: 'b', threadId: 't2' },
    ];
    expect(messagesToRead(refs, isCampaignThread).map((ref) => ref.id)).toEqual(['b', 'a']);
  });
});

describe('isFromSender', () => {
  const own = ['recruiter@example.com', 'Jobs <jobs@example.com>'];
  it.each`
    from                                    | expected
    ${'Recruiter <Recruiter@Example.com>'}  | ${true}
    ${'jobs@example.com'}                   | ${true}
    ${'"Ann Lee" <ann@candidates.example>'} | ${false}
    ${'recruiter@example.com.evil.example'} | ${false}
    ${''}                                   | ${false}
  `('says $from is from the sender: $expected', ({ from, expected }) => {
    expect(isFromSender(from, own)).toBe(expected);
  });

  it('reads the bare address of a display-name header', () => {
    expect(bareAddress(' "Lee, Ann" <Ann@X.example> ')).toBe('ann@x.example');
  });
});
