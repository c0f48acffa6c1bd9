// GmailApp and MailApp for one execution: threads, messages, drafts, labels, search, sends, over
// the world's MailSystem. Every call goes through ctx.invoke; every content read is audited.
import type { ExecutionContext } from '../kernel';
import {
  type Label,
  type Mailbox,
  MailError,
  type StoredMessage,
  messageHeader,
  messageSubject,
  replyHeaders,
} from './mail-system';
import {
  type Address,
  type Attachment,
  buildMessage,
  formatAddress,
  parseAddressList,
} from './mime';
import { searchThreads } from './search';
import {
  mailboxOf,
  notImplemented,
  scriptArray,
  scriptDate,
  signedBytes,
  toBuffer,
} from './service-support';

type GmailOptions = GoogleAppsScript.Gmail.GmailAdvancedOptions & { subject?: string };

const MAX_THREADS = 500;

/** Options as Apps Script reads them: a missing object, or an option set to null, is absent. */
function presentOptions(options: GmailOptions | null | undefined): GmailOptions {
  return Object.fromEntries(
    Object.entries(options ?? {}).filter(([, value]) => value !== null && value !== undefined),
  ) as GmailOptions;
}

/** The state shared by the GmailApp objects of one execution. */
class MailSession {
  accessToken: string | undefined;
  constructor(
    readonly ctx: ExecutionContext,
    readonly app: EmulatedGmailApp,
  ) {}

  get mailbox(): Mailbox {
    return mailboxOf(this.ctx);
  }

  /**
   * One service call: cost and faults via invoke, and (unless a send) the read/write quota.
   * Arrays are handed over as arrays of the script's realm.
   */
  call<T>(method: string, body: () => T, quota = true, service = 'GmailApp'): T {
    return this.ctx.invoke(service, method, () => {
      if (quota) this.ctx.consumeQuota('emailReadWrite', 1);
      try {
        const result = body();
        return Array.isArray(result) ? (scriptArray(this.ctx, result) as T) : result;
      } catch (error) {
        if (error instanceof MailError) throw this.ctx.error(error.message);
        throw error;
      }
    });
  }

  /** A read of message or thread content: needs the add-on's message token in a contextual run. */
  read<T>(method: string, resource: Record<string, string>, body: () => T): T {
    return this.call(method, () => {
      this.checkAccessToken();
      this.ctx.audit('GmailApp', method, resource);
      return body();
    });
  }

  private checkAccessToken(): void {
    if (this.ctx.kind !== 'contextual') return;
    const expected = this.ctx.host.gmail?.accessToken;
    if (
      this.accessToken === undefined ||
      (expected !== undefined && this.accessToken !== expected)
    ) {
      // reported wording; unverified against a real deployment
      throw this.ctx.error(
        'Access denied: : Missing access token for per message scope authorization. Use GmailApp.setCurrentMessageAccessToken(String) to set the access token.',
      );
    }
  }

  unbuilt(name: string): never {
    return notImplemented(this.ctx, name);
  }

  /** Recipients of an outgoing message count against the day's email quota before it leaves. */
  chargeRecipients(addresses: Address[]): void {
    this.ctx.consumeQuota('emailRecipients', addresses.length);
  }

  /** Builds the MIME source of a message from GmailApp's (recipient, subject, body, options). */
  compose(
    recipient: string,
    subject: string,
    body: string,
    given: GmailOptions | null = {},
    extraHeaders: { name: string; value: string }[] = [],
  ): { raw: string; recipients: Address[] } {
    const options = presentOptions(given);
    const mailbox = this.mailbox;
    // `from` may be "Name <address>": the address must be the user's or one of their aliases
    const from = options.from === undefined ? undefined : parseAddressList(options.from)[0];
    const fromAddress = from?.address ?? mailbox.address;
    if (options.from !== undefined && (!from || !mailbox.sendAs().includes(fromAddress))) {
      throw this.ctx.error(
        `Invalid argument: from (${options.from} is not one of GmailApp.getAliases()).`,
      );
    }
    const to = parseAddressList(recipient ?? '');
    const cc = parseAddressList(options.cc ?? '');
    const bcc = parseAddressList(options.bcc ?? '');
    const recipients = [...to, ...cc, ...bcc];
    if (recipients.length === 0) throw this.ctx.error('Failed to send email: no recipient');
    const attachments: Attachment[] = (options.attachments ?? []).map((source) => {
      // a Blob, or any BlobSource (a Drive file...) that can give one
      const blob =
        typeof (source as Partial<GoogleAppsScript.Base.BlobSource>).getBlob === 'function'
          ? source.getBlob()
          : (source as unknown as GoogleAppsScript.Base.Blob);
      return {
        filename: blob.getName() ?? 'attachment',
        mimeType: blob.getContentType() ?? 'application/octet-stream',
        data: toBuffer(blob.getBytes()),
      };
    });
    const headers = [
      {
        name: 'From',
        value: formatAddress({
          name: options.name ?? (from?.name || mailbox.name),
          address: fromAddress,
        }),
      },
      ...(to.length > 0 ? [{ name: 'To', value: to.map(formatAddress).join(', ') }] : []),
      ...(cc.length > 0 ? [{ name: 'Cc', value: cc.map(formatAddress).join(', ') }] : []),
      ...(bcc.length > 0 ? [{ name: 'Bcc', value: bcc.map(formatAddress).join(', ') }] : []),
      ...(options.replyTo ? [{ name: 'Reply-To', value: options.replyTo }] : []),
      { name: 'Subject', value: subject },
      ...extraHeaders,
    ];
    const raw = buildMessage({ headers, text: body, html: options.htmlBody, attachments });
    return { raw, recipients };
  }

