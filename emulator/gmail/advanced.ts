// The Gmail advanced service (`Gmail.Users...`) as Apps Script exposes the Gmail API v1: JSON
// shaped as the API's resources, errors as GoogleJsonResponseException with `details`.
import type { ExecutionContext } from '../kernel';
import {
  type ApiFailure,
  type ApiMessage,
  asList,
  GmailApi,
  GmailApiError,
  type GmailServiceOptions,
  listQuery,
  NOT_FOUND,
  type Options,
  snippet,
} from './api';
import {
  type HistoryRecord,
  type HistoryType,
  type Label,
  type Mailbox,
  MailError,
} from './mail-system';
import { base64UrlDecode, parseAddressList } from './mime';
import { searchMessages, searchThreads } from './search';
import { notImplemented, scriptData } from './service-support';

export type { ByteFieldStyle, GmailServiceOptions } from './api';

/** `GoogleJsonResponseException: API call to gmail.users.<call> failed with error: <message>` */
function apiError(ctx: ExecutionContext, call: string, failure: ApiFailure): Error {
  const error = ctx.error(`API call to gmail.users.${call} failed with error: ${failure.message}`);
  error.name = 'GoogleJsonResponseException';
  Object.assign(error, {
    details: {
      code: failure.code,
      message: failure.message,
      errors: [
        { reason: failure.reason, domain: failure.domain ?? 'global', message: failure.message },
      ],
    },
  });
  return error;
}

/** 'messages.send' → 'Users.Messages.send', the name a script writes (drafts.delete is remove). */
function invokeName(call: string): string {
  const parts = call.split('.');
  const last = parts.pop();
  const method = last === 'delete' ? 'remove' : last;
  return ['Users', ...parts.map((p) => p[0].toUpperCase() + p.slice(1)), method].join('.');
}

export class GmailAdvancedService {
  private readonly api: GmailApi;

  constructor(
    private readonly ctx: ExecutionContext,
    options: GmailServiceOptions = {},
  ) {
    this.api = new GmailApi(ctx, options);
  }

  /** One API call: cost and faults through ctx.invoke, then the API's checks; errors as Apps Script's. */
  private call<T>(call: string, userId: unknown, body: (mailbox: Mailbox) => T, quota = true): T {
    const ctx = this.ctx;
    return ctx.invoke('Gmail', invokeName(call), () => {
      try {
        return scriptData(ctx, this.api.serve(call, userId, body, { quota }));
      } catch (error) {
        if (error instanceof GmailApiError) throw apiError(ctx, call.toLowerCase(), error.failure);
        throw error;
      }
    });
  }

  /** Counts recipients of a raw message against the daily quota before it is sent. */
  private chargeRecipients(raw: string): void {
    const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
    const count = head
      .split(/\r?\n/)
      .filter((line) => /^(to|cc|bcc):/i.test(line))
      .reduce((sum, line) => sum + parseAddressList(line.slice(line.indexOf(':') + 1)).length, 0);
    this.ctx.consumeQuota('emailRecipients', count);
  }

  private rawOf(resource: { raw?: unknown } | undefined): string {
    const raw = resource?.raw;
    if (typeof raw === 'string') return base64UrlDecode(raw).toString('utf8');
    if (Array.isArray(raw)) return Buffer.from(raw.map((n: number) => n & 0xff)).toString('utf8');
    throw new MailError(
      'INVALID_ARGUMENT',
      "'raw' RFC822 payload message string or uploading message via /upload/* URL required",
    );
  }

  private labelResource(
    mailbox: Mailbox,
    label: Label,
    counts: boolean,
  ): GoogleAppsScript.Gmail.Schema.Label {
    const base = {
      id: label.id,
      name: label.name,
      type: label.type,
      ...(label.type === 'user'
        ? { messageListVisibility: 'show', labelListVisibility: 'labelShow' }
        : {}),
    };
    if (!counts) return base;
    const messages = [...mailbox.messages.values()].filter((m) => m.labelIds.has(label.id));
    const unread = messages.filter((m) => m.labelIds.has('UNREAD'));
    return {
      ...base,
      messagesTotal: messages.length,
      messagesUnread: unread.length,
      threadsTotal: new Set(messages.map((m) => m.threadId)).size,
      threadsUnread: new Set(unread.map((m) => m.threadId)).size,
    };
  }

