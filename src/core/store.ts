// The sender's store as user properties hold it: a versioned, compact, chunked encoding of the
// campaigns a sender serves, each candidate's progress, the pending sends of the exactly-once
// protocol and the suppression list. docs/store.md describes the format and its limits.
import type { Campaign } from './campaign';
import { BatonError } from './errors';
import type { CandidateState, Progress } from './sequence';

/** Every key starts with this: `b` for Baton, `1` for the format version. */
export const PREFIX = 'b1.';
/**
 * Apps Script refuses a value over 9 KB (9,216 bytes); each chunk's size, measured the most
 * pessimistic way (chunkCost), stays under this, with room for its key and `<count>|` head.
 */
export const CHUNK_BYTES = 8000;
/** The user-properties store holds 500 KB, keys included. */
export const STORE_LIMIT_BYTES = 500 * 1024;
/** Above this the cards warn that the store is nearly full. */
export const STORE_WARN_BYTES = 400 * 1024;

/**
 * One send of the exactly-once protocol: saved, with the others of its batch, before any of them
 * reaches Gmail; dropped once the send is recorded in the candidate's progress (docs/sending.md).
 */
export interface PendingSend {
  /** The X-Baton-Key header: campaign, candidate and step. */
  key: string;
  campaignId: string;
  candidate: string;
  step: number;
  /** When the intent was saved (ms): an interrupted send is looked for in Sent mail from then on. */
  at: number;
  /** The recipient: an interrupted send is looked for among the mail sent to them. */
  email: string;
}

export interface CampaignProgress {
  /** Local day (campaign zone) that `sentToday` counts. */
  day: string;
  sentToday: number;
  /** The campaign label's id in this sender's mailbox, once known. */
  labelId?: string;
  candidates: Map<string, Progress>;
}

export interface SenderStore {
  campaigns: Map<string, Campaign>;
  progress: Map<string, CampaignProgress>;
  pending: PendingSend[];
  /** Candidate keys (hashed addresses) this owner must never mail again. */
  suppressed: Set<string>;
}

const STATE_CODES: Record<CandidateState, string> = {
  active: 'a',
  done: 'd',
  replied: 'r',
  opted_out: 'o',
  bounced: 'b',
  stopped: 's',
  failed: 'f',
};
const STATES_BY_CODE = Object.fromEntries(
  Object.entries(STATE_CODES).map(([state, code]) => [code, state as CandidateState]),
);

export function batonKey(campaignId: string, candidate: string, step: number): string {
  return `${campaignId}.${candidate}.${step}`;
}

export function emptyStore(): SenderStore {
  return { campaigns: new Map(), progress: new Map(), pending: [], suppressed: new Set() };
}

export function emptyProgress(): CampaignProgress {
  return { day: '', sentToday: 0, candidates: new Map() };
}

/** JSON with every non-ASCII character escaped, so that characters and bytes count the same. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * What one UTF-16 code unit can cost against the 9 KB limit, whichever way Apps Script counts a
 * value (Google does not say): 1 for ASCII; for anything else 6, the most of UTF-8 (3 bytes a
 * BMP character, 4 a surrogate pair = 2 units), UTF-16 (2 a unit) and a `\uXXXX` JSON escape (6
 * a unit). So a chunk of CJK, emoji or escapes never passes the limit, however it is measured.
 */
function chunkCost(codeUnit: number): number {
  return codeUnit < 0x80 ? 1 : 6;
}

/**
 * Splits a value into `base` (`<count>|<first piece>`) and `base.1`, `base.2`, ..., each piece
 * at most CHUNK_BYTES as chunkCost counts, never splitting a surrogate pair.
 */
export function chunk(base: string, value: string): Record<string, string> {
  const pieces: string[] = [];
  let start = 0;
  let cost = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    const pair = unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    const step = chunkCost(unit) * pair;
    if (cost + step > CHUNK_BYTES) {
      pieces.push(value.slice(start, i));
      start = i;
      cost = 0;
    }
    cost += step;
    i += pair - 1;
  }
  pieces.push(value.slice(start));
  const entries: Record<string, string> = { [base]: `${pieces.length}|${pieces[0]}` };
  for (let i = 1; i < pieces.length; i++) entries[`${base}.${i}`] = pieces[i];
  return entries;
}

export function unchunk(all: Record<string, string>, base: string): string | undefined {
  const head = all[base];
  if (head === undefined) return undefined;
  const bar = head.indexOf('|');
  const count = Number(head.slice(0, bar));
  let value = head.slice(bar + 1);
  for (let i = 1; i < count; i++) {
    const piece = all[`${base}.${i}`];
    if (piece === undefined)
      throw new BatonError('STORE_TORN', `Baton's store lost part of "${base}".`);
    value += piece;
  }
  return value;
}