  message(stored: StoredMessage): EmulatedMessage {
    return new EmulatedMessage(this, stored.id, stored.threadId);
  }

  thread(threadId: string): EmulatedThread {
    return new EmulatedThread(this, threadId);
  }

  /** The sender of a message, as a reply addresses it: Reply-To if set, else From. */
  replyTarget(stored: StoredMessage): Address[] {
    return parseAddressList(messageHeader(stored, 'Reply-To') || messageHeader(stored, 'From'));
  }

  /** Everyone on a message except ourselves, after the sender: what replyAll addresses. */
  replyAllTargets(stored: StoredMessage): { to: Address[]; cc: Address[] } {
    const own = this.mailbox.sendAs();
    const to = this.replyTarget(stored);
    const others = ['To', 'Cc']
      .flatMap((name) => parseAddressList(messageHeader(stored, name)))
      .filter((a) => !own.includes(a.address) && !to.some((t) => t.address === a.address));
    return { to, cc: others };
  }

  /** Sends or drafts a reply to `stored` in its thread. */
  reply(
    stored: StoredMessage,
    body: string,
    given: GmailOptions | null,
    all: boolean,
    asDraft: boolean,
  ): StoredMessage | string {
    const options = presentOptions(given);
    const targets = all ? this.replyAllTargets(stored) : { to: this.replyTarget(stored), cc: [] };
    const headers = replyHeaders(stored).filter((h) => h.name !== 'Subject');
    const subject = options.subject ?? replyHeaders(stored)[0].value;
    const ccList = [...targets.cc.map(formatAddress), ...(options.cc ? [options.cc] : [])].join(
      ', ',
    );
    const { raw, recipients } = this.compose(
      targets.to.map(formatAddress).join(', '),
      subject,
      body,
      { ...options, cc: ccList || undefined },
      headers,
    );
    if (asDraft) return this.mailbox.createDraft(raw, stored.threadId, true).draftId;
    this.chargeRecipients(recipients);
    return this.mailbox.send(raw, { forceThreadId: stored.threadId });
  }

  /** The stored message behind an id, or Apps Script's error when it is gone. */
  stored(messageId: string): StoredMessage {
    const found = this.mailbox.message(messageId);
    if (!found) throw this.ctx.error('Invalid argument: id');
    return found;
  }

  /** A thread's messages, drafts included as GmailThread.getMessages() gives them (isDraft()). */
  threadMessages(threadId: string, withDrafts = true): StoredMessage[] {
    const messages = this.mailbox.thread(threadId, withDrafts);
    if (messages.length === 0) throw this.ctx.error('Invalid argument: id');
    return messages;
  }

  userLabel(label: Label): EmulatedLabel {
    return new EmulatedLabel(this, label.id);
  }
}

/** Attachments are Blobs with getSize(); only what scripts commonly read is built. */
class EmulatedAttachment {
  constructor(
    private readonly session: MailSession,
    private readonly attachment: Attachment,
  ) {}
  getName(): string {
    return this.attachment.filename;
  }
  getContentType(): string {
    return this.attachment.mimeType;
  }
  getSize(): number {
    return this.attachment.data.length;
  }
  getBytes(): number[] {
    return signedBytes(this.attachment.data);
  }
  getDataAsString(): string {
    return this.attachment.data.toString('utf8');
  }
  copyBlob(): never {
    return this.session.unbuilt('GmailAttachment.copyBlob');
  }
}

export class EmulatedMessage implements GoogleAppsScript.Gmail.GmailMessage {
  constructor(
    private readonly session: MailSession,
    private readonly id: string,
    private readonly threadId: string,
  ) {}

  private read<T>(method: string, body: (stored: StoredMessage) => T): T {
    return this.session.read(
      `GmailMessage.${method}`,
      { threadId: this.threadId, messageId: this.id },
      () => body(this.session.stored(this.id)),
    );
  }

