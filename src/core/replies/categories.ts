// The seven categories a reply is classified into (named by the classifier, core/classify), and
// the groups the reply rules reason about.
import { CATEGORIES, type Category } from '../classify/types';

export const REPLY_CATEGORIES = CATEGORIES;
export type ReplyCategory = Category;

/** Categories a person wrote: each one ends the candidate's sequence and counts as a reply. */
export const HUMAN_CATEGORIES: readonly ReplyCategory[] = [
  'interested',
  'not_interested',
  'neutral',
  'opt_out',
];

export function isHumanReply(category: ReplyCategory): boolean {
  return HUMAN_CATEGORIES.includes(category);
}

export function isReplyCategory(value: string): value is ReplyCategory {
  return (REPLY_CATEGORIES as readonly string[]).includes(value);
}

/** Words for people (status cells, cards, the Replies tab). */
export const CATEGORY_LABELS: Record<ReplyCategory, string> = {
  interested: 'Interested',
  not_interested: 'Not interested',
  neutral: 'Replied',
  opt_out: 'Opted out',
  auto_reply: 'Auto-reply',
  bounce_hard: 'Bounced',
  bounce_soft: 'Soft bounce',
};

/** The category a label of the Replies tab stands for (the tab is read back for metrics). */
export function categoryOfLabel(label: string): ReplyCategory | undefined {
  const found = REPLY_CATEGORIES.find((category) => CATEGORY_LABELS[category] === label.trim());
  return found ?? (isReplyCategory(label.trim()) ? (label.trim() as ReplyCategory) : undefined);
}
