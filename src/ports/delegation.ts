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
  /** One header of the open message ('' when absent), and its From address. */
  header(messageId: string, accessToken: string, name: string): { value: string; from: string };
}

/** The delegation ports, as one member of `Ports`. */
export interface DelegationPorts {
  sharing: Sharing;
  signer: Signer;
  openMessage: OpenMessage;
}
