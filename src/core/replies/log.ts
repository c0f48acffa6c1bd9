// The Replies tab: one row per classified message, and the journal that makes logging exactly
// once (docs/replies.md): rows are recorded in the sender's store before the sheet is written,
// and on recovery only the rows whose message id the tab lacks are appended.
import { formatLocal } from '../schedule';
import { CATEGORY_LABELS, categoryOfLabel, type ReplyCategory } from './categories';

export const REPLIES_TAB = 'Replies';
export const REPLIES_HEADER = [
  'Date',
  'Candidate',
  'Step answered',
  'Category',
  'Why',
  'Rule',
  'Sender mailbox',
  'Thread',
  'Message id',
] as const;
/** 1-based column of the message id: the key that makes a row unique. */
export const MESSAGE_ID_COLUMN = REPLIES_HEADER.indexOf('Message id') + 1;

/** Long reasons are cut so a journal of a tick's rows stays well inside one store value. */
const MAX_WHY_LENGTH = 160;

/** One classified message, as logged. */
export interface ReplyLogEntry {
  messageId: string;
  threadId: string;
  campaignId: string;
  /** When the message arrived (ms since the epoch). */
  at: number;
  candidate: string;
  /** The sequence step the message answers (1-based); 0 when unknown. */
  step: number;
  category: ReplyCategory;
  why: string;
  /** The classifier rule that decided, or `human_override`. */
  rule: string;
  sender: string;
}

/** The cells of one Replies row; the date is written in the campaign's time zone. */
export function replyRow(entry: ReplyLogEntry, timeZone: string, threadLink: string): string[] {
  return [
    formatLocal(entry.at, timeZone),
    entry.candidate,
    entry.step > 0 ? String(entry.step) : '',
    CATEGORY_LABELS[entry.category],
    entry.why,
    entry.rule,
    entry.sender,
    threadLink,
    entry.messageId,
  ];
}

export function shortReason(reason: string): string {
  const flat = reason.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_WHY_LENGTH ? flat : `${flat.slice(0, MAX_WHY_LENGTH - 1)}…`;
}

/** The entries whose message id is not yet in the tab, in their order, each once. */
export function entriesNotYetLogged(
  entries: readonly ReplyLogEntry[],
  loggedMessageIds: Iterable<string>,
): ReplyLogEntry[] {
  const logged = new Set(loggedMessageIds);
  return entries.filter((entry) => {
    if (logged.has(entry.messageId)) return false;
    logged.add(entry.messageId);
    return true;
  });
}

/**
 * The step a message answers: the last step sent before it arrived. A message older than the
 * latest step answers the one before (a reply can cross a follow-up in flight); 0 before any step.
 */
export function stepAnswered(sent: number, lastSentAt: number, receivedAt: number): number {
  if (sent <= 0) return 0;
  return receivedAt >= lastSentAt || sent === 1 ? sent : sent - 1;
}

/** A Replies row read back: what the metrics need of it. */
export interface LoggedReply {
  /** `YYYY-MM-DD HH:MM` in the campaign's zone, as written. */
  localTime: string;
  candidate: string;
  step: number;
  category: ReplyCategory;
  rule: string;
  sender: string;
  messageId: string;
}

/** Reads a Replies row written by replyRow; undefined for a row that is not one (edited by hand). */
export function loggedReplyOf(row: readonly string[]): LoggedReply | undefined {
  const cell = (name: (typeof REPLIES_HEADER)[number]) =>
    (row[REPLIES_HEADER.indexOf(name)] ?? '').trim();
  const category = categoryOfLabel(cell('Category'));
  if (!category || cell('Candidate') === '') return undefined;
  return {
    localTime: cell('Date'),
    candidate: cell('Candidate').toLowerCase(),
    step: Number(cell('Step answered')) || 0,
    category,
    rule: cell('Rule'),
    sender: cell('Sender mailbox').toLowerCase(),
    messageId: cell('Message id'),
  };
}
