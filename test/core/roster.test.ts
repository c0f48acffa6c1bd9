// Reading a campaign tab: the email column, variables, invalid and repeated addresses, the
// per-row time zone, and Baton's own status columns (never variables, never data).
import {
  findEmailColumn,
  readRoster,
  STATUS_HEADERS,
  variableHeaders,
} from '../../src/core/roster';

describe('readRoster', () => {
  it('finds the email column by header, ignoring case and spacing', () => {
    expect(findEmailColumn(['Name', ' E-Mail Address '])).toBe(1);
    expect(findEmailColumn(['Name', 'Work email'])).toBe(1);
    expect(findEmailColumn(['Name', 'Contact'], 'contact')).toBe(1);
    expect(findEmailColumn(['Name', 'Phone'])).toBe(-1);
  });

  it('skips invalid and repeated addresses with a reason, and empty rows silently', () => {
    const roster = readRoster([
      ['Email', 'First name'],
      ['a@x.org', 'A'],
      ['', ''],
      ['nope', 'B'],
      [' A@X.org', 'C'],
      ['', 'D'],
    ]);
    expect(roster.candidates.map((c) => [c.row, c.email])).toEqual([[2, 'a@x.org']]);
    expect(roster.skipped).toEqual([
      { row: 4, reason: expect.stringMatching(/"nope" is not a valid email address/) },
      { row: 5, reason: 'Same address as row 2: sent once, there.' },
      { row: 6, reason: 'No email address in this row.' },
    ]);
  });

  it('reads a valid Time zone cell and ignores an invalid one', () => {
    const roster = readRoster([
      ['Email', 'Time zone'],
      ['a@x.org', 'Asia/Tokyo'],
      ['b@x.org', 'Nowhere/Else'],
    ]);
    expect(roster.candidates.map((c) => c.timeZone)).toEqual(['Asia/Tokyo', undefined]);
  });

  it('keeps its status columns out of the data and finds them again after they were written', () => {
    const roster = readRoster([
      ['Email', 'First name', '', ...STATUS_HEADERS],
      ['a@x.org', 'A', '', '1/3', '2026-03-02 09:17', 'Step 2 due', 'https://mail.google.com/x'],
    ]);
    expect(roster.headers).toEqual(['Email', 'First name']);
    expect(roster.statusColumn).toBe(4);
    expect(variableHeaders(roster.headers, roster.emailColumn)).toEqual(['First name']);
    expect(Object.keys(roster.candidates[0].vars)).toEqual(['email', 'firstname']);
  });
});
