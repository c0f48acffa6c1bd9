// The ports: what the use cases need from the outside world, shaped by the domain rather than by
// the Apps Script API. src/adapters/gas implements them; tests pass in-memory fakes.
import type { DelegationPorts } from './delegation';
import type { ReplyPorts } from './replies';

/** Who is running this execution. */
export interface Identity {
  /** The address of the user the execution runs as (a time trigger runs as its creator). */
  email(): string;
}

/** Wall-clock time in milliseconds since the epoch; it moves during an execution. */
export interface Clock {
  now(): number;
}

/** The running user's lock: overlapping executions of the same user exclude each other. */
export interface UserLock {
  /** Waits up to `waitMs` for the lock; false when another execution holds it. */
  tryAcquire(waitMs: number): boolean;
  release(): void;
}

/**
 * The running user's own key-value store (Apps Script user properties: 9 KB a value, 500 KB in
 * all). Read everything in one call, write many keys in one call.
 */
export interface KeyValueStore {
  readAll(): Record<string, string>;
  /** Writes the given keys (others are kept) and removes `remove`, as one durable step if possible. */
  write(entries: Record<string, string>, remove?: string[]): void;
}

/** A message Baton composed, as RFC 5322 text (7-bit ASCII: non-ASCII is already encoded). */
export interface OutgoingMessage {
  raw: string;
  /** The Gmail thread a follow-up joins; absent for a first step. */
  threadId?: string;
}

export interface SentMessage {
  /** Gmail's id of the message (not the RFC Message-ID header). */
  id: string;
  threadId: string;
}

/** What Baton needs to know about one message it sent, read back from the mailbox. */
export interface SentMessageHeaders extends SentMessage {
  /** The RFC 5322 Message-ID Gmail gave the sent message, for In-Reply-To/References. */
  rfcMessageId: string;
  /** The X-Baton-Key header Baton set, '' when absent. */
  batonKey: string;
  /** Milliseconds since the epoch. */
  date: number;
}

export interface DraftSummary {
  id: string;
  subject: string;
}

export interface DraftContent {
  subject: string;
  text: string;
  html: string;
}

/** The running user's Gmail mailbox, as the sending protocol uses it (docs/sending.md). */
export interface Mailbox {
  /** Sends a message Baton composed; it is in the sender's Sent mail when this returns. */
  send(message: OutgoingMessage): SentMessage;
  /**
   * How many messages' headers one read call serves: callers that interleave reads with sends ask
   * for this many at a time (Gmail: a batch request within the per-user rate limit).
   */
  readonly headerReadsPerCall: number;
  /** The RFC 5322 Message-ID Gmail gave each of these messages (Gmail ids); absent when gone. */
  rfcMessageIds(messageIds: string[]): Map<string, string>;
  /**
   * The messages carrying an X-Baton-Key header that this mailbox sent at or after `since`
   * (milliseconds since the epoch), trashed ones included: what an interrupted execution sent.
   * Only messages addressed to `recipients` (the pending sends' candidates) are read.
   */
  batonMessagesSentSince(since: number, recipients: string[]): SentMessageHeaders[];
  /** The id of a user label, created if missing. */
  ensureLabel(labelName: string): string;
  /**
   * Adds a user label to messages in one call and returns its id: `knownId` when it still names
   * the label in this mailbox, else the label's id looked up (created if missing).
   */
  labelMessages(messageIds: string[], labelName: string, knownId?: string): string;
  /** The addresses the user may send from: their own and verified send-as aliases. */
  sendAsAddresses(): string[];
  /** Recipients the user may still send to today (Apps Script's daily email quota). */
  remainingRecipientQuota(): number;
  listDrafts(): DraftSummary[];
  readDraft(draftId: string): DraftContent;
}

/** A cell as a spreadsheet returns it. */
export type CellValue = string | number | boolean | Date;

/** Spreadsheets opened by id (a time trigger has no active spreadsheet). */
export interface Spreadsheets {
  /** The whole data range of a tab, header row first; throws SheetError when missing. */
  readTab(spreadsheetId: string, tabName: string): CellValue[][];
  /** Writes a block of cells whose top-left is (row, column), both 1-based, in one call. */
  writeBlock(
    spreadsheetId: string,
    tabName: string,
    row: number,
    column: number,
    values: CellValue[][],
  ): void;
  /** The tab names of a spreadsheet. */
  tabNames(spreadsheetId: string): string[];
  url(spreadsheetId: string): string;
}

/** The running user's time-driven triggers for this add-on. */
export interface Triggers {
  /** Handler names of the user's installed time triggers. */
  handlers(): string[];
  installHourly(handler: string): void;
  removeAll(handler: string): void;
}

/** Fresh identifiers (Apps Script: Utilities.getUuid). */
export interface Ids {
  newId(): string;
}

/** Everything a use case may be given; the entry module builds the Apps Script set once per execution. */
export interface Ports {
  identity: Identity;
  clock: Clock;
  lock: UserLock;
  store: KeyValueStore;
  mailbox: Mailbox;
  sheets: Spreadsheets;
  triggers: Triggers;
  ids: Ids;
  /** The reply scan's mailbox history and log tabs (src/ports/replies.ts); absent in fakes of other use cases. */
  replies?: ReplyPorts;
  /** Sharing, signatures and the open message for sending on behalf of colleagues (src/ports/delegation.ts). */
  delegation?: DelegationPorts;
}
