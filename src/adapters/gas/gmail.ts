// The Mailbox port on Gmail: the Gmail advanced service (raw MIME, drafts, thread ids, headers)
// for the sending protocol and labels, GmailApp for aliases and drafts' content, MailApp for quota.
import type {
  DraftContent,
  DraftSummary,
  Mailbox,
  OutgoingMessage,
  SentMessage,
  SentMessageHeaders,
} from '../../ports';
import { base64Encode, utf8Encode } from '../../core/encoding';

const ME = 'me';
const HEADERS = ['Message-ID', 'X-Baton-Key'];

type ApiMessage = GoogleAppsScript.Gmail.Schema.Message;

function header(message: ApiMessage, name: string): string {
  const found = (message.payload?.headers ?? []).find(
    (h) => (h.name ?? '').toLowerCase() === name.toLowerCase(),
  );
  return found?.value ?? '';
}

function headersOf(message: ApiMessage): SentMessageHeaders {
  return {
    id: message.id ?? '',
    threadId: message.threadId ?? '',
    rfcMessageId: header(message, 'Message-ID'),
    batonKey: header(message, 'X-Baton-Key'),
    date: Number(message.internalDate ?? 0),
  };
}

type GmailUsers = Required<GoogleAppsScript.Gmail.Collection.UsersCollection>;

/** The advanced service, or a clear error when the manifest does not enable it. */
export function gmailUsers(): GmailUsers {
  const users = typeof Gmail === 'undefined' ? undefined : Gmail.Users;
  if (!users)
    throw new Error(
      'The Gmail advanced service is not enabled: add it to appsscript.json (enabledAdvancedServices).',
    );
  return users as GmailUsers;
}

export function isNotFound(error: unknown): boolean {
  return /not found|404/i.test(String((error as Error)?.message ?? error));
}

function metadata(id: string): ApiMessage {
  return gmailUsers().Messages.get(ME, id, { format: 'metadata', metadataHeaders: HEADERS });
}

export class GmailApiMailbox implements Mailbox {
  /** Label ids by lower-cased name, found during this execution. */
  private readonly labelIds = new Map<string, string>();

  createDraft(message: OutgoingMessage): string {
    const resource: GoogleAppsScript.Gmail.Schema.Draft = {
      // Encoded here rather than by Utilities: the same bytes, without a service call per send.
      message: { raw: base64Encode(utf8Encode(message.raw), true), threadId: message.threadId },
    };
    return gmailUsers().Drafts.create(resource, ME).id ?? '';
  }

  draftExists(draftId: string): boolean {
    try {
      gmailUsers().Drafts.get(ME, draftId, { format: 'minimal' });
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  sendDraft(draftId: string): SentMessage {
    const sent = gmailUsers().Drafts.send({ id: draftId }, ME);
    return { id: sent.id ?? '', threadId: sent.threadId ?? '' };
  }

  deleteDraft(draftId: string): void {
    try {
      gmailUsers().Drafts.remove(ME, draftId);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  findDraftsByKey(key: string, recipient: string): string[] {
    const drafts = gmailUsers().Drafts.list(ME, { q: `to:${recipient}` }).drafts ?? [];
    return drafts
      .filter((d) => d.message?.id && headersOf(metadata(d.message.id)).batonKey === key)
      .map((d) => d.id ?? '');
  }

  batonMessagesInThread(threadId: string): SentMessageHeaders[] {
    let thread: GoogleAppsScript.Gmail.Schema.Thread;
    try {
      thread = gmailUsers().Threads.get(ME, threadId, {
        format: 'metadata',
        metadataHeaders: HEADERS,
      });
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    return (thread.messages ?? [])
      .filter((m) => !(m.labelIds ?? []).includes('DRAFT'))
      .map(headersOf)
      .filter((m) => m.batonKey !== '');
  }

  findSentByKey(key: string, recipient: string): SentMessageHeaders[] {
    const found = gmailUsers().Messages.list(ME, { q: `in:sent to:${recipient}` }).messages ?? [];
    return found.map((m) => headersOf(metadata(m.id ?? ''))).filter((m) => m.batonKey === key);
  }

  /**
   * Through the advanced service (GmailApp's label methods need the full mail.google.com scope),
   * in one batchModify. The label's id is looked up once per execution (this object lives for one).
   */
  labelMessages(messageIds: string[], labelName: string): void {
    if (messageIds.length === 0) return;
    const users = gmailUsers();
    const key = labelName.toLowerCase();
    let labelId = this.labelIds.get(key);
    if (!labelId) {
      const existing = (users.Labels.list(ME).labels ?? []).find(
        (l) => (l.name ?? '').toLowerCase() === key,
      );
      labelId = existing?.id ?? users.Labels.create({ name: labelName }, ME).id ?? '';
      this.labelIds.set(key, labelId);
    }
    users.Messages.batchModify({ ids: messageIds, addLabelIds: [labelId] }, ME);
  }

  sendAsAddresses(): string[] {
    return [Session.getEffectiveUser().getEmail(), ...GmailApp.getAliases()];
  }

  remainingRecipientQuota(): number {
    return MailApp.getRemainingDailyQuota();
  }

  listDrafts(): DraftSummary[] {
    return GmailApp.getDrafts().map((d) => ({
      id: d.getId(),
      subject: d.getMessage().getSubject(),
    }));
  }

  readDraft(draftId: string): DraftContent {
    const message = GmailApp.getDraft(draftId).getMessage();
    const text = message.getPlainBody();
    const html = message.getBody();
    // A plain-text draft's "HTML" body is its text again: keep one body, not two.
    return { subject: message.getSubject(), text, html: html.trim() === text.trim() ? '' : html };
  }
}
