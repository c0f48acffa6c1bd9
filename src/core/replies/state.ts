// The reply scan's own record in the sender's store: where the mailbox history was last read,
// the journal of rows on their way to the Replies tab, and per candidate the standing verdict, a
// person's override and an out-of-office deferral. Compact: a verdict is a few dozen bytes.
import { chunk, unchunk } from '../store';
import type { ReplyCategory } from './categories';
import type { Override } from './act';
import type { ReplyLogEntry } from './log';
import type { SuppressionRow, TabCursor } from './suppression';

/** Keys start here; deliberately not the campaign store's prefix, whose saves remove unknown keys. */
export const REPLIES_KEY = 'br1.state';

/** What the scan knows about one candidate of one campaign. */
export interface CandidateReplies {
  /** The latest classifier verdict and when its message arrived (the rule and why: Replies tab). */
  verdict?: { category: ReplyCategory; at: number };
  override?: Override;
  /** The next step waits until this instant (an out-of-office named a return date). */
  notBefore?: number;
}

export interface ReplyState {
  /** Gmail history id the next scan starts after; '' before the first scan. */
  historyId: string;
  /** When the last scan ran (ms): the fallback reads only messages newer than this. */
  scannedAt: number;
  /** Rows recorded before the sheet write; cleared once the Replies tab holds them. */
  journal: ReplyLogEntry[];
  /** By `candidateRef(campaignId, candidateKey)`. */
  candidates: Map<string, CandidateReplies>;
  /** Why the scan paused a campaign (a bounce that was the sender's fault), by campaign id. */
  pauses: Record<string, string>;
  /** When this store's scan paused a campaign (a bounce that was the sender's fault), by id. */
  pausedAt: Record<string, number>;
  /** The owner's side: the colleague pause (its time) each campaign was already paused for. */
  ownerSawPause: Record<string, number>;
  /** Mails to campaign owners about a pause, on their way (sent after the store is saved). */
  notices: PauseNotice[];
  /** How far this user has read each spreadsheet's Suppressed tab, by spreadsheet id. */
  suppressionCursors: Record<string, TabCursor>;
  /** Suppressed rows on their way to a spreadsheet's Suppressed tab (written after the store). */
  suppressionOutbox: { spreadsheetId: string; row: SuppressionRow }[];
}

/** One mail to a campaign's owner, saying why Baton paused the campaign. */
export interface PauseNotice {
  campaignId: string;
  to: string;
  subject: string;
  lines: string[];
}

export function candidateRef(campaignId: string, candidateKey: string): string {
  return `${campaignId}.${candidateKey}`;
}

export function emptyReplyState(): ReplyState {
  return {
    historyId: '',
    scannedAt: 0,
    journal: [],
    candidates: new Map(),
    pauses: {},
    pausedAt: {},
    ownerSawPause: {},
    notices: [],
    suppressionCursors: {},
    suppressionOutbox: [],
  };
}

/** One letter per category keeps a verdict to a few bytes. */
const CATEGORY_CODES: Record<ReplyCategory, string> = {
  interested: 'i',
  not_interested: 'n',
  neutral: 'r',
  opt_out: 'o',
  auto_reply: 'a',
  bounce_hard: 'b',
  bounce_soft: 's',
};
const CATEGORY_BY_CODE = new Map(
  Object.entries(CATEGORY_CODES).map(([category, code]) => [code, category as ReplyCategory]),
);

const b36 = (ms: number) => Math.round(ms / 60000).toString(36);
const fromB36 = (text: string) => parseInt(text, 36) * 60000;

function encodeCandidate(c: CandidateReplies): string {
  const v = c.verdict ? CATEGORY_CODES[c.verdict.category] + b36(c.verdict.at) : '';
  const o = c.override ? [c.override.category, c.override.by, b36(c.override.at)].join(':') : '';
  const n = c.notBefore === undefined ? '' : b36(c.notBefore);
  return [v, o, n].join('|');
}

function decodeCandidate(text: string): CandidateReplies {
  const [v = '', o = '', n = ''] = text.split('|');
  const out: CandidateReplies = {};
  const category = CATEGORY_BY_CODE.get(v.charAt(0));
  if (category) out.verdict = { category, at: fromB36(v.slice(1)) };
  const [oCategory, by, oAt] = o.split(':');
  if (oCategory === 'interested' || oCategory === 'not_interested')
    out.override = { category: oCategory, by: by ?? '', at: fromB36(oAt) };
  if (n !== '') out.notBefore = fromB36(n);
  return out;
}

export function encodeReplyState(state: ReplyState): Record<string, string> {
  const candidates: Record<string, string> = {};
  state.candidates.forEach((c, ref) => {
    const encoded = encodeCandidate(c);
    if (encoded !== '||') candidates[ref] = encoded;
  });
  const json = JSON.stringify({
    v: 1,
    h: state.historyId,
    t: state.scannedAt,
    j: state.journal,
    c: candidates,
    p: state.pauses,
    pa: state.pausedAt,
    ps: state.ownerSawPause,
    n: state.notices,
    sc: state.suppressionCursors,
    so: state.suppressionOutbox,
  }).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return chunk(REPLIES_KEY, json);
}

/** Reads the state from all of the user's properties; a missing or unreadable one starts afresh. */
export function decodeReplyState(all: Record<string, string>): ReplyState {
  const text = unchunk(all, REPLIES_KEY);
  if (text === undefined) return emptyReplyState();
  const parsed = JSON.parse(text) as {
    h: string;
    t: number;
    j: ReplyLogEntry[];
    c: Record<string, string>;
    p?: Record<string, string>;
    pa?: Record<string, number>;
    ps?: Record<string, number>;
    n?: PauseNotice[];
    sc?: Record<string, TabCursor>;
    so?: ReplyState['suppressionOutbox'];
  };
  const candidates = new Map<string, CandidateReplies>();
  for (const ref of Object.keys(parsed.c ?? {}))
    candidates.set(ref, decodeCandidate(parsed.c[ref]));
  return {
    historyId: parsed.h ?? '',
    scannedAt: parsed.t ?? 0,
    journal: parsed.j ?? [],
    candidates,
    pauses: parsed.p ?? {},
    pausedAt: parsed.pa ?? {},
    ownerSawPause: parsed.ps ?? {},
    notices: parsed.n ?? [],
    suppressionCursors: parsed.sc ?? {},
    suppressionOutbox: parsed.so ?? [],
  };
}

/** Keys of a chunked value that `next` no longer uses (a shrinking journal leaves chunks behind). */
export function staleKeys(before: Record<string, string>, next: Record<string, string>): string[] {
  return Object.keys(before).filter((key) => key.startsWith(`${REPLIES_KEY}`) && !(key in next));
}

/**
 * Forgets candidates of campaigns the store no longer holds (retired or ended), and pause reasons
 * of campaigns no longer paused (the owner resumed them).
 */
export function forgetCampaignsExcept(
  state: ReplyState,
  campaignIds: ReadonlySet<string>,
  pausedIds: ReadonlySet<string> = campaignIds,
): void {
  for (const id of Object.keys(state.pauses)) if (!pausedIds.has(id)) delete state.pauses[id];
  for (const id of Object.keys(state.pausedAt)) if (!pausedIds.has(id)) delete state.pausedAt[id];
  for (const id of Object.keys(state.ownerSawPause))
    if (!campaignIds.has(id)) delete state.ownerSawPause[id];
  for (const ref of [...state.candidates.keys()]) {
    if (!campaignIds.has(ref.slice(0, ref.indexOf('.')))) state.candidates.delete(ref);
  }
}