  getId(): string {
    return this.id;
  }
  getThread(): GoogleAppsScript.Gmail.GmailThread {
    return this.session.thread(this.read('getThread', (m) => m.threadId));
  }
  getFrom(): string {
    return this.read('getFrom', (m) => messageHeader(m, 'From'));
  }
  getTo(): string {
    return this.read('getTo', (m) => messageHeader(m, 'To'));
  }
  getCc(): string {
    return this.read('getCc', (m) => messageHeader(m, 'Cc'));
  }
  getBcc(): string {
    return this.read('getBcc', (m) => messageHeader(m, 'Bcc'));
  }
  getReplyTo(): string {
    return this.read('getReplyTo', (m) => messageHeader(m, 'Reply-To') || messageHeader(m, 'From'));
  }
  getSubject(): string {
    return this.read('getSubject', messageSubject);
  }
  getDate(): GoogleAppsScript.Base.Date {
    return this.read('getDate', (m) => scriptDate(this.session.ctx, m.internalDate));
  }
  getBody(): string {
    return this.read('getBody', (m) => m.parsed.html || m.parsed.text);
  }
  getPlainBody(): string {
    return this.read('getPlainBody', (m) => m.parsed.text);
  }
  getRawContent(): string {
    return this.read('getRawContent', (m) => m.raw);
  }
  getHeader(name: string): string {
    return this.read('getHeader', (m) => messageHeader(m, name));
  }
  getAttachments(): GoogleAppsScript.Gmail.GmailAttachment[] {
    return this.read('getAttachments', (m) =>
      m.parsed.attachments.map(
        (a) =>
          new EmulatedAttachment(
            this.session,
            a,
          ) as unknown as GoogleAppsScript.Gmail.GmailAttachment,
      ),
    );
  }
  isDraft(): boolean {
    return this.read('isDraft', (m) => m.labelIds.has('DRAFT'));
  }
  isInInbox(): boolean {
    return this.read('isInInbox', (m) => m.labelIds.has('INBOX'));
  }
  isInTrash(): boolean {
    return this.read('isInTrash', (m) => m.labelIds.has('TRASH'));
  }
  isStarred(): boolean {
    return this.read('isStarred', (m) => m.labelIds.has('STARRED'));
  }
  isUnread(): boolean {
    return this.read('isUnread', (m) => m.labelIds.has('UNREAD'));
  }
  private relabel(method: string, add: string[], remove: string[]): this {
    this.session.call(`GmailMessage.${method}`, () =>
      this.session.mailbox.modify(this.id, add, remove),
    );
    return this;
  }
  markRead(): GoogleAppsScript.Gmail.GmailMessage {
    return this.relabel('markRead', [], ['UNREAD']);
  }
  markUnread(): GoogleAppsScript.Gmail.GmailMessage {
    return this.relabel('markUnread', ['UNREAD'], []);
  }
  moveToTrash(): GoogleAppsScript.Gmail.GmailMessage {
    return this.relabel('moveToTrash', ['TRASH'], ['INBOX']);
  }
  star(): GoogleAppsScript.Gmail.GmailMessage {
    return this.relabel('star', ['STARRED'], []);
  }
  unstar(): GoogleAppsScript.Gmail.GmailMessage {
    return this.relabel('unstar', [], ['STARRED']);
  }
  refresh(): GoogleAppsScript.Gmail.GmailMessage {
    return this;
  }
  reply(body: string, options: GmailOptions = {}): GoogleAppsScript.Gmail.GmailMessage {
    return this.sendReply('GmailMessage.reply', body, options, false);
  }
  replyAll(body: string, options: GmailOptions = {}): GoogleAppsScript.Gmail.GmailMessage {
    return this.sendReply('GmailMessage.replyAll', body, options, true);
  }
  createDraftReply(body: string, options: GmailOptions = {}): GoogleAppsScript.Gmail.GmailDraft {
    return this.draftReply('GmailMessage.createDraftReply', body, options, false);
  }
  createDraftReplyAll(body: string, options: GmailOptions = {}): GoogleAppsScript.Gmail.GmailDraft {
    return this.draftReply('GmailMessage.createDraftReplyAll', body, options, true);
  }
  /** reply / replyAll: sent at once, to the sender of this message (and, for all, the others). */
  private sendReply(method: string, body: string, options: GmailOptions, all: boolean) {
    return this.session.call(
      method,
      () =>
        this.session.message(
          this.session.reply(
            this.session.stored(this.id),
            body,
            options,
            all,
            false,
          ) as StoredMessage,
        ),
      false,
    );
  }
  /** createDraftReply / createDraftReplyAll: the same reply, kept as a draft. */
  private draftReply(method: string, body: string, options: GmailOptions, all: boolean) {
    return this.session.call(
      method,
      () =>
        new EmulatedDraft(
          this.session,
          this.session.reply(this.session.stored(this.id), body, options, all, true) as string,
        ),
    );
  }
  forward(): GoogleAppsScript.Gmail.GmailMessage {
    return this.session.unbuilt('GmailMessage.forward');
  }
  isInChats(): boolean {
    return false;
  }
  isInPriorityInbox(): boolean {
    return this.session.unbuilt('GmailMessage.isInPriorityInbox');
  }
}

