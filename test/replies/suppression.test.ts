// The owner-level suppression list on the campaign spreadsheets' Suppressed tab, on in-memory
// fakes: what a tick learns from it, what it costs per tick, and how it copes with people editing
// the tab (rows typed in, deleted, sorted).
import { createCampaignFromTab, launch, updateSteps } from '../../src/app/campaigns';
import { scanReplies } from '../../src/app/replies/scan';
import { runTick } from '../../src/app/tick';
import { decodeReplyState } from '../../src/core/replies/state';
import {
  advanceCursor,
  firstRowToRead,
  FULL_READ_EVERY_MS,
  rowsAfterCursor,
  suppressionOfCells,
  SUPPRESSED_HEADER,
  SUPPRESSED_TAB,
} from '../../src/core/replies/suppression';
import { candidateKey } from '../../src/core/roster';
import { decodeStore } from '../../src/core/store';
import type { CellValue } from '../../src/ports';
import { FakeWorld } from '../campaign/fakes';
import {
  candidateRows,
  DAY,
  HOUR,
  setUpCampaign,
  SHEET,
  TAB,
  THREE_STEPS,
} from '../campaign/scenario';
import { ReplyWorld } from './fakes';

const MONDAY = Date.UTC(2026, 2, 2);
const OWNER = 'recruiter@example.com';
const email = (i: number) => `candidate${i}@example.org`;

function setUp(rows = 4): ReplyWorld {
  const world = new FakeWorld(MONDAY);
  setUpCampaign(world, { rows: candidateRows(rows), timeZone: 'UTC', dailyCap: 500 });
  return new ReplyWorld(world);
}

function setSuppressedTab(replies: ReplyWorld, rows: CellValue[][]): void {
  replies.world.sheets.set(`${SHEET}/${SUPPRESSED_TAB}`, [[...SUPPRESSED_HEADER], ...rows]);
}

const row = (address: string, owner = OWNER) => [address, 'Opted out', '', 'Jobs', '', owner];

/** One scan; returns how many rows each read of the Suppressed tab returned. */
function scan(replies: ReplyWorld): number[] {
  const ports = replies.ports();
  const reads: number[] = [];
  const logSheets = ports.replies?.logSheets;
  if (!logSheets) throw new Error('no reply ports');
  const readRowsFrom = logSheets.readRowsFrom.bind(logSheets);
  logSheets.readRowsFrom = (id, tab, first, width) => {
    const rows = readRowsFrom(id, tab, first, width);
    if (tab === SUPPRESSED_TAB) reads.push(rows.length);
    return rows;
  };
  try {
    scanReplies(ports);
  } finally {
    replies.world.endExecution();
  }
  return reads;
}

const suppressed = (replies: ReplyWorld) => decodeStore(replies.world.properties).suppressed;

describe('the Suppressed tab cursor', () => {
  const NOW = MONDAY;

  it('starts at the first row and resumes at the last row read, to check it is still there', () => {
    expect(firstRowToRead(undefined, NOW)).toBe(1);
    const cursor = advanceCursor(undefined, [['a@x.org'], ['b@x.org']], NOW);
    expect(cursor).toEqual({ rows: 2, last: 'b@x.org', wholeAt: NOW });
    expect(firstRowToRead(cursor, NOW + HOUR)).toBe(2);
    expect(rowsAfterCursor(cursor, 2, [['b@x.org'], ['c@x.org']])).toEqual([['c@x.org']]);
    expect(advanceCursor(cursor, [['c@x.org']], NOW + HOUR)).toEqual({
      rows: 3,
      last: 'c@x.org',
      wholeAt: NOW,
    });
  });

  it('asks for a read from the top when the row under the cursor changed or vanished', () => {
    const cursor = { rows: 2, last: 'b@x.org', wholeAt: NOW };
    expect(rowsAfterCursor(cursor, 2, [['z@x.org'], ['c@x.org']])).toBeUndefined();
    expect(rowsAfterCursor(cursor, 2, [])).toBeUndefined();
  });

  it('reads the whole tab again once a day', () => {
    const cursor = { rows: 2, last: 'b@x.org', wholeAt: NOW };
    expect(firstRowToRead(cursor, NOW + FULL_READ_EVERY_MS - 1)).toBe(2);
    expect(firstRowToRead(cursor, NOW + FULL_READ_EVERY_MS)).toBe(1);
  });

  it('ignores rows whose first cell is not an address', () => {
    expect(suppressionOfCells(['Note: added by hand below', '', '', '', '', ''])).toBeUndefined();
    expect(suppressionOfCells([' Ann@X.org ', 'asked', '', '', '', ''])?.email).toBe('ann@x.org');
  });
});

