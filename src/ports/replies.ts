// What the reply scan needs from outside: the mailbox's history (what is new, by ids only), the
// raw source of the few messages worth reading, and the campaign spreadsheet's log tabs.
import type { CellValue } from './index';

/** A message as the mailbox history names it: ids and labels, no content. */
export interface HistoryMessage {
  id: string;
  threadId: string;
  labelIds?: string[];
  /** The history record that added it: where a scan that stops after it resumes. */
  historyId: string;
}

export interface HistoryPage {
  messages: HistoryMessage[];
  /** The mailbox's history id as of this page. */
  historyId: string;
  nextPageToken?: string;
}

/** A thread's message as a cheap listing shows it: no headers, no body. */
export interface ThreadMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  receivedAt: number;
}

export interface RawMessage {
  id: string;
  threadId: string;
  /** RFC 5322 source as a binary string (one character per byte). */
  raw: string;
  /** When Gmail accepted it (ms since the epoch). */
  receivedAt: number;
}

/** The running user's mailbox as the reply scan reads it (Gmail API history, docs/replies.md). */
export interface MailHistory {
  /** The mailbox's current history id: where the first scan starts. */
  currentHistoryId(): string;
  /**
   * One page of the messages added after `startHistoryId`, or `undefined` when that id is too old
   * for the mailbox to answer (Gmail's HTTP 404): the caller must then fall back.
   */
  messagesAddedSince(startHistoryId: string, pageToken?: string): HistoryPage | undefined;
  /** Ids, labels and dates of one thread's messages, without their content. */
  threadMessages(threadId: string): ThreadMessage[];
  /** The raw source of one message: the only call that reads content. */
  readRaw(messageId: string): RawMessage;
}

/** The chart the Dashboard tab draws: columns of a block, the first being the category axis. */
export interface ChartSpec {
  title: string;
  /** 1-based row and column of the block's header cell, and its size including the header. */
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** The campaign spreadsheet's log and dashboard tabs, opened by id (a trigger has no active sheet). */
export interface CampaignLogSheets {
  /** Appends rows below the last row of a tab, created with `header` when missing, in one write. */
  appendRows(
    spreadsheetId: string,
    tabName: string,
    header: readonly string[],
    rows: CellValue[][],
  ): void;
  /** The cells of one column below the header row, as text; [] when the tab is missing. */
  readColumn(spreadsheetId: string, tabName: string, column: number): string[];
  /** Every row of a tab below the header, as text; [] when the tab is missing. */
  readRows(spreadsheetId: string, tabName: string): string[][];
  /**
   * The rows of a tab from data row `firstRow` (1-based, below the header) to the last, `width`
   * cells each, as text, in one read; [] when the tab is missing or has fewer rows.
   */
  readRowsFrom(spreadsheetId: string, tabName: string, firstRow: number, width: number): string[][];
  /**
   * Replaces a tab's content with `values` (creating the tab) and draws `chart` over them when
   * the spreadsheet service can; returns false when it drew no chart.
   */
  writeDashboard(
    spreadsheetId: string,
    tabName: string,
    values: CellValue[][],
    chart?: ChartSpec,
  ): boolean;
}

/** The reply scan's ports, as one member of `Ports`. */
export interface ReplyPorts {
  history: MailHistory;
  logSheets: CampaignLogSheets;
}