export class EmulatedThread implements GoogleAppsScript.Gmail.GmailThread {
  constructor(
    private readonly session: MailSession,
    private readonly id: string,
  ) {}

  private read<T>(method: string, body: (messages: StoredMessage[]) => T): T {
    return this.session.read(`GmailThread.${method}`, { threadId: this.id }, () =>
      body(this.session.threadMessages(this.id)),
    );
  }
  private last(messages: StoredMessage[]): StoredMessage {
    return messages[messages.length - 1];
  }

  getId(): string {
    return this.id;
  }
  getMessages(): GoogleAppsScript.Gmail.GmailMessage[] {
    return this.read('getMessages', (messages) => messages.map((m) => this.session.message(m)));
  }
  getMessageCount(): number {
    return this.read('getMessageCount', (messages) => messages.length);
  }
  getFirstMessageSubject(): string {
    return this.read('getFirstMessageSubject', (messages) => messageSubject(messages[0]));
  }
  getLastMessageDate(): GoogleAppsScript.Base.Date {
    return this.read('getLastMessageDate', (messages) =>
      scriptDate(this.session.ctx, this.last(messages).internalDate),
    );
  }
  getPermalink(): string {
    return `https://mail.google.com/mail/u/0/#inbox/${this.id}`;
  }
  getLabels(): GoogleAppsScript.Gmail.GmailLabel[] {
    return this.read('getLabels', (messages) => {
      const ids = new Set(messages.flatMap((m) => [...m.labelIds]));
      return [...this.session.mailbox.labels.values()]
        .filter((label) => label.type === 'user' && ids.has(label.id))
        .map((label) => this.session.userLabel(label));
    });
  }
  private has(method: string, labelId: string): boolean {
    return this.read(method, (messages) => messages.some((m) => m.labelIds.has(labelId)));
  }
  isUnread(): boolean {
    return this.has('isUnread', 'UNREAD');
  }
  isInInbox(): boolean {
    return this.has('isInInbox', 'INBOX');
  }
  isInTrash(): boolean {
    return this.has('isInTrash', 'TRASH');
  }
  isInSpam(): boolean {
    return this.has('isInSpam', 'SPAM');
  }
  isImportant(): boolean {
    return this.has('isImportant', 'IMPORTANT');
  }
  hasStarredMessages(): boolean {
    return this.has('hasStarredMessages', 'STARRED');
  }
  isInChats(): boolean {
    return false;
  }
  isInPriorityInbox(): boolean {
    return this.session.unbuilt('GmailThread.isInPriorityInbox');
  }

  /** Applies label changes to every message of the thread, in one call. */
  relabel(method: string, add: string[], remove: string[]): this {
    this.session.call(`GmailThread.${method}`, () => {
      for (const m of this.session.threadMessages(this.id))
        this.session.mailbox.modify(m.id, add, remove);
    });
    return this;
  }
  addLabel(label: GoogleAppsScript.Gmail.GmailLabel): GoogleAppsScript.Gmail.GmailThread {
    return this.relabel('addLabel', [(label as EmulatedLabel).labelId], []);
  }
  removeLabel(label: GoogleAppsScript.Gmail.GmailLabel): GoogleAppsScript.Gmail.GmailThread {
    return this.relabel('removeLabel', [], [(label as EmulatedLabel).labelId]);
  }
  markRead(): GoogleAppsScript.Gmail.GmailThread {
    return this.relabel('markRead', [], ['UNREAD']);
  }
  markUnread(): GoogleAppsScript.Gmail.GmailThread {
    return this.relabel('markUnread', ['UNREAD'], []);
  }
  markImportant(): GoogleAppsScript.Gmail.GmailThread {
    return this.relabel('markImportant', ['IMPORTANT'], []);
  }
  markUnimportant(): GoogleAppsScript.Gmail.GmailThread {
    return this.relabel('markUnimportant', [], ['IMPORTANT']);
  }
  moveToArchive(): GoogleAppsScript.Gmail.GmailThread {
    return this.relabel('moveToArchive', [], ['INBOX']);
  }
  moveToInbox(): GoogleAppsScript.Gmail.GmailThread {
    return this.relabel('moveToInbox', ['INBOX'], ['TRASH', 'SPAM']);
  }
  moveToSpam(): GoogleAppsScript.Gmail.GmailThread {
    return this.relabel('moveToSpam', ['SPAM'], ['INBOX']);
  }
  moveToTrash(): GoogleAppsScript.Gmail.GmailThread {
    return this.relabel('moveToTrash', ['TRASH'], ['INBOX']);
  }
  refresh(): GoogleAppsScript.Gmail.GmailThread {
    return this;
  }