describe('learning an owner’s suppressions from the Suppressed tab', () => {
  it('skips an address a person typed into the tab, and says so in the state cell', () => {
    const replies = setUp(3);
    setSuppressedTab(replies, [[email(2), 'Asked by phone', '', '', '', '']]);
    // Hourly ticks through Monday, inside the send window.
    for (let h = 0; h < 12; h++) {
      replies.world.now += HOUR;
      runTick(replies.ports());
      replies.world.endExecution();
    }
    expect(replies.world.sentTo(email(1))).toHaveLength(1);
    expect(replies.world.sentTo(email(2))).toHaveLength(0);
    const sheet = replies.world.sheets.get(`${SHEET}/${TAB}`) ?? [];
    const stateColumn = sheet[0].indexOf('Baton state');
    expect(String(sheet.find((r) => r[0] === email(2))?.[stateColumn])).toMatch(/^Suppressed: /);
  });

  it('ignores rows of an owner whose campaigns this store does not hold', () => {
    const replies = setUp(3);
    setSuppressedTab(replies, [row(email(1), 'someone.else@example.com'), row(email(2))]);
    scan(replies);
    expect(suppressed(replies).has(candidateKey(email(1)))).toBe(false);
    expect(suppressed(replies).has(candidateKey(email(2)))).toBe(true);
  });

  it('reads once per tick, and only the rows added since the last tick (plus the one it checks)', () => {
    const replies = setUp(3);
    setSuppressedTab(
      replies,
      Array.from({ length: 30 }, (_, i) => row(`old${i}@example.net`)),
    );
    expect(scan(replies)).toEqual([30]);
    expect(scan(replies)).toEqual([1]);
    replies.rowsOf(SHEET, SUPPRESSED_TAB).push(row(email(3)));
    expect(scan(replies)).toEqual([2]);
    expect(suppressed(replies).has(candidateKey(email(3)))).toBe(true);
  });

  it('reads the tab again from the top when rows above the cursor were deleted', () => {
    const replies = setUp(3);
    setSuppressedTab(replies, [row('b@example.net'), row('c@example.net')]);
    scan(replies);
    const tab = replies.rowsOf(SHEET, SUPPRESSED_TAB);
    tab.splice(1);
    tab.push(row(email(2)));
    expect(scan(replies)).toEqual([0, 1]);
    expect(suppressed(replies).has(candidateKey(email(2)))).toBe(true);
    expect(decodeReplyState(replies.world.properties).suppressionCursors[SHEET]).toMatchObject({
      rows: 1,
      last: email(2),
    });
  });

  it('learns a row a person typed above the cursor within a day', () => {
    const replies = setUp(3);
    setSuppressedTab(replies, [row('b@example.net'), row('c@example.net')]);
    scan(replies);
    // Typed at the top: the row under the cursor is still "c", so the next tick cannot tell.
    replies.rowsOf(SHEET, SUPPRESSED_TAB).splice(1, 0, row(email(1)));
    replies.world.now += HOUR;
    scan(replies);
    replies.world.now += DAY;
    expect(scan(replies)).toEqual([3]);
    expect(suppressed(replies).has(candidateKey(email(1)))).toBe(true);
  });

  it('keeps what it learned when a row is deleted from the tab', () => {
    const replies = setUp(3);
    setSuppressedTab(replies, [row(email(1))]);
    scan(replies);
    replies.rowsOf(SHEET, SUPPRESSED_TAB).splice(1);
    replies.world.now += 4 * DAY;
    scan(replies);
    expect(suppressed(replies).has(candidateKey(email(1)))).toBe(true);
  });

  it('copies the owner’s earlier rows to a spreadsheet of a campaign launched later, once', () => {
    const replies = setUp(3);
    setSuppressedTab(replies, [row(email(1)), row('typed@example.net', '')]);
    scan(replies);
    // A second campaign, in another spreadsheet (a colleague may send it and read only that one).
    const { world } = replies;
    world.sheets.set('sheet-2/Jobs', candidateRows(2));
    const ports = world.ports();
    const second = createCampaignFromTab(ports, {
      spreadsheetId: 'sheet-2',
      tabName: 'Jobs',
      timeZone: 'UTC',
    });
    updateSteps(ports, second.id, THREE_STEPS);
    launch(ports, second.id);
    world.endExecution();
    scan(replies);
    scan(replies);
    const copied = replies.rowsOf('sheet-2', SUPPRESSED_TAB).slice(1);
    expect(copied.map((r) => [r[0], r[5]])).toEqual([
      [email(1), OWNER],
      ['typed@example.net', OWNER],
    ]);
    // Nothing comes back to the first spreadsheet twice.
    expect(replies.rowsOf(SHEET, SUPPRESSED_TAB)).toHaveLength(3);
  });
});