function encodeProgress(progress: CampaignProgress): string {
  const records: string[] = [];
  progress.candidates.forEach((p, key) => {
    const minutes = Math.ceil(p.lastSentAt / 60000).toString(36);
    records.push([key, p.sent, STATE_CODES[p.state], minutes, p.threadId].join(','));
  });
  const head = [progress.day, progress.sentToday, ...(progress.labelId ? [progress.labelId] : [])];
  return [head.join(','), ...records].join(';');
}

function decodeProgress(text: string): CampaignProgress {
  const [head, ...records] = text.split(';');
  const [day, sentToday, labelId] = head.split(',');
  const progress: CampaignProgress = { day, sentToday: Number(sentToday), candidates: new Map() };
  if (labelId) progress.labelId = labelId;
  for (const record of records) {
    const [key, sent, state, minutes, threadId] = record.split(',');
    progress.candidates.set(key, {
      sent: Number(sent),
      state: STATES_BY_CODE[state] ?? 'failed',
      lastSentAt: parseInt(minutes, 36) * 60000,
      threadId: threadId ?? '',
    });
  }
  return progress;
}

/**
 * Pending sends as `<key>@<intent minute, base 36>><email>` (no address holds `>` or a space),
 * space-separated: about 60 bytes each.
 */
function encodePending(pending: PendingSend[]): string {
  return pending
    .map((p) => `${p.key}@${Math.floor(p.at / 60_000).toString(36)}>${p.email}`)
    .join(' ');
}

function decodePending(text: string): PendingSend[] {
  return text
    .split(' ')
    .filter(Boolean)
    .map((record) => {
      const [head, email] = record.split('>');
      const [key, minute] = head.split('@');
      const [campaignId, candidate, step] = key.split('.');
      const at = parseInt(minute, 36) * 60_000;
      return { key, campaignId, candidate, step: Number(step), at, email: email ?? '' };
    });
}

const CAMPAIGN = `${PREFIX}c.`;
const PROGRESS = `${PREFIX}p.`;
const PENDING = `${PREFIX}pending`;
const SUPPRESSED = `${PREFIX}suppressed`;

/** Reads a store from all of the user's properties (other keys are ignored). */
export function decodeStore(all: Record<string, string>): SenderStore {
  const store = emptyStore();
  for (const key of Object.keys(all)) {
    const id = key.slice(CAMPAIGN.length);
    if (!key.startsWith(CAMPAIGN) || id.includes('.')) continue;
    store.campaigns.set(id, JSON.parse(unchunk(all, key) ?? '{}') as Campaign);
    const progress = unchunk(all, PROGRESS + id);
    store.progress.set(id, progress === undefined ? emptyProgress() : decodeProgress(progress));
  }
  const pending = unchunk(all, PENDING);
  if (pending) store.pending = decodePending(pending);
  const suppressed = unchunk(all, SUPPRESSED);
  if (suppressed) store.suppressed = new Set(suppressed.split(' ').filter(Boolean));
  return store;
}

/** Every property of the store, as it should be. */
export function encodeStore(store: SenderStore): Record<string, string> {
  const entries: Record<string, string> = {};
  store.campaigns.forEach((campaign, id) => {
    Object.assign(entries, chunk(CAMPAIGN + id, asciiJson(campaign)));
    Object.assign(
      entries,
      chunk(PROGRESS + id, encodeProgress(store.progress.get(id) ?? emptyProgress())),
    );
  });
  // Written even when empty: emptying it is then part of the next setProperties, not a delete.
  Object.assign(entries, chunk(PENDING, encodePending(store.pending)));
  if (store.suppressed.size > 0)
    Object.assign(entries, chunk(SUPPRESSED, [...store.suppressed].join(' ')));
  return entries;
}

/** What to write and remove to turn `before` (Baton's keys as read) into `after`. */
export function storeChanges(
  before: Record<string, string>,
  after: Record<string, string>,
): { write: Record<string, string>; remove: string[] } {
  const write: Record<string, string> = {};
  for (const key of Object.keys(after)) if (before[key] !== after[key]) write[key] = after[key];
  const remove = Object.keys(before).filter((k) => k.startsWith(PREFIX) && !(k in after));
  return { write, remove };
}

/** Bytes the properties take against the 500 KB limit (keys count too). */
export function storeBytes(all: Record<string, string>): number {
  let bytes = 0;
  for (const key of Object.keys(all)) bytes += utf8Length(key) + utf8Length(all[key]);
  return bytes;
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** A plain-words warning when the store nears its limit, else undefined. */
export function storeWarning(bytes: number): string | undefined {
  if (bytes < STORE_WARN_BYTES) return undefined;
  const used = Math.round((bytes / STORE_LIMIT_BYTES) * 100);
  return `Baton's storage in your account is ${used}% full: end finished campaigns to free it.`;
}