  /** Replies go to the sender of the last message (Reply-To honoured), even when that is us. */
  private replyToLast(
    method: string,
    body: string,
    options: GmailOptions,
    all: boolean,
    asDraft: boolean,
  ) {
    return this.session.call(
      `GmailThread.${method}`,
      () =>
        this.session.reply(
          this.last(this.session.threadMessages(this.id, false)),
          body,
          options,
          all,
          asDraft,
        ),
      asDraft,
    );
  }
  reply(body: string, options: GmailOptions = {}): GoogleAppsScript.Gmail.GmailThread {
    this.replyToLast('reply', body, options, false, false);
    return this;
  }
  replyAll(body: string, options: GmailOptions = {}): GoogleAppsScript.Gmail.GmailThread {
    this.replyToLast('replyAll', body, options, true, false);
    return this;
  }
  createDraftReply(body: string, options: GmailOptions = {}): GoogleAppsScript.Gmail.GmailDraft {
    return new EmulatedDraft(
      this.session,
      this.replyToLast('createDraftReply', body, options, false, true) as string,
    );
  }
  createDraftReplyAll(body: string, options: GmailOptions = {}): GoogleAppsScript.Gmail.GmailDraft {
    return new EmulatedDraft(
      this.session,
      this.replyToLast('createDraftReplyAll', body, options, true, true) as string,
    );
  }
}

export class EmulatedDraft implements GoogleAppsScript.Gmail.GmailDraft {
  constructor(
    private readonly session: MailSession,
    private readonly id: string,
  ) {}

  getId(): string {
    return this.id;
  }
  getMessageId(): string {
    return this.session.call(
      'GmailDraft.getMessageId',
      () => this.session.mailbox.draftMessage(this.id).id,
    );
  }
  getMessage(): GoogleAppsScript.Gmail.GmailMessage {
    return this.session.call('GmailDraft.getMessage', () =>
      this.session.message(this.session.mailbox.draftMessage(this.id)),
    );
  }
  /** Sends the draft; the draft is gone afterwards and the sent message has a new id. */
  send(): GoogleAppsScript.Gmail.GmailMessage {
    return this.session.call(
      'GmailDraft.send',
      () => {
        const draft = this.session.mailbox.draftMessage(this.id);
        this.session.chargeRecipients(
          ['To', 'Cc', 'Bcc'].flatMap((name) => parseAddressList(messageHeader(draft, name))),
        );
        return this.session.message(this.session.mailbox.sendDraft(this.id));
      },
      false,
    );
  }
  update(
    recipient: string,
    subject: string,
    body: string,
    options: GmailOptions = {},
  ): GoogleAppsScript.Gmail.GmailDraft {
    return this.session.call('GmailDraft.update', () => {
      const { raw } = this.session.compose(recipient, subject, body, options);
      this.session.mailbox.updateDraft(this.id, raw);
      return this;
    });
  }
  deleteDraft(): void {
    this.session.call('GmailDraft.deleteDraft', () => this.session.mailbox.deleteDraft(this.id));
  }
}

export class EmulatedLabel implements GoogleAppsScript.Gmail.GmailLabel {
  constructor(
    private readonly session: MailSession,
    readonly labelId: string,
  ) {}

  private label(): Label {
    const label = this.session.mailbox.labels.get(this.labelId);
    if (!label) throw this.session.ctx.error('Invalid argument: label');
    return label;
  }
  getName(): string {
    return this.session.call('GmailLabel.getName', () => this.label().name);
  }
  private apply(method: string, threads: GoogleAppsScript.Gmail.GmailThread[], add: boolean): this {
    if (threads.length > 100)
      throw this.session.ctx.error('Invalid argument: threads (at most 100).');
    this.session.call(`GmailLabel.${method}`, () => {
      for (const thread of threads) {
        for (const m of this.session.threadMessages(thread.getId())) {
          this.session.mailbox.modify(m.id, add ? [this.labelId] : [], add ? [] : [this.labelId]);
        }
      }
    });
    return this;
  }
  addToThread(thread: GoogleAppsScript.Gmail.GmailThread): GoogleAppsScript.Gmail.GmailLabel {
    return this.apply('addToThread', [thread], true);
  }
  addToThreads(threads: GoogleAppsScript.Gmail.GmailThread[]): GoogleAppsScript.Gmail.GmailLabel {
    return this.apply('addToThreads', threads, true);
  }
  removeFromThread(thread: GoogleAppsScript.Gmail.GmailThread): GoogleAppsScript.Gmail.GmailLabel {
    return this.apply('removeFromThread', [thread], false);
  }
  removeFromThreads(
    threads: GoogleAppsScript.Gmail.GmailThread[],
  ): GoogleAppsScript.Gmail.GmailLabel {
    return this.apply('removeFromThreads', threads, false);
  }
  getThreads(start = 0, max = MAX_THREADS): GoogleAppsScript.Gmail.GmailThread[] {
    return this.session.app.searchAs(
      'GmailLabel.getThreads',
      `label:${this.label().name}`,
      start,
      max,
    );
  }
  getUnreadCount(): number {
    return this.session.call('GmailLabel.getUnreadCount', () => {
      const threads = new Set(
        [...this.session.mailbox.messages.values()]
          .filter((m) => m.labelIds.has(this.labelId) && m.labelIds.has('UNREAD'))
          .map((m) => m.threadId),
      );
      return threads.size;
    });
  }
  deleteLabel(): void {
    this.session.unbuilt('GmailLabel.deleteLabel');
  }
}

