// Reads one raw message the way the add-on classifies it: parse (core/mime), classify
// (core/classify), and turn the answer into the verdict the reply rules act on.
import { classifyReply, type ClassifyContext } from '../../core/classify';
import { fromAddress, parseMessage } from '../../core/mime';
import type { Verdict } from '../../core/replies/act';

export interface ReadReply {
  /** The From address, lower-cased ('' when unreadable). */
  from: string;
  verdict: Verdict;
  /** For a bounce: the addresses that failed. */
  failedRecipients: string[];
}

/** A reader of raw messages; the scan takes one so that tests can count or replace it. */
export type ReplyReader = (raw: string, context: ClassifyContext) => ReadReply;

/** `2026-12-03` → the first instant of that day, UTC; undefined when unreadable. */
export function dayStart(isoDay: string | undefined): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay ?? '');
  return match ? Date.UTC(+match[1], +match[2] - 1, +match[3]) : undefined;
}

export const readReply: ReplyReader = (raw, context) => {
  const message = parseMessage(raw);
  const classification = classifyReply(message, context);
  return {
    from: fromAddress(message)?.address ?? '',
    failedRecipients: classification.failedRecipients ?? [],
    verdict: {
      category: classification.category,
      reason: classification.reason,
      rule: classification.rule,
      returnDate: dayStart(classification.returnDate),
      senderSide: classification.senderSide,
    },
  };
};
