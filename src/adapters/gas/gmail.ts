// The Mailbox port on Gmail: the Gmail advanced service (raw MIME, thread ids, labels) and its
// batch endpoint (many header reads in one call) for the sending protocol, GmailApp for aliases
// and drafts' content, MailApp for quota.
import type {
  DraftContent,
  DraftSummary,
  Mailbox,
  OutgoingMessage,
  SentMessage,
  SentMessageHeaders,
} from '../../ports';
import { base64Encode, utf8Encode } from '../../core/encoding';
import { sentToQueries } from '../../core/gmail-search';
import { fetchBatch, MAX_BATCH_CALLS } from './gmail-batch';
import { GMAIL_UNITS, type GmailPacer } from './gmail-pace';

const ME = 'me';
const HEADERS = ['Message-ID', 'X-Baton-Key'];
const MESSAGES_PATH = '/gmail/v1/users/me/messages';
/** Addresses OR-ed in one Gmail search (`to:"a" OR to:"b"`), keeping the query short. */
const RECIPIENTS_PER_SEARCH = 30;

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

export class GmailApiMailbox implements Mailbox {
  /** Label ids by lower-cased name, found during this execution. */
  private readonly labelIds = new Map<string, string>();
  private oauthToken = '';
  /** `pace`: the execution's one Gmail pacer (Gmail's per-user units a minute), shared. */
  constructor(private readonly pace: GmailPacer) {}

  readonly headerReadsPerCall = MAX_BATCH_CALLS;

  send(message: OutgoingMessage): SentMessage {
    const resource: ApiMessage = {
      // Encoded here rather than by Utilities: the same bytes, without a service call per send.
      raw: base64Encode(utf8Encode(message.raw), true),
      threadId: message.threadId,
    };
    const sent = this.pace.run(GMAIL_UNITS.send, () => gmailUsers().Messages.send(resource, ME));
    return { id: sent.id ?? '', threadId: sent.threadId ?? '' };
  }

  rfcMessageIds(messageIds: string[]): Map<string, string> {
    const found = new Map<string, string>();
    for (const message of this.metadataOf(messageIds, ['Message-ID']))
      found.set(message.id, message.rfcMessageId);
    return found;
  }

  batonMessagesSentSince(since: number, recipients: string[]): SentMessageHeaders[] {
    const ids = new Set<string>();
    for (const q of sentToQueries(since, recipients, RECIPIENTS_PER_SEARCH)) {
      let pageToken: string | undefined;
      do {
        const query = { q, includeSpamTrash: true, maxResults: 500, pageToken };
        const page = this.pace.run(GMAIL_UNITS.list, () => gmailUsers().Messages.list(ME, query));
        for (const m of page.messages ?? []) if (m.id) ids.add(m.id);
        pageToken = page.nextPageToken ?? undefined;
      } while (pageToken);
    }
    return this.metadataOf([...ids], HEADERS).filter((m) => m.batonKey !== '');
  }

  /**
   * Headers of many messages, MAX_BATCH_CALLS at a time in Gmail batch requests; a call the batch
   * could not serve (rate limit, server error) is made again on its own; a missing message is left
   * out.
   */
  private metadataOf(messageIds: string[], headers: string[]): SentMessageHeaders[] {
    const query = ['format=metadata', ...headers.map((h) => `metadataHeaders=${h}`)].join('&');
    const result: SentMessageHeaders[] = [];
    for (let start = 0; start < messageIds.length; start += MAX_BATCH_CALLS) {
      const slice = messageIds.slice(start, start + MAX_BATCH_CALLS);
      const calls = slice.map((id) => ({ path: `${MESSAGES_PATH}/${id}?${query}` }));
      const token = this.token();
      const answers = this.pace.run(GMAIL_UNITS.get * calls.length, () => fetchBatch(calls, token));
      answers.forEach((answer, i) => {
        if (answer.status === 200) result.push(headersOf(answer.body as ApiMessage));
        else if (answer.status !== 404) {
          const one = this.metadataAlone(slice[i], headers);
          if (one) result.push(one);
        }
      });
    }
    return result;
  }

  /** The running user's OAuth token, asked once per execution (it lasts about an hour). */
  private token(): string {
    this.oauthToken = this.oauthToken || ScriptApp.getOAuthToken();
    return this.oauthToken;
  }

  private metadataAlone(id: string, headers: string[]): SentMessageHeaders | undefined {
    try {
      const options = { format: 'metadata', metadataHeaders: headers };
      return headersOf(
        this.pace.run(GMAIL_UNITS.get, () => gmailUsers().Messages.get(ME, id, options)),
      );
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * Through the advanced service (GmailApp's label methods need the full mail.google.com scope),
   * in one batchModify. The label's id is looked up once per execution (this object lives for one).
   */
  ensureLabel(labelName: string): string {
    const users = gmailUsers();
    const key = labelName.toLowerCase();
    let labelId = this.labelIds.get(key);
    if (!labelId) {
      const labels = this.pace.run(GMAIL_UNITS.labelsList, () => users.Labels.list(ME).labels);
      const existing = (labels ?? []).find((l) => (l.name ?? '').toLowerCase() === key);
      labelId =
        existing?.id ??
        this.pace.run(GMAIL_UNITS.labelsCreate, () => users.Labels.create({ name: labelName }, ME))
          .id ??
        '';
      this.labelIds.set(key, labelId);
    }
    return labelId;
  }

  labelMessages(messageIds: string[], labelName: string, knownId?: string): string {
    const modify = (labelId: string) => {
      const change = { ids: messageIds, addLabelIds: [labelId] };
      this.pace.run(GMAIL_UNITS.batchModify, () => gmailUsers().Messages.batchModify(change, ME));
      return labelId;
    };
    if (knownId) {
      try {
        return modify(knownId);
      } catch {
        // The label was deleted or renamed in Gmail, or the id is another mailbox's: look it up.
      }
    }
    return modify(this.ensureLabel(labelName));
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
