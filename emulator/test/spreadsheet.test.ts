// SpreadsheetApp as a script sees it: sharing, the active spreadsheet, ranges, value types,
// Apps Script's error messages, and writes buffered until the next read or flush.
import { addOn, ALICE, BOB, twoUserWorld, logged } from './helpers';
import { NO_PERMISSION, parseA1 } from '../services/spreadsheet';

const SHEETS = `
  function open(id) { try { return SpreadsheetApp.openById(id).getName(); } catch (e) { return e.message; } }
  function share(e) { SpreadsheetApp.openById(e.id).addEditor(e.email); }
  function active() { var s = SpreadsheetApp.getActiveSpreadsheet(); console.log(JSON.stringify(s && s.getId())); }
  function read(id) {
    var values = SpreadsheetApp.openById(id).getSheetByName('People').getDataRange().getValues();
    return values.map(function (row) { return row.map(function (v) { return v instanceof Date ? 'date:' + v.toISOString() : typeof v + ':' + v; }); });
  }
  function arrays(id) { var v = SpreadsheetApp.openById(id).getSheets()[0].getDataRange().getValues(); return [v instanceof Array, v[0] instanceof Array, v.length]; }
  function display(id) { return SpreadsheetApp.openById(id).getSheetByName('People').getRange('A1:C2').getDisplayValues(); }
  function wrongShape(id) {
    var range = SpreadsheetApp.openById(id).getSheetByName('People').getRange(1, 1, 2, 2), out = [];
    try { range.setValues([['a', 'b']]); } catch (e) { out.push(e.message); }
    try { range.setValues([['a', 'b', 'c'], ['d', 'e', 'f']]); } catch (e) { out.push(e.message); }
    return out;
  }
  function writeThenRead(id) {
    var sheet = SpreadsheetApp.openById(id).getSheetByName('People');
    sheet.getRange('D1').setValue('Status');
    sheet.getRange(2, 4, 2, 1).setValues([['sent'], [42]]);
    sheet.appendRow(['d@x.com', 'Dee', '', 'new']);
    return sheet.getLastRow();
  }`;

function worldWithSheet() {
  const world = twoUserWorld();
  const id = world.createSpreadsheet({
    owner: ALICE,
    name: 'Candidates',
    tabs: {
      People: [
        ['Email', 'Age', 'Since'],
        ['a@x.com', 31, new Date('2025-01-02T03:04:05Z')],
        ['b@x.com', '', ''],
      ],
    },
  });
  return { world, id, project: addOn(SHEETS) };
}

describe('SpreadsheetApp', () => {
  it('opens a spreadsheet only for its owner and the people it is shared with', () => {
    const { world, id, project } = worldWithSheet();
    expect(world.run({ project, as: ALICE, fn: 'open', event: id }).value).toBe('Candidates');
    expect(world.run({ project, as: BOB, fn: 'open', event: id }).value).toBe(NO_PERMISSION);
    expect(world.run({ project, as: BOB, fn: 'share', event: { id, email: BOB } }).error).toBe(
      NO_PERMISSION,
    );
    world.run({ project, as: ALICE, fn: 'share', event: { id, email: BOB } });
    expect(world.run({ project, as: BOB, fn: 'open', event: id }).value).toBe('Candidates');
  });

  it('has an active spreadsheet in a Sheets add-on execution and none in a trigger', () => {
    const { world, id, project } = worldWithSheet();
    const host = { app: 'sheets' as const, activeSpreadsheetId: id };
    expect(logged(world.run({ project, as: ALICE, fn: 'active', kind: 'action', host }))).toBe(id);
    expect(
      logged(world.run({ project, as: ALICE, fn: 'active', kind: 'trigger', host })),
    ).toBeNull();
    expect(logged(world.run({ project, as: ALICE, fn: 'active', kind: 'action' }))).toBeNull();
  });

  it('returns numbers as numbers, dates as Dates and empty cells as ""', () => {
    const { world, id, project } = worldWithSheet();
    expect(world.run({ project, as: ALICE, fn: 'read', event: id }).value).toEqual([
      ['string:Email', 'string:Age', 'string:Since'],
      ['string:a@x.com', 'number:31', 'date:2025-01-02T03:04:05.000Z'],
      ['string:b@x.com', 'string:', 'string:'],
    ]);
    expect(world.run({ project, as: ALICE, fn: 'display', event: id }).value).toEqual([
      ['Email', 'Age', 'Since'],
      ['a@x.com', '31', '1/2/2025 3:04:05'],
    ]);
  });

  it('hands out arrays of the script’s own realm', () => {
    const { world, id, project } = worldWithSheet();
    expect(world.run({ project, as: ALICE, fn: 'arrays', event: id }).value).toEqual([
      true,
      true,
      3,
    ]);
  });

  it('rejects values of the wrong shape with Apps Script’s messages', () => {
    const { world, id, project } = worldWithSheet();
    expect(world.run({ project, as: ALICE, fn: 'wrongShape', event: id }).value).toEqual([
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    ]);
  });

  it('buffers writes and charges one round trip when the next read sends them', () => {
    const { world, id, project } = worldWithSheet();
    const result = world.run({ project, as: ALICE, fn: 'writeThenRead', event: id });
    expect(result.value).toBe(4);
    expect(result.methods['SpreadsheetApp.(flush)']).toBe(1);
    expect(world.sheets.values(id, 'People')).toEqual([
      ['Email', 'Age', 'Since', 'Status'],
      ['a@x.com', 31, new Date('2025-01-02T03:04:05Z'), 'sent'],
      ['b@x.com', '', '', 42],
      ['d@x.com', 'Dee', '', 'new'],
    ]);
  });

  it('parses A1 notation: cells, boxes, whole columns and whole rows', () => {
    expect(parseA1('B3', 1000, 26)).toEqual({ row: 3, column: 2, numRows: 1, numColumns: 1 });
    expect(parseA1('A1:C2', 1000, 26)).toEqual({ row: 1, column: 1, numRows: 2, numColumns: 3 });
    expect(parseA1('A:B', 1000, 26)).toEqual({ row: 1, column: 1, numRows: 1000, numColumns: 2 });
    expect(parseA1('2:3', 1000, 26)).toEqual({ row: 2, column: 1, numRows: 2, numColumns: 26 });
    expect(parseA1('AA10', 1000, 26)).toEqual({ row: 10, column: 27, numRows: 1, numColumns: 1 });
    expect(parseA1('nonsense!', 1000, 26)).toBeUndefined();
  });
});