export class EmulatedGmailApp implements GoogleAppsScript.Gmail.GmailApp {
  private readonly session: MailSession;

  constructor(readonly ctx: ExecutionContext) {
    this.session = new MailSession(ctx, this);
  }

  /** Thread search; listing ids is audited as kind 'list' (no content read). */
  searchAs(
    method: string,
    query: string,
    start = 0,
    max = MAX_THREADS,
  ): GoogleAppsScript.Gmail.GmailThread[] {
    if (max > MAX_THREADS) throw this.ctx.error(`Argument max cannot exceed ${MAX_THREADS}.`);
    return this.session.call(method, () => {
      const ids = searchThreads(this.session.mailbox, query, this.ctx.kernel.now()).slice(
        start,
        start + max,
      );
      ids.forEach((threadId) => this.ctx.audit('GmailApp', method, { threadId, kind: 'list' }));
      return ids.map((id) => this.session.thread(id));
    });
  }

  setCurrentMessageAccessToken(accessToken: string): void {
    this.ctx.invoke('GmailApp', 'setCurrentMessageAccessToken', () => {
      this.session.accessToken = accessToken;
    });
  }
  sendEmail(
    recipient: string,
    subject: string,
    body: string,
    options: GmailOptions = {},
  ): GoogleAppsScript.Gmail.GmailApp {
    this.sendFrom('GmailApp', recipient, subject, body, options);
    return this;
  }

