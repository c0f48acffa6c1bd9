// Opens each spreadsheet once per execution and keeps each tab's values until that tab is
// written: openById and getValues are round trips of hundreds of milliseconds, and one card action
// or tick often reads the same tab twice (e.g. launch checks the roster, then the card shows it).
// gasPorts() makes one opener per execution, so nothing here outlives it.
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A cell as text: an ISO date a script wrote may come back as a Date. */
export function cellText(value: unknown): string {
  if (Object.prototype.toString.call(value) === '[object Date]')
    return (value as Date).toISOString();
  return value === null || value === undefined ? '' : String(value);
}

export class SpreadsheetOpener {
  private readonly opened = new Map<string, Spreadsheet>();
  private readonly values = new Map<string, unknown[][]>();
  private readonly tabs = new Map<string, Sheet>();

  open(spreadsheetId: string): Spreadsheet {
    let spreadsheet = this.opened.get(spreadsheetId);
    if (!spreadsheet) {
      spreadsheet = SpreadsheetApp.openById(spreadsheetId);
      this.opened.set(spreadsheetId, spreadsheet);
    }
    return spreadsheet;
  }

  /** The tab, or null when the spreadsheet has no tab of that name (a tab found is kept). */
  tab(spreadsheetId: string, tabName: string): Sheet | null {
    const key = `${spreadsheetId}\n${tabName}`;
    let sheet = this.tabs.get(key);
    if (!sheet) {
      sheet = this.open(spreadsheetId).getSheetByName(tabName) ?? undefined;
      if (sheet) this.tabs.set(key, sheet);
    }
    return sheet ?? null;
  }

  /** The tab's data range, read once until the tab is written through `written`. */
  readValues(spreadsheetId: string, sheet: Sheet): unknown[][] {
    const key = `${spreadsheetId}\n${sheet.getName()}`;
    let values = this.values.get(key);
    if (!values) {
      values = sheet.getDataRange().getValues();
      this.values.set(key, values);
    }
    return values.map((row) => row.slice());
  }

  /** Every row of a tab below its header, as text; [] when the tab is missing. */
  textRows(spreadsheetId: string, tabName: string): string[][] {
    const sheet = this.tab(spreadsheetId, tabName);
    if (!sheet) return [];
    return this.readValues(spreadsheetId, sheet)
      .slice(1)
      .map((row) => row.map(cellText));
  }

  /** Forgets what was read of a tab that is about to change. */
  written(spreadsheetId: string, tabName: string): void {
    this.values.delete(`${spreadsheetId}\n${tabName}`);
  }
}

/** How long an append waits for another execution's append to the same spreadsheet. */
const APPEND_LOCK_MS = 10_000;

/**
 * Appends rows to a tab (created with its header, as plain text, when missing) under the script
 * lock: every sender's tick and every owner may append to the same tab, and two appends must not
 * land on the same rows. Throws `busyMessage` when the lock cannot be had.
 */
export function appendRowsLocked(
  spreadsheets: SpreadsheetOpener,
  spreadsheetId: string,
  tabName: string,
  header: readonly string[],
  rows: unknown[][],
  busyMessage: string,
): void {
  if (rows.length === 0) return;
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(APPEND_LOCK_MS)) throw new Error(busyMessage);
  try {
    const spreadsheet = spreadsheets.open(spreadsheetId);
    let sheet = spreadsheet.getSheetByName(tabName);
    if (!sheet) {
      sheet = spreadsheet.insertSheet(tabName);
      sheet.getRange(1, 1, 1, header.length).setValues([[...header]]);
    }
    spreadsheets.written(spreadsheetId, tabName);
    const first = Math.max(sheet.getLastRow(), 1) + 1;
    // Plain text, so Sheets keeps dates, step numbers and ids exactly as written.
    sheet.getRange(first, 1, rows.length, rows[0].length).setNumberFormat('@').setValues(rows);
    SpreadsheetApp.flush();
  } finally {
    lock.releaseLock();
  }
}
