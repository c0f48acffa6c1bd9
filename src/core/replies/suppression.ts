// The owner-level suppression list, kept as a "Suppressed" tab on every campaign spreadsheet of an
// owner: rows any sender's tick appends when an address opts out or hard-bounces, read back
// incrementally by every sender of that owner (docs/replies.md, "Suppression across senders").
import { formatLocal } from '../schedule';
import { invalidEmailReason, normaliseEmail } from '../roster';

export const SUPPRESSED_TAB = 'Suppressed';
export const SUPPRESSED_HEADER = ['Email', 'Why', 'Date', 'Campaign', 'Seen by', 'Owner'] as const;

/** One address an owner's campaigns must never mail again. */
export interface SuppressionRow {
  email: string;
  why: string;
  /** Written as local time of the campaign that saw it (plain text, for people). */
  date: string;
  campaign: string;
  seenBy: string;
  /** The campaign owner whose list this is; '' for a row a person typed in (it applies to all). */
  owner: string;
}

export function suppressionRow(
  email: string,
  why: string,
  at: number,
  campaign: { name: string; owner: string; settings: { timeZone: string } },
  seenBy: string,
): SuppressionRow {
  return {
    email: normaliseEmail(email),
    why,
    date: formatLocal(at, campaign.settings.timeZone),
    campaign: campaign.name,
    seenBy: seenBy.toLowerCase(),
    owner: campaign.owner.toLowerCase(),
  };
}

export function suppressionCells(row: SuppressionRow): string[] {
  return [row.email, row.why, row.date, row.campaign, row.seenBy, row.owner];
}

/** A row read back; undefined when its Email cell is not an address (a heading, a note, junk). */
export function suppressionOfCells(cells: readonly string[]): SuppressionRow | undefined {
  const cell = (i: number) => String(cells[i] ?? '').trim();
  const email = cell(0);
  if (invalidEmailReason(email) !== undefined) return undefined;
  return {
    email: normaliseEmail(email),
    why: cell(1),
    date: cell(2),
    campaign: cell(3),
    seenBy: cell(4).toLowerCase(),
    owner: cell(5).toLowerCase(),
  };
}

/** A reader also reads the whole tab this often, to learn rows a person typed above its cursor. */
export const FULL_READ_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * How far a reader got in one spreadsheet's tab: the number of rows below the header it has
 * consumed, the first cell of the last of them (so that rows deleted or moved above that point
 * are noticed, and the tab read again from the top), and when it last read the whole tab.
 */
export interface TabCursor {
  rows: number;
  last: string;
  wholeAt: number;
}

/** The 1-based data row a reader asks for first: the last row it read, to check it is still there. */
export function firstRowToRead(cursor: TabCursor | undefined, now: number): number {
  return cursor && cursor.rows > 0 && now - cursor.wholeAt < FULL_READ_EVERY_MS ? cursor.rows : 1;
}

/**
 * What is new in `rows`, read from row `from` on: everything when `from` is 1; undefined when the
 * row under the cursor changed and the tab must be read again from row 1.
 */
export function rowsAfterCursor(
  cursor: TabCursor | undefined,
  from: number,
  rows: readonly string[][],
): string[][] | undefined {
  if (!cursor || from === 1) return rows.map((r) => r.slice());
  if (rows.length === 0 || firstCell(rows[0]) !== cursor.last) return undefined;
  return rows.slice(1).map((r) => r.slice());
}

/** The cursor after reading `newRows`: past `cursor`, or (undefined) as the whole tab at `now`. */
export function advanceCursor(
  cursor: TabCursor | undefined,
  newRows: readonly string[][],
  now: number,
): TabCursor {
  const rows = (cursor?.rows ?? 0) + newRows.length;
  const last = newRows.length > 0 ? firstCell(newRows[newRows.length - 1]) : (cursor?.last ?? '');
  return { rows, last, wholeAt: cursor ? cursor.wholeAt : now };
}

function firstCell(row: readonly string[]): string {
  return String(row[0] ?? '')
    .trim()
    .toLowerCase();
}
