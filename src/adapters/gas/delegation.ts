// Apps Script implementation of the delegation ports: Spreadsheet.addEditor, Utilities digests and
// HMAC, one header of the message open in Gmail (GmailApp with the contextual access token), and
// one-shot triggers (ScriptApp) for the work a card action must not do itself.
import type { DelegationPorts, TextTab } from '../../ports/delegation';
import { appendRowsLocked, SpreadsheetOpener } from './spreadsheet-opener';

function hex(bytes: number[]): string {
  return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, '0')).join('');
}

/** The Senders tab, through the execution's one SpreadsheetOpener. */
class SpreadsheetTextTab implements TextTab {
  constructor(private readonly spreadsheets: SpreadsheetOpener) {}

  readRows(spreadsheetId: string, tabName: string): string[][] {
    return this.spreadsheets.textRows(spreadsheetId, tabName);
  }

  appendRow(spreadsheetId: string, tabName: string, header: readonly string[], cells: string[]) {
    appendRowsLocked(
      this.spreadsheets,
      spreadsheetId,
      tabName,
      header,
      [cells],
      `The "${tabName}" tab is busy: try again in a minute.`,
    );
  }

  writeCells(spreadsheetId: string, tabName: string, row: number, column: number, cells: string[]) {
    const sheet = this.spreadsheets.tab(spreadsheetId, tabName);
    if (!sheet) throw new Error(`The "${tabName}" tab is missing from the campaign's spreadsheet.`);
    this.spreadsheets.written(spreadsheetId, tabName);
    sheet.getRange(row, column, 1, cells.length).setValues([cells]);
  }
}

export function gasDelegationPorts(spreadsheets: SpreadsheetOpener): DelegationPorts {
  return {
    senders: new SpreadsheetTextTab(spreadsheets),
    sharing: {
      addEditor: (spreadsheetId, email) => {
        spreadsheets.open(spreadsheetId).addEditor(email);
      },
    },
    signer: {
      sha256Hex: (text) =>
        hex(
          Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8),
        ),
      hmacSha256Hex: (key, text) =>
        hex(Utilities.computeHmacSha256Signature(text, key, Utilities.Charset.UTF_8)),
    },
    soon: {
      runSoon: (handler, delayMs) => {
        ScriptApp.newTrigger(handler).timeBased().after(delayMs).create();
      },
    },
    openMessage: {
      headers: (messageId, accessToken, names) => {
        GmailApp.setCurrentMessageAccessToken(accessToken);
        const message = GmailApp.getMessageById(messageId);
        return Object.fromEntries(names.map((name) => [name, message.getHeader(name) || '']));
      },
    },
  };
}
