// The Gmail API v1 itself, shared by the advanced service (`Gmail.Users...`) and the REST and
// batch endpoints UrlFetchApp reaches: resources shaped as the API returns them, the checks and
// quota every call passes, audited reads, and failures as Google's error objects.
import type { ExecutionContext } from '../kernel';
import { type Mailbox, MailError, type StoredMessage } from './mail-system';
import { type MimePart, base64UrlEncode, decodeWords } from './mime';
import { gmailRateWindowOf, unitsOf } from './rate-limit';
import { searchMessages } from './search';
import { mailboxOf, signedBytes } from './service-support';

export type ApiMessage = GoogleAppsScript.Gmail.Schema.Message;
type ApiPart = GoogleAppsScript.Gmail.Schema.MessagePart;

/** The optional arguments the emulated methods read (the API's query parameters). */
export interface Options {
  format?: unknown;
  metadataHeaders?: unknown;
  q?: unknown;
  labelIds?: unknown;
  maxResults?: unknown;
  pageToken?: unknown;
  includeSpamTrash?: unknown;
  startHistoryId?: unknown;
  historyTypes?: unknown;
  labelId?: unknown;
}

/** How `bytes` fields (raw, body.data) come back: Apps Script returns Java byte arrays (reported). */
export type ByteFieldStyle = 'byteArray' | 'base64url';

export interface GmailServiceOptions {
  byteFields?: ByteFieldStyle;
}

/** One of Google's API errors: HTTP code, message, reason (errors[].reason) and status. */
export interface ApiFailure {
  code: number;
  message: string;
  reason: string;
  domain?: string;
  status?: string;
  /** errors[].message when Google words it apart from the message ("Invalid Credentials"). */
  detail?: string;
  /** errors[].location, for a bad header (`Authorization`). */
  header?: string;
}

const STATUS_OF_CODE: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
};

/** The JSON body Google's REST APIs answer an error with. */
export function errorBody(failure: ApiFailure): { error: Record<string, unknown> } {
  return {
    error: {
      code: failure.code,
      message: failure.message,
      errors: [
        {
          message: failure.detail ?? failure.message,
          domain: failure.domain ?? 'global',
          reason: failure.reason,
          ...(failure.header ? { location: failure.header, locationType: 'header' } : {}),
        },
      ],
      status: failure.status ?? STATUS_OF_CODE[failure.code] ?? 'UNKNOWN',
    },
  };
}

/** A call that failed as the API fails: each caller shapes it (exception or HTTP answer). */
export class GmailApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.message);
  }
}

export const NOT_FOUND: ApiFailure = {
  code: 404,
  message: 'Requested entity was not found.',
  reason: 'notFound',
};

function failureOf(error: unknown): ApiFailure | undefined {
  if (error instanceof GmailApiError) return error.failure;
  if (!(error instanceof MailError)) return undefined;
  if (error.code === 'NOT_FOUND') return NOT_FOUND;
  return {
    code: 400,
    message: error.message,
    reason: error.code === 'NO_RECIPIENT' ? 'invalidArgument' : 'invalid',
  };
}

export const asList = (value: unknown): string[] =>
  value === undefined || value === null
    ? []
    : Array.isArray(value)
      ? value.map(String)
      : [String(value)];

