// What sending on behalf of a colleague needs from outside: sharing the campaign spreadsheet, a
// digest and a keyed signature (the invitation's secret signs what the owner publishes), and the
// one header of an open Gmail message that says it is a Baton invitation.

/** Shares a spreadsheet (Apps Script: Spreadsheet.addEditor). */
export interface Sharing {
  addEditor(spreadsheetId: string, email: string): void;
}

/** SHA-256 digests and HMAC-SHA-256 signatures of UTF-8 text, as lowercase hex. */
export interface Signer {
  sha256Hex(text: string): string;
  hmacSha256Hex(key: string, text: string): string;
}

/** The message open in Gmail, read only through the contextual access token. */
export interface OpenMessage {
  /** Some headers of the open message, by name ('' when absent). */
  headers(messageId: string, accessToken: string, names: string[]): Record<string, string>;
}

/**
 * One tab of a spreadsheet as plain text rows (the Senders tab), opened once per execution: the
 * owner's and the colleague's executions read and write the same rows.
 */
export interface TextTab {
  /** Rows below the header, as text; [] when the tab is missing. */
  readRows(spreadsheetId: string, tabName: string): string[][];
  /** Appends one row, creating the tab with `header` (as plain-text columns) when missing. */
  appendRow(
    spreadsheetId: string,
    tabName: string,
    header: readonly string[],
    cells: string[],
  ): void;
  /** Writes consecutive cells of one row; row and column are 1-based. */
  writeCells(
    spreadsheetId: string,
    tabName: string,
    row: number,
    column: number,
    cells: string[],
  ): void;
}

/** Runs a handler once, soon, as the running user (a one-shot time trigger). */
export interface Soon {
  runSoon(handler: string, delayMs: number): void;
}

/** The delegation ports, as one member of `Ports`. */
export interface DelegationPorts {
  sharing: Sharing;
  signer: Signer;
  openMessage: OpenMessage;
  soon: Soon;
  senders: TextTab;
}
