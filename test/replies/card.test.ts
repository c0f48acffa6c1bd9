// The Gmail card of a campaign thread, rendered by the BUILT bundle on the emulator and checked
// against card.proto: what it shows, and the person's overrides (mark interested, Stop, Resume).
import { decodeReplyState } from '../../src/core/replies/state';
import { candidateKey } from '../../src/core/roster';
import { PropertyStores } from '../../emulator/services/properties';
import { decodeStore, encodeStore } from '../../src/core/store';
import { CardWorld, notificationOf, RECRUITER, shownCard, textOf } from '../ui/world';

const candidate = (n: number) => candidateKey(`cand${n}@example.com`);

function worldWithCampaign(): CardWorld {
  const w = new CardWorld();
  // cand0 replied interested; cand1 is still in the sequence; cand2 opted out.
  w.seedCampaigns([
    {
      name: 'Backend hires',
      state: 'running',
      progress: ['replied', 'active', 'opted_out'],
      interested: [0],
    },
  ]);
  return w;
}

function openThread(w: CardWorld, threadId: string): void {
  w.host = { app: 'gmail', gmail: { messageId: `${threadId}-m`, threadId, accessToken: 'token' } };
}

describe('the card of a campaign thread', () => {
  it('shows the campaign, the step, the state and the latest classification', () => {
    const w = worldWithCampaign();
    openThread(w, 'thread0');
    const text = textOf(w.run('onGmailMessage', 'contextual').json);
    expect(text).toContain('Backend hires');
    expect(text).toContain('1 of 1 sent');
    expect(text).toContain('Replied: sequence stopped.');
    expect(text).toContain('Interested');
    expect(text).toContain('Resume');
  });

  it('offers Stop to a candidate still in the sequence, and says there is no reply yet', () => {
    const w = worldWithCampaign();
    openThread(w, 'thread1');
    const text = textOf(w.run('onGmailMessage', 'contextual').json);
    expect(text).toContain('No reply yet');
    expect(text).toContain('Stop for this candidate');
  });

  it('reads nothing of the open message: it is found by its thread id alone', () => {
    const w = worldWithCampaign();
    openThread(w, 'thread0');
    const { result } = w.run('onGmailMessage', 'contextual');
    expect(w.world.audit.filter((a) => a.executionId === result.executionId)).toEqual([]);
  });

  it('lets a person mark a candidate not interested, which wins over the classifier', () => {
    const w = worldWithCampaign();
    openThread(w, 'thread0');
    const response = w.click('replies.markNotInterested', undefined, { threadId: 'thread0' });
    expect(notificationOf(response.json)).toBe('Marked not interested.');
    expect(textOf(shownCard(response.json))).toContain('Marked not interested by rita@acme.com');
    const replies = decodeReplyState(w.userProperties());
    const record = replies.candidates.get(`c1.${candidate(0)}`);
    expect(record?.override).toMatchObject({ category: 'not_interested', by: 'rita@acme.com' });
    expect(record?.verdict?.category).toBe('interested');
  });

  it('ends the sequence of a candidate marked interested, and Resume puts them back in', () => {
    const w = worldWithCampaign();
    openThread(w, 'thread1');
    w.click('replies.markInterested', undefined, { threadId: 'thread1' });
    const state = () =>
      decodeStore(w.userProperties()).progress.get('c1')?.candidates.get(candidate(1))?.state;
    expect(state()).toBe('replied');
    w.click('replies.resume', undefined, { threadId: 'thread1' });
    expect(state()).toBe('active');
    w.click('replies.stop', undefined, { threadId: 'thread1' });
    expect(state()).toBe('stopped');
  });

  it('refuses to resume an address that opted out, in plain words', () => {
    const w = worldWithCampaign();
    const store = decodeStore(w.userProperties());
    store.suppressed.add(candidate(2));
    const target = w.world.properties.store(PropertyStores.key(w.project.id, 'user', RECRUITER));
    for (const [key, value] of Object.entries(encodeStore(store))) target.set(key, value);
    openThread(w, 'thread2');
    const response = w.click('replies.resume', undefined, { threadId: 'thread2' });
    expect(JSON.stringify(response.json)).toContain('opted out or bounced');
    const after = decodeStore(w.userProperties()).progress.get('c1')?.candidates.get(candidate(2));
    expect(after?.state).toBe('opted_out');
  });

  it('opens the campaign’s figures, saying so when the Replies tab cannot be read', () => {
    const w = worldWithCampaign();
    openThread(w, 'thread1');
    const response = w.click('replies.figures', undefined, { campaignId: 'c1' });
    const text = textOf(shownCard(response.json));
    expect(text).toContain('Replies and figures');
    expect(text).toContain('2 sent, 2 delivered');
    expect(text).toMatch(/The Replies tab could not be read/);
  });
});
