// The classifier's vocabulary: the seven categories a reply can fall in, what the caller tells the
// classifier, and what it answers.

export const CATEGORIES = [
  'interested',
  'not_interested',
  'neutral',
  'opt_out',
  'auto_reply',
  'bounce_hard',
  'bounce_soft',
] as const;

export type Category = (typeof CATEGORIES)[number];

export interface ClassifyContext {
  /** The sender's own addresses (the mailbox and its send-as aliases), to spot their quoted header. */
  senderAddresses?: string[];
  /** Texts the campaign sent to this candidate; their lines in a reply are quoted history. */
  sentTexts?: string[];
  /** Subjects the campaign used; a reply whose subject is one of them says nothing by its subject. */
  sentSubjects?: string[];
  /**
   * The campaign's time zone (IANA): the writer's local day for a relative return date ("back
   * next Monday") when the message's Date header carries no zone.
   */
  timeZone?: string;
}

export interface Classification {
  category: Category;
  /** Why, in words a person debugging the decision can follow. */
  reason: string;
  /** Name of the table rule that decided. */
  rule: string;
  /** For auto-replies that name one: the last date the person is away (YYYY-MM-DD). */
  returnDate?: string;
  /** For bounces caused by the sender's side (quota, policy, send-as): pause, don't blame the candidate. */
  senderSide?: boolean;
  /** For bounces: the addresses that failed, lowercased. */
  failedRecipients?: string[];
  /** For bounces: the enhanced status code that decided, when there was one. */
  status?: string;
  /** The reply's own text, after quoted history and signatures are removed. */
  newText: string;
}
