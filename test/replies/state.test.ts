// The reply scan's record in the sender's store: compact, chunked under 9 KB, read back whole.
import { CHUNK_BYTES } from '../../src/core/store';
import {
  candidateRef,
  decodeReplyState,
  emptyReplyState,
  encodeReplyState,
  forgetCampaignsExcept,
  REPLIES_KEY,
  staleKeys,
} from '../../src/core/replies/state';

const AT = Date.UTC(2026, 2, 4, 10, 15);

describe('the reply state codec', () => {
  it('reads back what it wrote: history, journal, verdicts, overrides, deferrals, pauses and suppression cursors', () => {
    const state = emptyReplyState();
    state.historyId = '12345';
    state.scannedAt = AT;
    state.journal.push({
      messageId: 'm1',
      threadId: 't1',
      campaignId: 'c1',
      at: AT,
      candidate: 'zoë@exemple.fr',
      step: 1,
      category: 'interested',
      why: 'dit « oui »',
      rule: 'intent.fr',
      sender: 'r@x.example',
    });
    state.candidates.set(candidateRef('c1', 'k1'), {
      verdict: { category: 'auto_reply', at: AT },
      notBefore: AT + 86_400_000,
    });
    state.pauses.c2 = 'Paused by Baton: quota.';
    state.pausedAt.c2 = AT;
    state.ownerSawPause.c3 = AT - 1;
    state.notices.push({ campaignId: 'c2', to: 'o@x.example', subject: 'Paused', lines: ['é'] });
    state.suppressionCursors['sheet-1'] = { rows: 3, last: 'a@x.example', wholeAt: AT };
    state.suppressionOutbox.push({
      spreadsheetId: 'sheet-1',
      row: {
        email: 'a@x.example',
        why: 'Opted out',
        date: '2026-03-04 11:15',
        campaign: 'Jobs',
        seenBy: 'r@x.example',
        owner: 'o@x.example',
      },
    });
    state.candidates.set(candidateRef('c1', 'k2'), {
      override: { category: 'not_interested', by: 'r@x.example', at: AT },
    });
    expect(decodeReplyState(encodeReplyState(state))).toEqual(state);
  });

  it('starts afresh when nothing is stored', () => {
    expect(decodeReplyState({})).toEqual(emptyReplyState());
  });

  it('stores a candidate in a few dozen bytes', () => {
    const state = emptyReplyState();
    for (let i = 0; i < 1000; i++)
      state.candidates.set(candidateRef('campaign1', `key${i}`), {
        verdict: { category: 'interested', at: AT },
      });
    const bytes = Object.values(encodeReplyState(state)).join('').length;
    expect(bytes / 1000).toBeLessThan(40);
  });

  it('chunks a large journal under the 9 KB value limit and removes chunks it no longer needs', () => {
    const state = emptyReplyState();
    for (let i = 0; i < 100; i++)
      state.journal.push({
        messageId: `m${i}`,
        threadId: `t${i}`,
        campaignId: 'c1',
        at: AT,
        candidate: `c${i}@x.example`,
        step: 1,
        category: 'neutral',
        why: 'x'.repeat(150),
        rule: 'neutral.no_intent',
        sender: 'r@x.example',
      });
    const big = encodeReplyState(state);
    expect(Object.keys(big).length).toBeGreaterThan(1);
    expect(Math.max(...Object.values(big).map((v) => v.length))).toBeLessThanOrEqual(
      CHUNK_BYTES + 4,
    );
    state.journal = [];
    const small = encodeReplyState(state);
    expect(staleKeys(big, small)).toEqual(Object.keys(big).filter((k) => k !== REPLIES_KEY));
    expect(decodeReplyState({ ...big, ...small }).journal).toEqual([]);
  });

  it('forgets the candidates of campaigns the store no longer holds, and pauses lifted', () => {
    const state = emptyReplyState();
    state.candidates.set(candidateRef('kept', 'a'), { notBefore: AT });
    state.candidates.set(candidateRef('gone', 'b'), { notBefore: AT });
    state.pauses = { kept: 'quota', gone: 'quota' };
    state.pausedAt = { kept: AT, gone: AT };
    state.ownerSawPause = { kept: AT, gone: AT };
    forgetCampaignsExcept(state, new Set(['kept']));
    expect([...state.candidates.keys()]).toEqual([candidateRef('kept', 'a')]);
    expect([state.pauses, state.pausedAt]).toEqual([{ kept: 'quota' }, { kept: AT }]);
    forgetCampaignsExcept(state, new Set(['kept']), new Set());
    expect([state.pauses, state.pausedAt]).toEqual([{}, {}]);
    // The owner keeps which colleague pause it acted on while the campaign exists.
    expect(state.ownerSawPause).toEqual({ kept: AT });
  });
});