export function snippet(message: StoredMessage): string {
  return message.parsed.text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** The search a list call runs: its q, and in:anywhere when it asks for spam and trash too. */
export function listQuery(options: Options): string {
  const query = String(options.q ?? '');
  return options.includeSpamTrash === true ? `${query} in:anywhere` : query;
}

const formatOf = (options: Options): string => String(options.format ?? 'full').toLowerCase();

/** How a caller wants a call checked and counted. */
export interface ServeOptions {
  /** Consume one unit of the daily `emailReadWrite` quota (every call but sends). */
  quota?: boolean;
}

/** Gmail's "Resolve errors" guide: 403, reason userRateLimitExceeded, for the per-user limit. */
const RATE_LIMITED: ApiFailure = {
  code: 403,
  message: 'User Rate Limit Exceeded',
  reason: 'userRateLimitExceeded',
  domain: 'usageLimits',
};

export class GmailApi {
  constructor(
    private readonly ctx: ExecutionContext,
    private readonly options: GmailServiceOptions = {},
  ) {}

  /**
   * One API call (`call` as in Gmail's quota table, e.g. 'threads.get') for `userId`: the rate
   * window, the delegation check, the daily quota, then `body` on the user's mailbox. Failures
   * come out as GmailApiError; the caller's own errors (quota, kills) pass through.
   */
  serve<T>(
    call: string,
    userId: unknown,
    body: (mailbox: Mailbox) => T,
    { quota = true }: ServeOptions = {},
  ): T {
    const ctx = this.ctx;
    if (!gmailRateWindowOf(ctx.kernel).admit(ctx.user.email, unitsOf(call), ctx.kernel.now()))
      throw new GmailApiError(RATE_LIMITED);
    const mailbox = mailboxOf(ctx);
    const who = String(userId ?? '');
    if (who !== 'me' && who.toLowerCase() !== mailbox.address) {
      throw new GmailApiError({
        code: 403,
        message: `Delegation denied for ${ctx.user.email}`,
        reason: 'forbidden',
      });
    }
    if (quota) ctx.consumeQuota('emailReadWrite', 1);
    try {
      return body(mailbox);
    } catch (error) {
      const failure = failureOf(error);
      if (failure) throw new GmailApiError(failure);
      throw error;
    }
  }

  bytes(data: Buffer): string | number[] {
    return this.options.byteFields === 'base64url' ? base64UrlEncode(data) : signedBytes(data);
  }

  audit(method: string, message: StoredMessage, kind?: string): void {
    this.ctx.audit('Gmail', method, {
      threadId: message.threadId,
      messageId: message.id,
      ...(kind ? { kind } : {}),
    });
  }

  private part(part: MimePart, partId: string): ApiPart {
    const isContainer = part.parts.length > 0;
    return {
      partId,
      mimeType: part.mimeType,
      filename: part.filename,
      headers: part.headers.map((h) => ({ name: h.name, value: decodeWords(h.value) })),
      body: isContainer
        ? { size: 0 }
        : part.filename
          ? { size: part.body.length, attachmentId: `ANGjdJ_${partId}` }
          : { size: part.body.length, data: this.bytes(part.body) as string },
      ...(isContainer
        ? {
            parts: part.parts.map((child, i) =>
              this.part(child, partId === '' ? String(i) : `${partId}.${i}`),
            ),
          }
        : {}),
    };
  }

  /** A message resource in one of the API's formats. */
  resource(message: StoredMessage, options: Options = {}): ApiMessage {
    const format = formatOf(options);
    const base: ApiMessage = {
      id: message.id,
      threadId: message.threadId,
      labelIds: [...message.labelIds],
      snippet: snippet(message),
      historyId: String(message.historyId),
      internalDate: String(message.internalDate),
      sizeEstimate: Buffer.byteLength(message.raw),
    };
    if (format === 'minimal') return base;
    if (format === 'raw') return { ...base, raw: this.bytes(Buffer.from(message.raw)) as string };
    if (format === 'metadata') {
      const wanted = asList(options.metadataHeaders).map((h) => h.toLowerCase());
      const headers = message.parsed.headers
        .filter((h) => wanted.length === 0 || wanted.includes(h.name.toLowerCase()))
        .map((h) => ({ name: h.name, value: decodeWords(h.value) }));
      return { ...base, payload: { mimeType: message.parsed.root.mimeType, headers } };
    }
    if (format !== 'full')
      throw new MailError('INVALID_ARGUMENT', `Invalid value for format: ${format}`);
    return { ...base, payload: this.part(message.parsed.root, '') };
  }

  find(mailbox: Mailbox, id: unknown): StoredMessage {
    const message = mailbox.message(String(id));
    if (!message) throw new MailError('NOT_FOUND', NOT_FOUND.message);
    return message;
  }

  page<T>(items: T[], options: Options, defaultMax = 100): { items: T[]; next?: string } {
    const max = Math.min(Number(options.maxResults ?? defaultMax), 500);
    const start = Number(options.pageToken ?? 0);
    const next = start + max < items.length ? String(start + max) : undefined;
    return { items: items.slice(start, start + max), next };
  }

  /** users.messages.get: the message in the asked format; the read is audited. */
  getMessage(mailbox: Mailbox, id: unknown, options: Options): ApiMessage {
    const message = this.find(mailbox, id);
    this.audit('Users.Messages.get', message, formatOf(options) === 'minimal' ? 'list' : undefined);
    return this.resource(message, options);
  }

  /** users.messages.list: ids matching q and labelIds, a page at a time; each listed id is audited. */
  listMessages(
    mailbox: Mailbox,
    options: Options,
  ): GoogleAppsScript.Gmail.Schema.ListMessagesResponse {
    const labelIds = asList(options.labelIds);
    const found = searchMessages(mailbox, listQuery(options), this.ctx.kernel.now()).filter((m) =>
      labelIds.every((id) => m.labelIds.has(id)),
    );
    const { items, next } = this.page(found, options);
    items.forEach((m) => this.audit('Users.Messages.list', m, 'list'));
    return {
      ...(items.length > 0
        ? { messages: items.map((m) => ({ id: m.id, threadId: m.threadId })) }
        : {}),
      ...(next ? { nextPageToken: next } : {}),
      resultSizeEstimate: found.length,
    };
  }

  /** users.threads.get: the thread's messages (drafts included) in the asked format; audited. */
  getThread(mailbox: Mailbox, id: string, options: Options): GoogleAppsScript.Gmail.Schema.Thread {
    const messages = mailbox.thread(id, true);
    if (messages.length === 0) throw new MailError('NOT_FOUND', NOT_FOUND.message);
    this.ctx.audit('Gmail', 'Users.Threads.get', {
      threadId: id,
      ...(formatOf(options) === 'minimal' ? { kind: 'list' } : {}),
    });
    return {
      id,
      historyId: String(Math.max(...messages.map((m) => m.historyId))),
      messages: messages.map((m) => this.resource(m, options)),
    };
  }
}