  /** GmailApp.sendEmail and MailApp.sendEmail: a new thread, recipients charged first. */
  private sendFrom(
    service: string,
    recipient: string,
    subject: string,
    body: string,
    options: GmailOptions,
  ): void {
    this.session.call(
      'sendEmail',
      () => {
        const { raw, recipients } = this.session.compose(recipient, subject, body, options);
        this.session.chargeRecipients(recipients);
        this.session.mailbox.send(raw);
      },
      false,
      service,
    );
  }
  createDraft(
    recipient: string,
    subject: string,
    body: string,
    options: GmailOptions = {},
  ): GoogleAppsScript.Gmail.GmailDraft {
    return this.session.call('createDraft', () => {
      const { raw } = this.session.compose(recipient, subject, body, options);
      return new EmulatedDraft(this.session, this.session.mailbox.createDraft(raw).draftId);
    });
  }
  getDrafts(): GoogleAppsScript.Gmail.GmailDraft[] {
    return this.session.call('getDrafts', () =>
      [...this.session.mailbox.drafts.keys()].map((id) => new EmulatedDraft(this.session, id)),
    );
  }
  getDraft(draftId: string): GoogleAppsScript.Gmail.GmailDraft {
    return this.session.call('getDraft', () => {
      if (!this.session.mailbox.drafts.has(draftId))
        throw this.ctx.error('Invalid argument: draftId');
      return new EmulatedDraft(this.session, draftId);
    });
  }
  getDraftMessages(): GoogleAppsScript.Gmail.GmailMessage[] {
    return this.session.call('getDraftMessages', () =>
      [...this.session.mailbox.drafts.values()].map((id) =>
        this.session.message(this.session.stored(id)),
      ),
    );
  }
  /** A thread handle, or null when the id is unknown (reported behaviour). */
  getThreadById(id: string): GoogleAppsScript.Gmail.GmailThread {
    return this.session.call('getThreadById', () =>
      this.session.mailbox.thread(id).length === 0
        ? (null as unknown as GoogleAppsScript.Gmail.GmailThread)
        : this.session.thread(id),
    );
  }
  getMessageById(id: string): GoogleAppsScript.Gmail.GmailMessage {
    return this.session.read(
      'getMessageById',
      { messageId: id, threadId: this.session.mailbox.message(id)?.threadId ?? '' },
      () => this.session.message(this.session.stored(id)),
    );
  }
  getMessagesForThread(
    thread: GoogleAppsScript.Gmail.GmailThread,
  ): GoogleAppsScript.Gmail.GmailMessage[] {
    return thread.getMessages();
  }
  getMessagesForThreads(
    threads: GoogleAppsScript.Gmail.GmailThread[],
  ): GoogleAppsScript.Gmail.GmailMessage[][] {
    return threads.map((thread) => thread.getMessages());
  }
  search(query: string, start = 0, max = MAX_THREADS): GoogleAppsScript.Gmail.GmailThread[] {
    return this.searchAs('search', query, start, max);
  }
  getInboxThreads(start = 0, max = MAX_THREADS): GoogleAppsScript.Gmail.GmailThread[] {
    return this.searchAs('getInboxThreads', 'in:inbox', start, max);
  }
  getStarredThreads(start = 0, max = MAX_THREADS): GoogleAppsScript.Gmail.GmailThread[] {
    return this.searchAs('getStarredThreads', 'is:starred', start, max);
  }
  getSpamThreads(start = 0, max = MAX_THREADS): GoogleAppsScript.Gmail.GmailThread[] {
    return this.searchAs('getSpamThreads', 'in:spam', start, max);
  }
  getTrashThreads(start = 0, max = MAX_THREADS): GoogleAppsScript.Gmail.GmailThread[] {
    return this.searchAs('getTrashThreads', 'in:trash', start, max);
  }
  getInboxUnreadCount(): number {
    return this.session.call(
      'getInboxUnreadCount',
      () => searchThreads(this.session.mailbox, 'in:inbox is:unread', this.ctx.kernel.now()).length,
    );
  }
  getStarredUnreadCount(): number {
    return this.session.call(
      'getStarredUnreadCount',
      () =>
        searchThreads(this.session.mailbox, 'is:starred is:unread', this.ctx.kernel.now()).length,
    );
  }
  getSpamUnreadCount(): number {
    return this.session.call(
      'getSpamUnreadCount',
      () => searchThreads(this.session.mailbox, 'in:spam is:unread', this.ctx.kernel.now()).length,
    );
  }
  getAliases(): string[] {
    return this.session.call('getAliases', () => [...this.session.mailbox.aliases]);
  }
  /** The user label of that exact name, or null. */
  getUserLabelByName(name: string): GoogleAppsScript.Gmail.GmailLabel {
    return this.session.call('getUserLabelByName', () => {
      const label = this.session.mailbox.labelByName(name);
      return label && label.type === 'user'
        ? this.session.userLabel(label)
        : (null as unknown as GoogleAppsScript.Gmail.GmailLabel);
    });
  }
  getUserLabels(): GoogleAppsScript.Gmail.GmailLabel[] {
    return this.session.call('getUserLabels', () =>
      [...this.session.mailbox.labels.values()]
        .filter((l) => l.type === 'user')
        .map((l) => this.session.userLabel(l)),
    );
  }
  createLabel(name: string): GoogleAppsScript.Gmail.GmailLabel {
    return this.session.call('createLabel', () =>
      this.session.userLabel(this.session.mailbox.createLabel(name)),
    );
  }
  deleteLabel(): GoogleAppsScript.Gmail.GmailApp {
    return this.session.unbuilt('GmailApp.deleteLabel');
  }
  private each<T>(items: T[], apply: (item: T) => unknown): this {
    items.forEach(apply);
    return this;
  }
  markMessageRead(message: GoogleAppsScript.Gmail.GmailMessage): GoogleAppsScript.Gmail.GmailApp {
    message.markRead();
    return this;
  }
  markMessageUnread(message: GoogleAppsScript.Gmail.GmailMessage): GoogleAppsScript.Gmail.GmailApp {
    message.markUnread();
    return this;
  }
  markMessagesRead(
    messages: GoogleAppsScript.Gmail.GmailMessage[],
  ): GoogleAppsScript.Gmail.GmailApp {
    return this.each(messages, (m) => m.markRead());
  }
  markMessagesUnread(
    messages: GoogleAppsScript.Gmail.GmailMessage[],
  ): GoogleAppsScript.Gmail.GmailApp {
    return this.each(messages, (m) => m.markUnread());
  }
  markThreadRead(thread: GoogleAppsScript.Gmail.GmailThread): GoogleAppsScript.Gmail.GmailApp {
    thread.markRead();
    return this;
  }
  markThreadUnread(thread: GoogleAppsScript.Gmail.GmailThread): GoogleAppsScript.Gmail.GmailApp {
    thread.markUnread();
    return this;
  }
  markThreadsRead(threads: GoogleAppsScript.Gmail.GmailThread[]): GoogleAppsScript.Gmail.GmailApp {
    return this.each(threads, (t) => t.markRead());
  }
  markThreadsUnread(
    threads: GoogleAppsScript.Gmail.GmailThread[],
  ): GoogleAppsScript.Gmail.GmailApp {
    return this.each(threads, (t) => t.markUnread());
  }
  markThreadImportant(thread: GoogleAppsScript.Gmail.GmailThread): GoogleAppsScript.Gmail.GmailApp {
    thread.markImportant();
    return this;
  }
  markThreadUnimportant(
    thread: GoogleAppsScript.Gmail.GmailThread,
  ): GoogleAppsScript.Gmail.GmailApp {
    thread.markUnimportant();
    return this;
  }
  markThreadsImportant(
    threads: GoogleAppsScript.Gmail.GmailThread[],
  ): GoogleAppsScript.Gmail.GmailApp {
    return this.each(threads, (t) => t.markImportant());
  }
  markThreadsUnimportant(
    threads: GoogleAppsScript.Gmail.GmailThread[],
  ): GoogleAppsScript.Gmail.GmailApp {
    return this.each(threads, (t) => t.markUnimportant());
  }
  moveMessageToTrash(
    message: GoogleAppsScript.Gmail.GmailMessage,
  ): GoogleAppsScript.Gmail.GmailApp {
    message.moveToTrash();
    return this;
  }
  moveMessagesToTrash(
    messages: GoogleAppsScript.Gmail.GmailMessage[],
  ): GoogleAppsScript.Gmail.GmailApp {
    return this.each(messages, (m) => m.moveToTrash());
  }
  moveThreadToArchive(thread: GoogleAppsScript.Gmail.GmailThread): GoogleAppsScript.Gmail.GmailApp {
    thread.moveToArchive();
    return this;
  }
  moveThreadToInbox(thread: GoogleAppsScript.Gmail.GmailThread): GoogleAppsScript.Gmail.GmailApp {
    thread.moveToInbox();
    return this;
  }
  moveThreadToSpam(thread: GoogleAppsScript.Gmail.GmailThread): GoogleAppsScript.Gmail.GmailApp {
    thread.moveToSpam();
    return this;
  }
  moveThreadToTrash(thread: GoogleAppsScript.Gmail.GmailThread): GoogleAppsScript.Gmail.GmailApp {
    thread.moveToTrash();
    return this;
  }
  moveThreadsToArchive(
    threads: GoogleAppsScript.Gmail.GmailThread[],
  ): GoogleAppsScript.Gmail.GmailApp {
    return this.each(threads, (t) => t.moveToArchive());
  }
  moveThreadsToInbox(
    threads: GoogleAppsScript.Gmail.GmailThread[],
  ): GoogleAppsScript.Gmail.GmailApp {
    return this.each(threads, (t) => t.moveToInbox());
  }
  moveThreadsToSpam(
    threads: GoogleAppsScript.Gmail.GmailThread[],
  ): GoogleAppsScript.Gmail.GmailApp {
    return this.each(threads, (t) => t.moveToSpam());
  }
  moveThreadsToTrash(
    threads: GoogleAppsScript.Gmail.GmailThread[],
  ): GoogleAppsScript.Gmail.GmailApp {
    return this.each(threads, (t) => t.moveToTrash());
  }
  starMessage(message: GoogleAppsScript.Gmail.GmailMessage): GoogleAppsScript.Gmail.GmailApp {
    message.star();
    return this;
  }
  starMessages(messages: GoogleAppsScript.Gmail.GmailMessage[]): GoogleAppsScript.Gmail.GmailApp {
    return this.each(messages, (m) => m.star());
  }
  unstarMessage(message: GoogleAppsScript.Gmail.GmailMessage): GoogleAppsScript.Gmail.GmailApp {
    message.unstar();
    return this;
  }
  unstarMessages(messages: GoogleAppsScript.Gmail.GmailMessage[]): GoogleAppsScript.Gmail.GmailApp {
    return this.each(messages, (m) => m.unstar());
  }
  refreshMessage(): GoogleAppsScript.Gmail.GmailApp {
    return this;
  }
  refreshMessages(): GoogleAppsScript.Gmail.GmailApp {
    return this;
  }
  refreshThread(): GoogleAppsScript.Gmail.GmailApp {
    return this;
  }
  refreshThreads(): GoogleAppsScript.Gmail.GmailApp {
    return this;
  }
  getChatThreads(): GoogleAppsScript.Gmail.GmailThread[] {
    return this.session.unbuilt('GmailApp.getChatThreads');
  }
  getPriorityInboxThreads(): GoogleAppsScript.Gmail.GmailThread[] {
    return this.session.unbuilt('GmailApp.getPriorityInboxThreads');
  }
  getPriorityInboxUnreadCount(): number {
    return this.session.unbuilt('GmailApp.getPriorityInboxUnreadCount');
  }

