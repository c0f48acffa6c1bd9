// The Replies tab: one row per classified message, and the journal that makes logging exactly
// once (docs/replies.md): rows are recorded in the sender's store before the sheet is written,
// and on recovery only the rows whose message id the tab lacks are appended.
import { CATEGORY_LABELS, type ReplyCategory } from './categories';

export const REPLIES_TAB = 'Replies';
export const REPLIES_HEADER = [
  'Date',
  'Candidate',
  'Step answered',
  'Category',
  'Why',
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
  sender: string;
}

/** A link that opens the thread in the sender's own Gmail. */
export function threadLink(sender: string, threadId: string): string {
  return `https://mail.google.com/mail/?authuser=${encodeURIComponent(sender)}#all/${threadId}`;
}

/** The cells of one Replies row; the date is written in the campaign's time zone. */
export function replyRow(entry: ReplyLogEntry, timeZone: string): string[] {
  return [
    localDateTime(entry.at, timeZone),
    entry.candidate,
    entry.step > 0 ? String(entry.step) : '',
    CATEGORY_LABELS[entry.category],
    entry.why,
    entry.sender,
    threadLink(entry.sender, entry.threadId),
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
 * The step a message answers: the last step sent at or before it arrived (steps are 1-based and
 * `sentAt[i]` is when step i + 1 went out); 0 when none was sent before it.
 */
export function stepAnswered(sentAt: readonly (number | undefined)[], receivedAt: number): number {
  let step = 0;
  sentAt.forEach((at, index) => {
    if (at !== undefined && at <= receivedAt) step = index + 1;
  });
  return step;
}

/** `2026-11-28 14:05` in the given IANA time zone. */
export function localDateTime(ms: number, timeZone: string): string {
  const parts = zonedParts(ms, timeZone);
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** `2026-11-28` in the given IANA time zone: the day a reply counts for on the Dashboard. */
export function localDay(ms: number, timeZone: string): string {
  const parts = zonedParts(ms, timeZone);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function zonedParts(ms: number, timeZone: string): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(new Date(ms))) parts[part.type] = part.value;
  return parts;
}
