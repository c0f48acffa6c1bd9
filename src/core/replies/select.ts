// Which new messages of a mailbox the reply scan reads: only those added to campaign threads,
// written by someone other than the sender, not yet handled. Deciding this from the history
// records alone (ids and labels, no content) is what keeps every other thread unread.

/** A message as the mailbox history names it: ids and labels, no content. */
export interface MessageRef {
  id: string;
  threadId: string;
  labelIds?: string[];
}

/** Labels of messages the sender's own mailbox wrote: sent mail and drafts are never replies. */
const OWN_LABELS = ['SENT', 'DRAFT'];

/**
 * The refs worth fetching, in history order, each once: in a campaign thread, not sent or drafted
 * by this mailbox, and not already handled.
 */
export function messagesToRead(
  added: readonly MessageRef[],
  isCampaignThread: (threadId: string) => boolean,
  isHandled: (messageId: string) => boolean = () => false,
): MessageRef[] {
  const seen = new Set<string>();
  const out: MessageRef[] = [];
  for (const ref of added) {
    if (seen.has(ref.id)) continue;
    seen.add(ref.id);
    if (!isCampaignThread(ref.threadId)) continue;
    if ((ref.labelIds ?? []).some((label) => OWN_LABELS.includes(label))) continue;
    if (isHandled(ref.id)) continue;
    out.push(ref);
  }
  return out;
}

/** The bare address of a header value such as `"Ann Lee" <Ann.Lee@Example.com>`, lower-cased. */
export function bareAddress(headerValue: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(headerValue);
  return (angle ? angle[1] : headerValue).trim().toLowerCase();
}

/** True when a From header names the sender or one of their send-as aliases. */
export function isFromSender(fromHeader: string, senderAddresses: readonly string[]): boolean {
  const from = bareAddress(fromHeader);
  return from !== '' && senderAddresses.some((own) => bareAddress(own) === from);
}