  /** MailApp shares GmailApp's sending path and the same recipients quota. */
  mailApp(): GoogleAppsScript.Mail.MailApp {
    const ctx = this.ctx;
    const send = (
      recipientOrMessage: string | GoogleAppsScript.Mail.MailAdvancedParameters,
      subject?: string,
      body?: string,
      options: GmailOptions | string = {},
    ): void => {
      if (typeof options === 'string') {
        // MailApp.sendEmail(to, replyTo, subject, body)
        const replyTo = subject ?? '';
        this.sendFrom('MailApp', String(recipientOrMessage), body ?? '', options, { replyTo });
      } else if (typeof recipientOrMessage === 'object') {
        const { to, subject: s, body: b, htmlBody, ...rest } = recipientOrMessage;
        this.sendFrom('MailApp', to ?? '', s ?? '', b ?? '', { ...rest, htmlBody } as GmailOptions);
      } else {
        this.sendFrom('MailApp', recipientOrMessage, subject ?? '', body ?? '', options);
      }
    };
    return {
      getRemainingDailyQuota: () =>
        ctx.invoke('MailApp', 'getRemainingDailyQuota', () =>
          ctx.remainingQuota('emailRecipients'),
        ),
      sendEmail: send as GoogleAppsScript.Mail.MailApp['sendEmail'],
    } as GoogleAppsScript.Mail.MailApp;
  }
}
