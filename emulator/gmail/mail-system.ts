// The world's mail: mailboxes (users' and external ones such as candidates), messages kept as RFC
// 5322 source plus parsed form, threads, labels, drafts, per-mailbox history, and delivery between
// mailboxes with Gmail's threading, bounces (delivery status notifications) and vacation replies.
import type { Kernel } from '../kernel';
import { ALPHANUMERIC, randomText } from '../random';
import {
  type Address,
  type ParsedMessage,
  buildMessage,
  buildReportBody,
  formatAddress,
  headerValue,
  decodeWords,
  parseAddressList,
  parseMessage,
  setRawHeader,
} from './mime';

export const SYSTEM_LABELS = [
  'INBOX',
  'SENT',
  'DRAFT',
  'UNREAD',
  'TRASH',
  'SPAM',
  'STARRED',
  'IMPORTANT',
] as const;

export const MAILER_DAEMON: Address = {
  name: 'Mail Delivery Subsystem',
  address: 'mailer-daemon@googlemail.com',
};

const DAY_MS = 24 * 60 * 60 * 1000;
/** Gmail's vacation responder answers one sender at most once in this period. */
export const AUTO_REPLY_INTERVAL_MS = 4 * DAY_MS;

export interface MailSystemOptions {
  /**
   * Whether a Message-ID set by the sender on an API send survives. Unverified in Gmail, so the
   * default is the pessimistic one: Gmail replaces it with its own.
   */
  keepSenderMessageId?: boolean;
  /** How long a mailbox keeps history records (Gmail's sync guide: "typically at least a week"). */
  historyRetentionMs?: number;
  /**
   * How the advanced service returns `bytes` fields (raw, body.data): Apps Script hands Java byte
   * arrays to scripts (reported, unverified here); 'base64url' is what the REST API returns.
   */
  byteFields?: 'byteArray' | 'base64url';
}

export interface Label {
  id: string;
  name: string;
  type: 'system' | 'user';
}

export interface StoredMessage {
  id: string;
  threadId: string;
  raw: string;
  parsed: ParsedMessage;
  labelIds: Set<string>;
  internalDate: number;
  /** The RFC 5322 Message-ID, angle brackets included. */
  rfcMessageId: string;
  historyId: number;
}

export type HistoryType = 'messageAdded' | 'messageDeleted' | 'labelAdded' | 'labelRemoved';

export interface HistoryRecord {
  id: number;
  time: number;
  type: HistoryType;
  messageId: string;
  threadId: string;
  labelIds: string[];
}

export interface AutoReply {
  subject: string;
  body: string;
  until?: number;
}

export type BounceKind = 'hard' | 'soft';

/** A reason why a message was not sent, carrying a code for callers to map. */
export class MailError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'INVALID_ARGUMENT' | 'NO_RECIPIENT',
    message: string,
  ) {
    super(message);
  }
}

/** Subjects of one conversation: prefixes such as Re:/Fwd: and case do not count. */
export function normalizeSubject(subject: string): string {
  let current = subject.trim();
  for (;;) {
    const stripped = current.replace(/^(re|fwd?|aw|wg|sv|tr|antw)\s*(\[\d+\])?\s*:\s*/i, '');
    if (stripped === current) break;
    current = stripped;
  }
  return current.replace(/\s+/g, ' ').toLowerCase();
}

