// The seven categories a reply is classified into, and the groups the reply rules reason about.
// (The classifier in core/classify decides the category; this file only names what each means.)

export const REPLY_CATEGORIES = [
  'interested',
  'not_interested',
  'neutral',
  'opt_out',
  'auto_reply',
  'bounce_hard',
  'bounce_soft',
] as const;

export type ReplyCategory = (typeof REPLY_CATEGORIES)[number];

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
