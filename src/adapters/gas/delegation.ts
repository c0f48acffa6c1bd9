// Apps Script implementation of the delegation ports: Spreadsheet.addEditor, Utilities digests and
// HMAC, one header of the message open in Gmail (GmailApp with the contextual access token), and
// one-shot triggers (ScriptApp) for the work a card action must not do itself.
import type { DelegationPorts, TextTab } from '../../ports/delegation';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
const APPEND_LOCK_MS = 10_000;

function hex(bytes: number[]): string {
  return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, '0')).join('');
}

/** Cells as text: an ISO date a script wrote may come back as a Date. */
function cellText(value: unknown): string {
  if (Object.prototype.toString.call(value) === '[object Date]')
    return (value as Date).toISOString();
  return value === null || value === undefined ? '' : String(value);
}

/** Keeps each spreadsheet it opened for the rest of the execution: one round trip, not one a call. */
class SpreadsheetTextTab implements TextTab {
  private readonly opened = new Map<string, Spreadsheet>();

  private open(spreadsheetId: string): Spreadsheet {
    let spreadsheet = this.opened.get(spreadsheetId);
    if (!spreadsheet) {
      spreadsheet = SpreadsheetApp.openById(spreadsheetId);
      this.opened.set(spreadsheetId, spreadsheet);
    }
    return spreadsheet;
  }

  readRows(spreadsheetId: string, tabName: string): string[][] {
    const sheet = this.open(spreadsheetId).getSheetByName(tabName);
    if (!sheet) return [];
    return sheet
      .getDataRange()
      .getValues()
      .slice(1)
      .map((row) => row.map(cellText));
  }

  appendRow(spreadsheetId: string, tabName: string, header: readonly string[], cells: string[]) {
    // Two owners sharing a spreadsheet may append at once: the script lock keeps rows apart.
    const lock = LockService.getScriptLock();
    if (!lock.tryLock(APPEND_LOCK_MS))
      throw new Error(`The "${tabName}" tab is busy: try again in a minute.`);
    try {
      const spreadsheet = this.open(spreadsheetId);
      let sheet = spreadsheet.getSheetByName(tabName);
      if (!sheet) {
        sheet = spreadsheet.insertSheet(tabName);
        sheet.getRange(1, 1, sheet.getMaxRows(), header.length).setNumberFormat('@');
        sheet.getRange(1, 1, 1, header.length).setValues([[...header]]);
      }
      sheet.getRange(sheet.getLastRow() + 1, 1, 1, cells.length).setValues([cells]);
      SpreadsheetApp.flush();
    } finally {
      lock.releaseLock();
    }
  }

  writeCells(spreadsheetId: string, tabName: string, row: number, column: number, cells: string[]) {
    const sheet = this.open(spreadsheetId).getSheetByName(tabName);
    if (!sheet) throw new Error(`The "${tabName}" tab is missing from the campaign's spreadsheet.`);
    sheet.getRange(row, column, 1, cells.length).setValues([cells]);
  }
}

export function gasDelegationPorts(): DelegationPorts {
  return {
    senders: new SpreadsheetTextTab(),
    sharing: {
      addEditor: (spreadsheetId, email) => {
        SpreadsheetApp.openById(spreadsheetId).addEditor(email);
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