/** A subject "changed completely" when neither normalized form contains the other. */
export function subjectsMatch(a: string, b: string): boolean {
  const left = normalizeSubject(a);
  const right = normalizeSubject(b);
  if (left === right) return true;
  return left !== '' && right !== '' && (left.includes(right) || right.includes(left));
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** RFC 5322 date in UTC, e.g. `Sat, 28 Nov 2026 09:44:32 +0000`. */
export function formatRfcDate(ms: number): string {
  const d = new Date(ms);
  return (
    `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`
  );
}

/** Decoded header values per message: searches read the same few headers of every message. */
const decodedHeaders = new WeakMap<StoredMessage, Map<string, string>>();

/** A header's decoded value, "" when absent (GmailMessage.getHeader's contract). */
export function messageHeader(message: StoredMessage, name: string): string {
  let cache = decodedHeaders.get(message);
  if (!cache) decodedHeaders.set(message, (cache = new Map()));
  const key = name.toLowerCase();
  let decoded = cache.get(key);
  if (decoded === undefined) {
    const value = headerValue(message.parsed.headers, name);
    decoded = value === undefined ? '' : decodeWords(value);
    cache.set(key, decoded);
  }
  return decoded;
}

export function messageSubject(message: StoredMessage): string {
  return messageHeader(message, 'Subject');
}

/** The message ids a message refers to (In-Reply-To and References), angle brackets included. */
function referencedIds(message: ParsedMessage): string[] {
  const text = `${headerValue(message.headers, 'In-Reply-To') ?? ''} ${headerValue(message.headers, 'References') ?? ''}`;
  return text.match(/<[^>]+>/g) ?? [];
}

function recipientsOf(parsed: ParsedMessage): Address[] {
  return ['To', 'Cc', 'Bcc'].flatMap((name) =>
    parseAddressList(headerValue(parsed.headers, name) ?? ''),
  );
}

export interface SendOptions {
  /** Gmail API threadId: joins that thread only if the headers and subject agree. */
  threadId?: string;
  /** Internal replies (GmailThread.reply, mailbox.reply) are placed in this thread directly. */
  forceThreadId?: string;
}

export class Mailbox {
  readonly messages = new Map<string, StoredMessage>();
  readonly labels = new Map<string, Label>();
  /** draft id → id of the draft's message */
  readonly drafts = new Map<string, string>();
  readonly aliases: string[] = [];
  historyId: number;
  /** The oldest startHistoryId History.list still accepts. */
  historyFloor: number;
  readonly history: HistoryRecord[] = [];
  autoReply: AutoReply | undefined;
  private readonly autoReplied = new Map<string, number>();
  private readonly pendingRejections: BounceKind[] = [];
  bouncing: BounceKind | undefined;
  private readonly byRfcId = new Map<string, string[]>();
  /** Message ids by thread id, so reading a thread does not scan the mailbox. */
  private readonly byThread = new Map<string, Set<string>>();
  private labelCounter = 0;

  constructor(
    readonly system: MailSystem,
    readonly address: string,
    readonly name: string,
    startHistoryId: number,
  ) {
    for (const id of SYSTEM_LABELS) this.labels.set(id, { id, name: id, type: 'system' });
    this.historyId = startHistoryId;
    this.historyFloor = startHistoryId;
  }

  get self(): Address {
    return { name: this.name, address: this.address };
  }

  /** Send-as addresses: the primary address first. */
  sendAs(): string[] {
    return [this.address, ...this.aliases];
  }

  addAlias(address: string): void {
    this.aliases.push(address.toLowerCase());
  }

  /** Out-of-office replies, once per sender per 4 days as Gmail's vacation responder does. */
  setAutoReply(autoReply: AutoReply | undefined): void {
    this.autoReply = autoReply;
    this.autoReplied.clear();
  }

  /** The next delivery to this mailbox bounces (hard: 5.1.1 failure, soft: 4.2.2 delay). */
  rejectNext(kind: BounceKind): void {
    this.pendingRejections.push(kind);
  }

  /** Every delivery bounces while set (a disabled or full mailbox); undefined to accept again. */
  setBouncing(kind: BounceKind | undefined): void {
    this.bouncing = kind;
  }

  takeRejection(): BounceKind | undefined {
    return this.pendingRejections.shift() ?? this.bouncing;
  }

  message(id: string): StoredMessage | undefined {
    return this.messages.get(id);
  }

  /** Messages of a thread, oldest first; drafts are left out unless asked for. */
  thread(threadId: string, withDrafts = false): StoredMessage[] {
    return [...(this.byThread.get(threadId) ?? [])]
      .map((id) => this.messages.get(id) as StoredMessage)
      .filter((m) => withDrafts || !m.labelIds.has('DRAFT'))
      .sort((a, b) => a.internalDate - b.internalDate || a.id.localeCompare(b.id));
  }

  /** Thread ids, most recently active first. */
  threadIds(): string[] {
    const latest = new Map<string, number>();
    for (const m of this.messages.values()) {
      latest.set(m.threadId, Math.max(latest.get(m.threadId) ?? 0, m.internalDate));
    }
    return [...latest.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  }

  byRfcMessageId(rfcId: string): StoredMessage[] {
    return (this.byRfcId.get(rfcId) ?? [])
      .map((id) => this.messages.get(id))
      .filter((m): m is StoredMessage => m !== undefined);
  }

  labelByName(name: string): Label | undefined {
    return [...this.labels.values()].find((label) => label.name === name);
  }

  createLabel(name: string): Label {
    const existing = this.labelByName(name);
    if (existing) return existing;
    const label: Label = { id: `Label_${++this.labelCounter}`, name, type: 'user' };
    this.labels.set(label.id, label);
    return label;
  }

  /** Adds and removes labels, recording history for each real change. */
  modify(messageId: string, add: string[], remove: string[]): StoredMessage {
    const message = this.messages.get(messageId);
    if (!message) throw new MailError('NOT_FOUND', 'Requested entity was not found.');
    for (const id of [...add, ...remove]) {
      if (!this.labels.has(id)) throw new MailError('INVALID_ARGUMENT', `Invalid label: ${id}`);
    }
    const added = add.filter((id) => !message.labelIds.has(id));
    const removed = remove.filter((id) => message.labelIds.has(id) && !add.includes(id));
    added.forEach((id) => message.labelIds.add(id));
    removed.forEach((id) => message.labelIds.delete(id));
    if (added.length > 0) this.record('labelAdded', message, added);
    if (removed.length > 0) this.record('labelRemoved', message, removed);
    return message;
  }

  record(type: HistoryType, message: StoredMessage, labelIds: string[]): void {
    this.historyId += 1;
    message.historyId = this.historyId;
    this.history.push({
      id: this.historyId,
      time: this.system.kernel.now(),
      type,
      messageId: message.id,
      threadId: message.threadId,
      labelIds,
    });
  }

  /** Stores a message, indexes its Message-ID, and records it in the history. */
  store(raw: string, threadId: string | undefined, labelIds: string[]): StoredMessage {
    const parsed = parseMessage(raw);
    const id = this.system.nextMessageId();
    const rfcMessageId = (headerValue(parsed.headers, 'Message-ID') ?? '').trim();
    const message: StoredMessage = {
      id,
      threadId: threadId ?? id,
      raw,
      parsed,
      labelIds: new Set(labelIds),
      internalDate: this.system.kernel.now(),
      rfcMessageId,
      historyId: this.historyId,
    };
    this.messages.set(id, message);
    const thread = this.byThread.get(message.threadId);
    if (thread) thread.add(id);
    else this.byThread.set(message.threadId, new Set([id]));
    if (rfcMessageId)
      this.byRfcId.set(rfcMessageId, [...(this.byRfcId.get(rfcMessageId) ?? []), id]);
    this.record('messageAdded', message, [...message.labelIds]);
    return message;
  }

  remove(messageId: string): void {
    const message = this.messages.get(messageId);
    if (!message) return;
    this.messages.delete(messageId);
    this.byThread.get(message.threadId)?.delete(messageId);
    this.record('messageDeleted', message, []);
  }

  /** The thread an incoming or sent message belongs to: a referenced message with a matching subject. */
  threadFor(parsed: ParsedMessage, within?: string): string | undefined {
    const subject = decodeWords(headerValue(parsed.headers, 'Subject') ?? '');
    for (const rfcId of referencedIds(parsed).reverse()) {
      for (const candidate of this.byRfcMessageId(rfcId)) {
        if (within !== undefined && candidate.threadId !== within) continue;
        if (subjectsMatch(messageSubject(candidate), subject)) return candidate.threadId;
      }
    }
    return undefined;
  }

  /** Drops history older than the retention period; History.list then refuses ids before it. */
  pruneHistory(): void {
    const horizon = this.system.kernel.now() - this.system.historyRetentionMs;
    while (this.history.length > 0 && this.history[0].time < horizon) {
      const dropped = this.history.shift() as HistoryRecord;
      this.historyFloor = Math.max(this.historyFloor, dropped.id);
    }
  }

  /** Forgets all history kept so far, as after a long idle period or a mailbox reset. */
  forgetHistory(): void {
    this.history.length = 0;
    this.historyFloor = this.historyId;
  }

  /** Sends a message from this mailbox (raw RFC 5322) and delivers it; returns the sent copy. */
  send(raw: string, options: SendOptions = {}): StoredMessage {
    return this.system.submit(this, raw, options);
  }

  /** Saves a draft (DRAFT label); with a threadId it joins that thread as a send would. */
  createDraft(
    raw: string,
    threadId?: string,
    forceThread = false,
  ): { draftId: string; message: StoredMessage } {
    const draftId = this.system.nextDraftId();
    const message = this.storeDraft(raw, threadId, forceThread);
    this.drafts.set(draftId, message.id);
    return { draftId, message };
  }

  draftMessage(draftId: string): StoredMessage {
    const messageId = this.drafts.get(draftId);
    const message = messageId === undefined ? undefined : this.messages.get(messageId);
    if (!message) throw new MailError('NOT_FOUND', 'Requested entity was not found.');
    return message;
  }

  /** Replaces a draft's content; the draft keeps its id, its message gets a new one as in Gmail. */
  updateDraft(draftId: string, raw: string, threadId?: string): StoredMessage {
    const old = this.draftMessage(draftId);
    this.remove(old.id);
    // a draft that started its own thread has no thread to keep once its message is replaced
    const keptThread = this.thread(old.threadId).length > 0 ? old.threadId : undefined;
    const message = this.storeDraft(raw, threadId ?? keptThread, threadId === undefined);
    this.drafts.set(draftId, message.id);
    return message;
  }

  deleteDraft(draftId: string): void {
    const message = this.draftMessage(draftId);
    this.drafts.delete(draftId);
    this.remove(message.id);
  }

  /**
   * Sends a draft: the draft and its message disappear, and the sent message gets a new id (the
   * pessimistic choice: whether Gmail keeps the draft's message id is unverified).
   */
  sendDraft(draftId: string): StoredMessage {
    const draft = this.draftMessage(draftId);
    const threadId = this.thread(draft.threadId).length > 0 ? draft.threadId : undefined;
    this.deleteDraft(draftId);
    return this.send(draft.raw, { forceThreadId: threadId });
  }

  private storeDraft(raw: string, threadId?: string, forceThread = false): StoredMessage {
    let source = raw;
    if (!headerValue(parseMessage(source).headers, 'Message-ID')) {
      source = setRawHeader(source, 'Message-ID', this.system.newRfcMessageId(this.address));
    }
    const parsed = parseMessage(source);
    let thread: string | undefined;
    if (threadId !== undefined) {
      if (this.thread(threadId, true).length === 0) {
        throw new MailError('NOT_FOUND', 'Requested entity was not found.');
      }
      thread = forceThread ? threadId : this.threadFor(parsed, threadId);
    }
    return this.store(source, thread, ['DRAFT']);
  }

  /** For tests and simulations: answers a message of this mailbox as a person would. */
  reply(toMessageId: string, content: { text: string; html?: string }): StoredMessage {
    const original = this.messages.get(toMessageId);
    if (!original) {
      throw new MailError('NOT_FOUND', `No message ${toMessageId} in the mailbox ${this.address}.`);
    }
    const replyTo = messageHeader(original, 'Reply-To') || messageHeader(original, 'From');
    const raw = buildReplyMessage(this.self, original, parseAddressList(replyTo), content);
    return this.send(raw, { forceThreadId: original.threadId });
  }

  /** Whether this mailbox should answer `sender` with its vacation reply now, and notes it. */
  takeAutoReplyTurn(sender: string): AutoReply | undefined {
    const now = this.system.kernel.now();
    const autoReply = this.autoReply;
    if (!autoReply || (autoReply.until !== undefined && now >= autoReply.until)) return undefined;
    const last = this.autoReplied.get(sender);
    if (last !== undefined && now - last < AUTO_REPLY_INTERVAL_MS) return undefined;
    this.autoReplied.set(sender, now);
    return autoReply;
  }
}

/** "On <date> at <time>, <from> wrote:" and the quoted original, as Gmail composes a reply (UTC). */
export function quoteOriginal(original: StoredMessage): string {
  const quoted = original.parsed.text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  const d = new Date(original.internalDate);
  const when =
    `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `at ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `On ${when}, ${messageHeader(original, 'From')} wrote:\n\n${quoted}`;
}

export function replySubject(subject: string): string {
  return /^re:/i.test(subject.trim()) ? subject : `Re: ${subject}`;
}

export function replyHeaders(original: StoredMessage): { name: string; value: string }[] {
  const references = `${messageHeader(original, 'References')} ${original.rfcMessageId}`.trim();
  return [
    { name: 'Subject', value: replySubject(messageSubject(original)) },
    { name: 'In-Reply-To', value: original.rfcMessageId },
    { name: 'References', value: references },
  ];
}

export function buildReplyMessage(
  from: Address,
  original: StoredMessage,
  to: Address[],
  content: { text: string; html?: string },
  extraHeaders: { name: string; value: string }[] = [],
): string {
  const quote = quoteOriginal(original);
  return buildMessage({
    headers: [
      { name: 'From', value: formatAddress(from) },
      { name: 'To', value: to.map(formatAddress).join(', ') },
      ...replyHeaders(original),
      ...extraHeaders,
    ],
    text: `${content.text}\n\n${quote}`,
    html:
      content.html === undefined
        ? undefined
        : `${content.html}<br><div class="gmail_quote">${quote.replace(/\n/g, '<br>')}</div>`,
  });
}

export class MailSystem {
  readonly mailboxes = new Map<string, Mailbox>();
  readonly historyRetentionMs: number;
  readonly keepSenderMessageId: boolean;
  readonly byteFields: 'byteArray' | 'base64url';
  private lastMessageId = 0n;
  private nextHistoryBase = 100000;
  private draftCounter = 0;

  constructor(
    readonly kernel: Kernel,
    options: MailSystemOptions = {},
  ) {
    this.historyRetentionMs = options.historyRetentionMs ?? 7 * DAY_MS;
    this.keepSenderMessageId = options.keepSenderMessageId ?? false;
    this.byteFields = options.byteFields ?? 'byteArray';
  }

  /** A plain mailbox outside the world's users, e.g. a candidate's. */
  createMailbox(address: string, name = ''): Mailbox {
    const key = address.toLowerCase();
    const existing = this.mailboxes.get(key);
    if (existing) return existing;
    const mailbox = new Mailbox(this, key, name, this.nextHistoryBase);
    this.nextHistoryBase += 100000;
    this.mailboxes.set(key, mailbox);
    return mailbox;
  }

  /** The mailbox of an address: existing ones, and users of the world (created on first use). */
  find(address: string): Mailbox | undefined {
    const key = address.toLowerCase();
    const existing = this.mailboxes.get(key);
    if (existing) return existing;
    const owner = [...this.mailboxes.values()].find((m) => m.aliases.includes(key));
    if (owner) return owner;
    const user =
      this.kernel.user(key) ??
      this.kernel.users().find((u) => (u.aliases ?? []).some((a) => a.toLowerCase() === key));
    if (!user) return undefined;
    const mailbox = this.createMailbox(user.email, user.name);
    (user.aliases ?? []).forEach((alias) => mailbox.addAlias(alias));
    return mailbox;
  }

  mailbox(address: string): Mailbox {
    const mailbox = this.find(address);
    if (!mailbox) {
      throw new Error(
        `No mailbox for ${address}: add the user to the world or call mail.createMailbox(address, name).`,
      );
    }
    return mailbox;
  }

  /** Gmail message ids are 16 hex digits derived from the time; kept strictly increasing here. */
  nextMessageId(): string {
    const fromTime = BigInt(this.kernel.now()) * 1048576n;
    this.lastMessageId = fromTime > this.lastMessageId ? fromTime : this.lastMessageId + 1n;
    return this.lastMessageId.toString(16).padStart(16, '0');
  }

  nextDraftId(): string {
    return `r${BigInt(this.kernel.now()) * 1000n + BigInt(++this.draftCounter % 1000)}`;
  }

  /** A Message-ID as the sender's system would make it (Gmail's own for Gmail mailboxes). */
  newRfcMessageId(senderAddress: string): string {
    const token = randomText(() => this.kernel.random(), 40, ALPHANUMERIC);
    const owner = this.find(senderAddress);
    const isGmail = owner === undefined || this.kernel.user(owner.address) !== undefined;
    const domain = isGmail ? 'mail.gmail.com' : senderAddress.split('@')[1] || 'localhost';
    return `<CA${token}@${domain}>`;
  }

  /**
   * Sends `raw` from `sender`: fixes From (must be a send-as address), gives it Gmail's Message-ID
   * and a Date, files the sent copy, then delivers to every recipient or bounces back.
   */
  submit(sender: Mailbox, raw: string, options: SendOptions = {}): StoredMessage {
    let source = raw;
    const parsed = parseMessage(source);
    const recipients = recipientsOf(parsed);
    if (recipients.length === 0) throw new MailError('NO_RECIPIENT', 'Recipient address required');
    const from = parseAddressList(headerValue(parsed.headers, 'From') ?? '')[0];
    if (!from || !sender.sendAs().includes(from.address)) {
      // Gmail sends from the primary address when From is not a verified send-as alias
      source = setRawHeader(
        source,
        'From',
        formatAddress({ name: from?.name || sender.name, address: sender.address }),
      );
    }
    if (!this.keepSenderMessageId || !headerValue(parsed.headers, 'Message-ID')) {
      source = setRawHeader(source, 'Message-ID', this.newRfcMessageId(sender.address));
    }
    if (!headerValue(parsed.headers, 'Date')) {
      source = setRawHeader(source, 'Date', formatRfcDate(this.kernel.now()));
    }
    const sentThread = this.sendingThread(sender, parseMessage(source), options);
    const sent = sender.store(source, sentThread, ['SENT']);
    const delivered = setRawHeader(source, 'Bcc', undefined);
    const seen = new Set<string>();
    for (const recipient of recipients) {
      if (seen.has(recipient.address)) continue;
      seen.add(recipient.address);
      this.deliver(sender, sent, delivered, recipient.address);
    }
    return sent;
  }

  private sendingThread(
    sender: Mailbox,
    parsed: ParsedMessage,
    options: SendOptions,
  ): string | undefined {
    if (options.forceThreadId !== undefined) return options.forceThreadId;
    if (options.threadId === undefined) return undefined;
    if (sender.thread(options.threadId, true).length === 0) {
      throw new MailError('NOT_FOUND', 'Requested entity was not found.');
    }
    // the Gmail API joins the thread only when the references and the subject agree with it
    return sender.threadFor(parsed, options.threadId);
  }

  private deliver(sender: Mailbox, sent: StoredMessage, raw: string, address: string): void {
    const recipient = this.find(address);
    if (!recipient) {
      this.bounce(sender, sent, address, 'hard');
      return;
    }
    const rejection = recipient.takeRejection();
    if (rejection) {
      this.bounce(sender, sent, address, rejection);
      return;
    }
    if (recipient === sender) {
      // a message to oneself is one message, both sent and received
      sender.modify(sent.id, ['INBOX', 'UNREAD'], []);
      return;
    }
    const copy = setRawHeader(raw, 'Delivered-To', address);
    const parsed = parseMessage(copy);
    const received = recipient.store(copy, recipient.threadFor(parsed), ['INBOX', 'UNREAD']);
    this.maybeAutoReply(recipient, received);
  }

  private maybeAutoReply(recipient: Mailbox, received: StoredMessage): void {
    const autoSubmitted = messageHeader(received, 'Auto-Submitted').toLowerCase();
    const precedence = messageHeader(received, 'Precedence').toLowerCase();
    if ((autoSubmitted && autoSubmitted !== 'no') || ['bulk', 'list', 'junk'].includes(precedence))
      return;
    const sender = parseAddressList(messageHeader(received, 'From'))[0];
    if (!sender || sender.address === MAILER_DAEMON.address) return;
    const autoReply = recipient.takeAutoReplyTurn(sender.address);
    if (!autoReply) return;
    const raw = buildMessage({
      headers: [
        { name: 'From', value: formatAddress(recipient.self) },
        { name: 'To', value: formatAddress(sender) },
        { name: 'Subject', value: autoReply.subject },
        { name: 'In-Reply-To', value: received.rfcMessageId },
        { name: 'References', value: received.rfcMessageId },
        { name: 'Auto-Submitted', value: 'auto-replied' },
      ],
      text: autoReply.body,
    });
    recipient.send(raw, { forceThreadId: received.threadId });
  }

  /** A delivery status notification from the mailer daemon, filed in the sender's thread. */
  private bounce(sender: Mailbox, sent: StoredMessage, address: string, kind: BounceKind): void {
    const now = this.kernel.now();
    const hard = kind === 'hard';
    const domain = address.split('@')[1] ?? 'invalid';
    const human = hard
      ? `Address not found\n\nYour message wasn't delivered to ${address} because the address couldn't be found, or is unable to receive mail.`
      : `Message not delivered\n\nThere was a temporary problem delivering your message to ${address}. Gmail will retry for 47 more hours. You'll be notified if the delivery fails permanently.`;
    const status = hard ? '5.1.1' : '4.2.2';
    const diagnostic = hard
      ? `smtp; 550-5.1.1 The email account that you tried to reach does not exist.`
      : `smtp; 452-4.2.2 The recipient's inbox is out of storage space.`;
    const fields = [
      'Reporting-MTA: dns; googlemail.com',
      `Arrival-Date: ${formatRfcDate(sent.internalDate)}`,
      '',
      `Final-Recipient: rfc822; ${address}`,
      `Action: ${hard ? 'failed' : 'delayed'}`,
      `Status: ${status}`,
      `Remote-MTA: dns; mx.${domain}`,
      `Diagnostic-Code: ${diagnostic}`,
      `Last-Attempt-Date: ${formatRfcDate(now)}`,
      ...(hard ? [] : [`Will-Retry-Until: ${formatRfcDate(now + 47 * 60 * 60 * 1000)}`]),
    ].join('\r\n');
    const references = `${messageHeader(sent, 'References')} ${sent.rfcMessageId}`.trim();
    const headers = [
      `From: ${formatAddress(MAILER_DAEMON)}`,
      `To: ${sender.address}`,
      ...(hard ? [`X-Failed-Recipients: ${address}`] : []),
      `Auto-Submitted: auto-replied`,
      `Subject: Delivery Status Notification (${hard ? 'Failure' : 'Delay'})`,
      `References: ${references}`,
      `In-Reply-To: ${sent.rfcMessageId}`,
      `Message-ID: ${this.newRfcMessageId(MAILER_DAEMON.address)}`,
      `Date: ${formatRfcDate(now)}`,
      'MIME-Version: 1.0',
    ];
    const original = setRawHeader(sent.raw, 'Bcc', undefined);
    const raw = [...headers, buildReportBody(human, fields, original)].join('\r\n');
    sender.store(raw, sent.threadId, ['INBOX', 'UNREAD']);
  }
}