  private historyEntry(record: HistoryRecord): GoogleAppsScript.Gmail.Schema.History {
    const message = { id: record.messageId, threadId: record.threadId };
    const entry: GoogleAppsScript.Gmail.Schema.History = {
      id: String(record.id),
      messages: [message],
    };
    if (record.type === 'messageAdded')
      entry.messagesAdded = [{ message: { ...message, labelIds: record.labelIds } }];
    if (record.type === 'messageDeleted') entry.messagesDeleted = [{ message }];
    if (record.type === 'labelAdded') entry.labelsAdded = [{ message, labelIds: record.labelIds }];
    if (record.type === 'labelRemoved')
      entry.labelsRemoved = [{ message, labelIds: record.labelIds }];
    return entry;
  }

  private listHistory(
    mailbox: Mailbox,
    options: Options,
  ): GoogleAppsScript.Gmail.Schema.ListHistoryResponse {
    const start = String(options.startHistoryId ?? '');
    if (!/^\d+$/.test(start)) {
      throw new MailError(
        'INVALID_ARGUMENT',
        `Invalid value at 'start_history_id' (TYPE_UINT64), "${start}"`,
      );
    }
    mailbox.pruneHistory();
    const startId = Number(start);
    // too old (history pruned) and ahead of the mailbox both answer 404, as Gmail does
    if (startId < mailbox.historyFloor || startId > mailbox.historyId) {
      throw new MailError('NOT_FOUND', NOT_FOUND.message);
    }
    const types = asList(options.historyTypes) as HistoryType[];
    const labelId = options.labelId === undefined ? undefined : String(options.labelId);
    const records = mailbox.history.filter(
      (r) =>
        r.id > startId &&
        (types.length === 0 || types.includes(r.type)) &&
        (labelId === undefined ||
          r.labelIds.includes(labelId) ||
          (r.type !== 'labelRemoved' &&
            mailbox.message(r.messageId)?.labelIds.has(labelId) === true)),
    );
    const { items, next } = this.api.page(records, options);
    return {
      ...(items.length > 0 ? { history: items.map((r) => this.historyEntry(r)) } : {}),
      historyId: String(mailbox.historyId),
      ...(next ? { nextPageToken: next } : {}),
    };
  }

