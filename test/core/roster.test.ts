// Reading a campaign tab: the email column, variables, invalid and repeated addresses, the
// per-row time zone, and Baton's own status columns (never variables, never data).
import {
  candidateKey,
  findEmailColumn,
  invalidEmailReason,
  normaliseEmail,
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
      {
        row: 4,
        reason:
          '"nope" is not a valid email address. Correct it in the sheet: ' +
          "Baton's next run includes this row.",
        // The row's values stay at hand: a preview of the row fills the step with them.
        vars: { email: 'nope', firstname: 'B' },
      },
      {
        row: 5,
        reason: 'Same address as row 2: sent once, there.',
        vars: { email: ' A@X.org', firstname: 'C' },
      },
      {
        row: 6,
        reason: "No email address. Add one in the sheet: Baton's next run includes this row.",
        vars: { email: '', firstname: 'D' },
      },
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

// Addresses pasted from elsewhere: what can only be a slip is cleaned (and the row sent to the
// clean address), what might be another address is refused with a reason naming the character.
describe('invisible and look-alike characters in addresses', () => {
  it('removes invisible characters that mean nothing and makes full-width ASCII plain', () => {
    for (const typed of [
      '\u200bann@x.example',
      'ann@x.example\ufeff',
      'a\u200bnn@x\u00ad.example',
      'ａｎｎ＠ｘ．ｅｘａｍｐｌｅ',
      '\u3000Ann@X.example\u2060 ',
    ]) {
      expect(normaliseEmail(typed)).toBe('ann@x.example');
      expect(invalidEmailReason(typed)).toBeUndefined();
      expect(candidateKey(typed)).toBe(candidateKey('ann@x.example'));
    }
    // Canonical composition only: a decomposed é is the same address as a composed one.
    expect(normaliseEmail('rene\u0301@x.example')).toBe('ren\u00e9@x.example');
  });

  it('refuses invisible joiners, direction marks and controls, naming the character', () => {
    expect(invalidEmailReason('an\u200dn@x.example')).toBe(
      '"an\u200dn@x.example" holds an invisible character (U+200D): retype the address.',
    );
    expect(invalidEmailReason('ann@x.example\u202e')).toMatch(/invisible character \(U\+202E\)/);
    expect(invalidEmailReason('a\u0007nn@x.example')).toMatch(/invisible character \(U\+0007\)/);
  });

  it('refuses characters that only look like ASCII, naming what they look like', () => {
    expect(invalidEmailReason('ﬁona@x.example')).toBe(
      '"ﬁona@x.example" holds "ﬁ" (U+FB01), which looks like "fi" but is another character: retype the address.',
    );
    expect(invalidEmailReason('ann@𝐱.example')).toMatch(/"𝐱" \(U\+1D431\), which looks like "x"/);
    expect(invalidEmailReason('ann²@x.example')).toMatch(/looks like "2"/);
  });

  it('keeps real non-Latin addresses', () => {
    expect(invalidEmailReason('山田太郎@例子.公司')).toBeUndefined();
    expect(invalidEmailReason('дмитрий@пример.рф')).toBeUndefined();
  });

  it('gives a skipped row its reason and sends a cleaned one to the clean address', () => {
    const roster = readRoster([
      ['Email'],
      ['ａｎｎ@x.example\u200b'],
      ['b\u200dob@x.example'],
      ['ann@x.example'],
    ]);
    expect(roster.candidates.map((c) => [c.row, c.email])).toEqual([[2, 'ann@x.example']]);
    expect(roster.skipped).toEqual([
      {
        row: 3,
        reason: expect.stringMatching(/^"b.*\(U\+200D\).*Correct it in the sheet/),
        vars: { email: 'b\u200dob@x.example' },
      },
      {
        row: 4,
        reason: 'Same address as row 2: sent once, there.',
        vars: { email: 'ann@x.example' },
      },
    ]);
  });
});
