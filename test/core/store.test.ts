// The store codec: a lossless round trip, values under Apps Script's 9 KB, and a sender with
// 5,000 active candidates well under the 500 KB store.
import { defaultSettings, type Campaign } from '../../src/core/campaign';
import { candidateKey } from '../../src/core/roster';
import type { Progress } from '../../src/core/sequence';
import {
  CHUNK_BYTES,
  chunk,
  decodeStore,
  emptyStore,
  encodeStore,
  STORE_LIMIT_BYTES,
  storeBytes,
  storeChanges,
  storeWarning,
  unchunk,
} from '../../src/core/store';

const NOW = Date.UTC(2026, 10, 28, 9, 0);

function campaign(id: string): Campaign {
  return {
    id,
    name: 'Backend engineers — Zürich 🚀',
    owner: 'recruiter@example.com',
    spreadsheetId: '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg',
    tabName: 'Candidates',
    emailHeader: 'Email',
    steps: [1, 2, 3].map((n) => ({
      subject: `Step ${n}: {{First name}}, un poste à Zürich`,
      text: `Bonjour {{First name}},\n\n${'Un texte assez long pour une vraie relance. '.repeat(20)}`,
      html: '',
      delayDays: n === 1 ? 0 : 3,
    })),
    settings: defaultSettings(NOW, 'Europe/Zurich'),
    sender: { email: 'recruiter@example.com', name: 'Ana Recruiter', kind: 'self' },
    state: 'running',
    createdAt: NOW,
    launchedAt: NOW,
  };
}

/** A Gmail-shaped thread id: 16 hex digits. */
function threadId(i: number): string {
  return (0x18c2f3a9b7d00000 + i * 7919).toString(16).padStart(16, '0').slice(0, 16);
}

function storeWith(candidates: number, campaigns = 1) {
  const store = emptyStore();
  for (let c = 0; c < campaigns; c++) {
    const id = `c${c}abcdef1`;
    store.campaigns.set(id, campaign(id));
    const progress = new Map<string, Progress>();
    for (let i = 0; i < candidates / campaigns; i++) {
      const p: Progress = {
        sent: 2,
        state: 'active',
        lastSentAt: NOW - i * 60_000,
        threadId: threadId(i),
      };
      progress.set(candidateKey(`candidate.number${i}.of${c}@some-company.example.com`), p);
    }
    store.progress.set(id, { day: '2026-11-28', sentToday: 17, candidates: progress });
  }
  store.suppressed.add(candidateKey('gone@example.org'));
  store.pending.push({
    key: 'c0abcdef1.x.2',
    campaignId: 'c0abcdef1',
    candidate: 'x',
    step: 2,
    email: "ann.o'neil+jobs@example.org",
    // The codec keeps the intent's minute.
    at: Math.floor(NOW / 60_000) * 60_000,
  });
  return store;
}

describe('the store codec', () => {
  it('decodes what it encodes', () => {
    const store = storeWith(50);
    const decoded = decodeStore(encodeStore(store));
    expect(decoded).toEqual(store);
  });

  it('keeps every value under 9 KB, non-ASCII included', () => {
    const encoded = encodeStore(storeWith(5000));
    for (const [key, value] of Object.entries(encoded)) {
      expect(storeBytes({ [key]: value })).toBeLessThan(9 * 1024);
    }
    expect(Object.keys(encoded).length).toBeGreaterThan(10);
  });

  it('holds a sender with 5,000 active candidates under the 500 KB limit, at most 40 bytes each', () => {
    for (const campaigns of [1, 10]) {
      const bytes = storeBytes(encodeStore(storeWith(5000, campaigns)));
      const empty = storeBytes(encodeStore(storeWith(0, campaigns)));
      expect(bytes).toBeLessThan(STORE_LIMIT_BYTES);
      expect((bytes - empty) / 5000).toBeLessThanOrEqual(40);
    }
  });

  it('writes only the keys that changed and removes the ones that went away', () => {
    const before = encodeStore(storeWith(10, 2));
    const store = decodeStore(before);
    store.pending = [];
    store.progress.get('c0abcdef1')!.sentToday = 18;
    const retired = [...store.campaigns.keys()].find((id) => id !== 'c0abcdef1')!;
    store.campaigns.delete(retired);
    store.progress.delete(retired);
    const { write, remove } = storeChanges(before, encodeStore(store));
    // An emptied pending list is written, not deleted: it rides in the same setProperties.
    expect(write).toEqual({ 'b1.p.c0abcdef1': expect.any(String), 'b1.pending': '1|' });
    expect(remove.sort()).toEqual([`b1.c.${retired}`, `b1.p.${retired}`]);
  });

  it('reassembles chunked values and says when a chunk is missing', () => {
    const value = 'x'.repeat(CHUNK_BYTES * 2 + 5);
    const entries = chunk('b1.t', value);
    expect(Object.keys(entries)).toEqual(['b1.t', 'b1.t.1', 'b1.t.2']);
    expect(unchunk(entries, 'b1.t')).toBe(value);
    delete entries['b1.t.1'];
    expect(() => unchunk(entries, 'b1.t')).toThrow(/lost part/);
  });

  // The worst encodings: 3-byte CJK, 4-byte emoji (surrogate pairs), 2-byte Latin, and the same
  // text as \u escapes; whichever way the 9 KB limit counts a value (UTF-8 bytes, UTF-16, JSON
  // escapes), every chunk stays under it, and no character is cut in two.
  const escaped = (text: string) =>
    text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const worst = {
    cjk: '例子公司候補者'.repeat(3000),
    emoji: '🚀👩🏽‍💻𝄞'.repeat(2000),
    latin: 'Zürich café '.repeat(2000),
    mixed: 'a例🚀é\\u00e9'.repeat(3000),
  };
  it.each(Object.entries(worst))(
    'keeps every chunk of %s text under 9 KB, however counted',
    (_, value) => {
      for (const text of [value, escaped(value)]) {
        const entries = chunk('b1.pending', text);
        expect(unchunk(entries, 'b1.pending')).toBe(text);
        for (const [key, piece] of Object.entries(entries)) {
          expect(Buffer.byteLength(key + piece, 'utf8')).toBeLessThan(9 * 1024);
          expect(Buffer.byteLength(escaped(piece), 'utf8')).toBeLessThan(9 * 1024);
          expect(piece).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
        }
      }
    },
  );

  it('keeps a batch of long CJK addresses in pending under 9 KB a value', () => {
    const store = storeWith(0);
    store.pending = Array.from({ length: 150 }, (_, i) => ({
      key: `c0abcdef1.k${i}.1`,
      campaignId: 'c0abcdef1',
      candidate: `k${i}`,
      step: 1,
      email: `${'候補者名前'.repeat(3)}山田太${i}@例子.公司`,
      at: Math.floor(NOW / 60_000) * 60_000,
    }));
    const encoded = encodeStore(store);
    for (const value of Object.values(encoded))
      expect(Buffer.byteLength(value, 'utf8')).toBeLessThan(9 * 1024);
    expect(decodeStore(encoded).pending).toEqual(store.pending);
  });

  it('warns only when the store nears its limit', () => {
    expect(storeWarning(100 * 1024)).toBeUndefined();
    expect(storeWarning(450 * 1024)).toMatch(/90% full/);
  });
});