  /** The `Gmail` global: `Gmail.Users.Messages.send(resource, 'me')` and friends. */
  build(): GoogleAppsScript.Gmail {
    const ctx = this.ctx;
    const unbuilt = (name: string) => (): never => notImplemented(ctx, `Gmail.Users.${name}`);
    const Messages: GoogleAppsScript.Gmail.Collection.Users.MessagesCollection = {
      Attachments: { get: unbuilt('Messages.Attachments.get') },
      send: (resource: ApiMessage, userId: string): ApiMessage =>
        this.call(
          'messages.send',
          userId,
          (mailbox) => {
            const raw = this.rawOf(resource);
            this.chargeRecipients(raw);
            const sent = mailbox.send(raw, { threadId: resource.threadId ?? undefined });
            return { id: sent.id, threadId: sent.threadId, labelIds: [...sent.labelIds] };
          },
          false,
        ),
      get: (userId: string, id: string, options: Options = {}): ApiMessage =>
        this.call('messages.get', userId, (mailbox) => this.api.getMessage(mailbox, id, options)),
      list: (
        userId: string,
        options: Options = {},
      ): GoogleAppsScript.Gmail.Schema.ListMessagesResponse =>
        this.call('messages.list', userId, (mailbox) => this.api.listMessages(mailbox, options)),
      modify: (
        resource: GoogleAppsScript.Gmail.Schema.ModifyMessageRequest,
        userId: string,
        id: string,
      ): ApiMessage =>
        this.call('messages.modify', userId, (mailbox) => {
          const message = mailbox.modify(
            String(id),
            asList(resource.addLabelIds),
            asList(resource.removeLabelIds),
          );
          return { id: message.id, threadId: message.threadId, labelIds: [...message.labelIds] };
        }),
      batchModify: (
        resource: GoogleAppsScript.Gmail.Schema.BatchModifyMessagesRequest,
        userId: string,
      ): void =>
        this.call('messages.batchModify', userId, (mailbox) => {
          const ids = asList(resource.ids);
          if (ids.length > 1000)
            throw new MailError('INVALID_ARGUMENT', 'Too many ids: at most 1000 per call.');
          ids.forEach((id) =>
            mailbox.modify(id, asList(resource.addLabelIds), asList(resource.removeLabelIds)),
          );
        }),
      trash: (userId: string, id: string): ApiMessage =>
        this.call('messages.trash', userId, (mailbox) => {
          const message = mailbox.modify(String(id), ['TRASH'], ['INBOX']);
          return { id: message.id, threadId: message.threadId, labelIds: [...message.labelIds] };
        }),
      batchDelete: unbuilt('Messages.batchDelete'),
      import: unbuilt('Messages.import'),
      insert: unbuilt('Messages.insert'),
      remove: unbuilt('Messages.remove'),
      untrash: unbuilt('Messages.untrash'),
    };
    const draftResource = (mailbox: Mailbox, draftId: string, options: Options = {}) => {
      const message = mailbox.draftMessage(draftId);
      const format = String(options.format ?? 'full').toLowerCase();
      this.api.audit('Users.Drafts.get', message, format === 'minimal' ? 'list' : undefined);
      return { id: draftId, message: this.api.resource(message, options) };
    };
    const Drafts: GoogleAppsScript.Gmail.Collection.Users.DraftsCollection = {
      create: (resource: GoogleAppsScript.Gmail.Schema.Draft, userId: string) =>
        this.call('drafts.create', userId, (mailbox) => {
          const { draftId, message } = mailbox.createDraft(
            this.rawOf(resource.message),
            resource.message?.threadId ?? undefined,
          );
          return {
            id: draftId,
            message: {
              id: message.id,
              threadId: message.threadId,
              labelIds: [...message.labelIds],
            },
          };
        }),
      get: (userId: string, id: string, options: Options = {}) =>
        this.call('drafts.get', userId, (mailbox) => draftResource(mailbox, String(id), options)),
      list: (
        userId: string,
        options: Options = {},
      ): GoogleAppsScript.Gmail.Schema.ListDraftsResponse =>
        this.call('drafts.list', userId, (mailbox) => {
          const matching = new Set(
            searchMessages(mailbox, `${String(options.q ?? '')} in:drafts`, ctx.kernel.now()).map(
              (m) => m.id,
            ),
          );
          const drafts = [...mailbox.drafts.entries()].filter(([, messageId]) =>
            matching.has(messageId),
          );
          const { items, next } = this.api.page(drafts, options);
          return {
            ...(items.length > 0
              ? {
                  drafts: items.map(([id, messageId]) => ({
                    id,
                    message: { id: messageId, threadId: mailbox.message(messageId)?.threadId },
                  })),
                }
              : {}),
            ...(next ? { nextPageToken: next } : {}),
            resultSizeEstimate: drafts.length,
          };
        }),
      send: (resource: GoogleAppsScript.Gmail.Schema.Draft, userId: string): ApiMessage =>
        this.call(
          'drafts.send',
          userId,
          (mailbox) => {
            const draftId = String(resource.id ?? '');
            this.chargeRecipients(mailbox.draftMessage(draftId).raw);
            const sent = mailbox.sendDraft(draftId);
            return { id: sent.id, threadId: sent.threadId, labelIds: [...sent.labelIds] };
          },
          false,
        ),
      update: (resource: GoogleAppsScript.Gmail.Schema.Draft, userId: string, id: string) =>
        this.call('drafts.update', userId, (mailbox) => {
          const message = mailbox.updateDraft(
            String(id),
            this.rawOf(resource.message),
            resource.message?.threadId ?? undefined,
          );
          return {
            id: String(id),
            message: {
              id: message.id,
              threadId: message.threadId,
              labelIds: [...message.labelIds],
            },
          };
        }),
      remove: (userId: string, id: string): void =>
        this.call('drafts.delete', userId, (mailbox) => mailbox.deleteDraft(String(id))),
    };
    const Threads: GoogleAppsScript.Gmail.Collection.Users.ThreadsCollection = {
      get: (
        userId: string,
        id: string,
        options: Options = {},
      ): GoogleAppsScript.Gmail.Schema.Thread =>
        this.call('threads.get', userId, (mailbox) =>
          this.api.getThread(mailbox, String(id), options),
        ),
      list: (
        userId: string,
        options: Options = {},
      ): GoogleAppsScript.Gmail.Schema.ListThreadsResponse =>
        this.call('threads.list', userId, (mailbox) => {
          const labelIds = asList(options.labelIds);
          const query = `${listQuery(options)} ${labelIds.map((id) => `label:${id}`).join(' ')}`;
          const ids = searchThreads(mailbox, query, ctx.kernel.now());
          const { items, next } = this.api.page(ids, options);
          items.forEach((threadId) =>
            ctx.audit('Gmail', 'Users.Threads.list', { threadId, kind: 'list' }),
          );
          return {
            ...(items.length > 0
              ? {
                  threads: items.map((threadId) => {
                    const messages = mailbox.thread(threadId, true);
                    const last = messages[messages.length - 1];
                    return {
                      id: threadId,
                      snippet: snippet(last),
                      historyId: String(last.historyId),
                    };
                  }),
                }
              : {}),
            ...(next ? { nextPageToken: next } : {}),
            resultSizeEstimate: ids.length,
          };
        }),
      modify: (
        resource: GoogleAppsScript.Gmail.Schema.ModifyThreadRequest,
        userId: string,
        id: string,
      ) =>
        this.call('threads.modify', userId, (mailbox) => {
          const messages = mailbox.thread(String(id), true);
          if (messages.length === 0) throw new MailError('NOT_FOUND', NOT_FOUND.message);
          messages.forEach((m) =>
            mailbox.modify(m.id, asList(resource.addLabelIds), asList(resource.removeLabelIds)),
          );
          return {
            id: String(id),
            historyId: String(mailbox.historyId),
            messages: messages.map((m) => this.api.resource(m, { format: 'minimal' })),
          };
        }),
      remove: unbuilt('Threads.remove'),
      trash: unbuilt('Threads.trash'),
      untrash: unbuilt('Threads.untrash'),
    };
    const Labels: GoogleAppsScript.Gmail.Collection.Users.LabelsCollection = {
      list: (userId: string): GoogleAppsScript.Gmail.Schema.ListLabelsResponse =>
        this.call('labels.list', userId, (mailbox) => ({
          labels: [...mailbox.labels.values()].map((label) =>
            this.labelResource(mailbox, label, false),
          ),
        })),
      get: (userId: string, id: string): GoogleAppsScript.Gmail.Schema.Label =>
        this.call('labels.get', userId, (mailbox) => {
          const label = mailbox.labels.get(String(id));
          if (!label) throw new MailError('NOT_FOUND', NOT_FOUND.message);
          return this.labelResource(mailbox, label, true);
        }),
      create: (
        resource: GoogleAppsScript.Gmail.Schema.Label,
        userId: string,
      ): GoogleAppsScript.Gmail.Schema.Label =>
        this.call('labels.create', userId, (mailbox) => {
          const name = String(resource.name ?? '').trim();
          if (!name) throw new MailError('INVALID_ARGUMENT', 'Invalid label name');
          const taken = [...mailbox.labels.values()].some(
            (l) => l.name.toLowerCase() === name.toLowerCase(),
          );
          if (taken)
            throw new GmailApiError({
              code: 409,
              message: 'Label name exists or conflicts',
              reason: 'duplicate',
            });
          return this.labelResource(mailbox, mailbox.createLabel(name), false);
        }),
      patch: unbuilt('Labels.patch'),
      remove: unbuilt('Labels.remove'),
      update: unbuilt('Labels.update'),
    };
    const History: GoogleAppsScript.Gmail.Collection.Users.HistoryCollection = {
      list: (
        userId: string,
        options: Options = {},
      ): GoogleAppsScript.Gmail.Schema.ListHistoryResponse =>
        this.call('history.list', userId, (mailbox) => this.listHistory(mailbox, options)),
    };
    const Users: GoogleAppsScript.Gmail.Collection.UsersCollection = {
      Messages,
      Drafts,
      Threads,
      Labels,
      History,
      Settings: new Proxy({} as GoogleAppsScript.Gmail.Collection.Users.SettingsCollection, {
        get: (_target, name) =>
          typeof name === 'string' ? unbuilt(`Settings.${name}`) : undefined,
      }),
      getProfile: (userId: string): GoogleAppsScript.Gmail.Schema.Profile =>
        this.call('getProfile', userId, (mailbox) => ({
          emailAddress: mailbox.address,
          messagesTotal: mailbox.messages.size,
          threadsTotal: mailbox.threadIds().length,
          historyId: String(mailbox.historyId),
        })),
      stop: unbuilt('stop'),
      watch: unbuilt('watch'),
    };
    // the new*() factories of the advanced service just make empty resources
    return new Proxy({ Users } as GoogleAppsScript.Gmail, {
      get: (target, name) =>
        typeof name === 'string' && name.startsWith('new') ? () => ({}) : Reflect.get(target, name),
    });
  }
}
