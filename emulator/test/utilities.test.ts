// Utilities as a script sees it: base64 (standard and web-safe) with Apps Script's signed bytes,
// digests and HMAC against published test vectors, UUIDs, formatDate in time zones, and sleep.
import { ALICE, plainScript, twoUserWorld } from './helpers';
import { formatDate } from '../services/utilities';

function runScript(body: string) {
  const world = twoUserWorld();
  return world.run({ project: plainScript(`function f() { ${body} }`), as: ALICE, fn: 'f' });
}

const hex = `function hex(bytes) { return bytes.map(function (b) { return ('0' + (b & 0xff).toString(16)).slice(-2); }).join(''); }`;

describe('Utilities', () => {
  it('encodes and decodes base64, web-safe included, as signed bytes', () => {
    const result = runScript(`
      var text = 'é?>~ ok';
      var bytes = Utilities.base64Decode(Utilities.base64Encode(text));
      return [Utilities.base64Encode(text), Utilities.base64EncodeWebSafe(text),
        Utilities.newBlob(bytes).getDataAsString(), bytes[0],
        Utilities.newBlob(Utilities.base64DecodeWebSafe(Utilities.base64EncodeWebSafe(text))).getDataAsString()];`);
    const text = 'é?>~ ok';
    expect(result.value).toEqual([
      Buffer.from(text).toString('base64'),
      Buffer.from(text).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
      text,
      (0xc3 << 24) >> 24,
      text,
    ]);
  });

  it('computes SHA-256 digests and HMAC-SHA256 signatures (RFC 4231 test case 2)', () => {
    const result = runScript(`${hex}
      return [hex(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'abc')),
        hex(Utilities.computeHmacSha256Signature('what do ya want for nothing?', 'Jefe'))];`);
    expect(result.value).toEqual([
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    ]);
  });

  it('makes version-4 UUIDs, the same ones from the same seed', () => {
    const uuid = () => runScript('return Utilities.getUuid();').value as string;
    expect(uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuid()).toBe(uuid());
  });

  it('formats dates with Java patterns in any time zone, daylight saving included', () => {
    const winter = Date.parse('2026-01-15T17:05:09.007Z');
    const summer = Date.parse('2026-07-15T17:05:09Z');
    expect(formatDate(winter, 'America/New_York', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe(
      '2026-01-15T12:05:09.007-05:00',
    );
    expect(formatDate(summer, 'America/New_York', 'EEE, d MMM yyyy h:mm a Z')).toBe(
      'Wed, 15 Jul 2026 1:05 PM -0400',
    );
    expect(formatDate(winter, 'Asia/Kolkata', 'EEEE dd/MM/yy HH:mm z')).toBe(
      'Thursday 15/01/26 22:35 IST',
    );
    expect(formatDate(winter, 'Etc/UTC', "MMMM d 'at' H 'o''clock' X")).toBe(
      "January 15 at 17 o'clock Z",
    );
  });

  it('formats strings sprintf-like, as the reference’s examples show', () => {
    const result = runScript(`return [
      Utilities.formatString('%11.6f', 123.456),
      Utilities.formatString('%6s', 'abc'),
      Utilities.formatString('%-6s|%05d|%+d|%.2f%%', 'ab', 42, 7, 2.345),
      Utilities.formatString('%s has %d cats', 'Ann', 3),
      Utilities.formatString('no placeholders')];`);
    expect(result.error).toBeUndefined();
    expect(result.value).toEqual([
      ' 123.456000',
      '   abc',
      'ab    |00042|+7|2.35%',
      'Ann has 3 cats',
      'no placeholders',
    ]);
    expect(runScript(`return Utilities.formatString('%s and %s', 'one');`).error).toMatch(
      /not enough arguments/i,
    );
  });

  it('parses CSV into rows of strings, quotes and a custom delimiter included', () => {
    const result = runScript(`return [
      Utilities.parseCsv('a,b,c\\nd,e,f'),
      Utilities.parseCsv('name,note\\r\\n"Doe, Jane","said ""hi"""\\n'),
      Utilities.parseCsv('a\\tb\\tc\\nd\\te\\tf', '\\t'),
      Utilities.parseCsv('x;"1;2"', ';')];`);
    expect(result.error).toBeUndefined();
    expect(result.value).toEqual([
      [
        ['a', 'b', 'c'],
        ['d', 'e', 'f'],
      ],
      [
        ['name', 'note'],
        ['Doe, Jane', 'said "hi"'],
      ],
      [
        ['a', 'b', 'c'],
        ['d', 'e', 'f'],
      ],
      [['x', '1;2']],
    ]);
  });

  it('honours Java’s custom GMT offset ids (GMT+9, GMT-05:00, GMT+0530)', () => {
    const at = Date.parse('2026-01-15T17:05:00Z');
    expect(formatDate(at, 'GMT+9', 'yyyy-MM-dd HH:mm Z z')).toBe(
      '2026-01-16 02:05 +0900 GMT+09:00',
    );
    expect(formatDate(at, 'GMT-05:00', 'HH:mm XXX z')).toBe('12:05 -05:00 GMT-05:00');
    expect(formatDate(at, 'GMT+0530', 'HH:mm Z')).toBe('22:35 +0530');
    // not a Java id: Java (and so Apps Script) falls back to GMT
    expect(formatDate(at, 'UTC+9', 'HH:mm z')).toBe('17:05 GMT');
  });

  it('gives Java’s short zone names for pattern z, daylight saving included', () => {
    const winter = Date.parse('2026-01-15T12:00:00Z');
    const summer = Date.parse('2026-07-15T12:00:00Z');
    const z = (zone: string, at: number) => formatDate(at, zone, 'z');
    expect([z('America/New_York', winter), z('America/New_York', summer)]).toEqual(['EST', 'EDT']);
    expect([z('America/Los_Angeles', winter), z('America/Los_Angeles', summer)]).toEqual([
      'PST',
      'PDT',
    ]);
    expect([z('Europe/Paris', winter), z('Europe/Paris', summer)]).toEqual(['CET', 'CEST']);
    expect([z('Europe/London', winter), z('Europe/London', summer)]).toEqual(['GMT', 'BST']);
    expect([z('Asia/Tokyo', summer), z('Etc/UTC', summer), z('GMT', summer)]).toEqual([
      'JST',
      'UTC',
      'GMT',
    ]);
    expect([z('Australia/Sydney', winter), z('Australia/Sydney', summer)]).toEqual([
      'AEDT',
      'AEST',
    ]);
  });

  it('advances the execution’s clock when the script sleeps', () => {
    const result = runScript(
      'var before = Date.now(); Utilities.sleep(1500); return Date.now() - before;',
    );
    expect(result.value).toBeGreaterThanOrEqual(1500);
    expect(result.simulatedMs).toBeGreaterThanOrEqual(1500);
  });
});
