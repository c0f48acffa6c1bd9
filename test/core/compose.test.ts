// Outgoing messages: UTF-8 subjects and names round-trip through RFC 2047, bodies through base64,
// and nothing a merged value contains can add a header.
import { composeMessage, encodeWords } from '../../src/core/message/compose';

/** Decodes RFC 2047 B words the way a mail client does (test-side, with Node's Buffer). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_w, b64: string) => `\u0000${b64}\u0000`)
    .split('\u0000')
    .map((piece, i) => (i % 2 === 1 ? Buffer.from(piece, 'base64') : Buffer.from(piece, 'utf8')))
    .reduce((all, bytes) => Buffer.concat([all, bytes]), Buffer.alloc(0))
    .toString('utf8');
}

function headersOf(raw: string): Record<string, string> {
  const head = raw.split('\r\n\r\n')[0].replace(/\r\n[ \t]/g, ' ');
  return Object.fromEntries(
    head
      .split('\r\n')
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
  );
}

const base = {
  from: { email: 'me@example.com', name: 'Ana' },
  to: { email: 'you@example.org' },
  text: 'hi',
  html: '',
};

describe('composeMessage', () => {
  it.each(['Café ☕ — 你好，世界 🚀👩🏽‍💻', 'Привет, مرحبا, こんにちは', 'plain ASCII subject'])(
    'round-trips the subject %s',
    (subject) => {
      const raw = composeMessage({ ...base, subject });
      expect(raw).toMatch(/^[\x20-\x7e\r\n]*$/);
      expect(decodeWords(headersOf(raw).Subject)).toBe(subject);
    },
  );

  it('keeps every line within 78 characters', () => {
    const raw = composeMessage({ ...base, subject: '🚀'.repeat(60), text: 'é'.repeat(500) });
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
  });

  it.each([
    ['no space', 'x'.repeat(5000)],
    ['long words', `${'y'.repeat(200)} ${'Zürich '.repeat(300)}`],
    ['spaces', 'a long subject '.repeat(400)],
  ])('folds a 5,000-character subject with %s into lines of 78 at most', (_, subject) => {
    const raw = composeMessage({
      ...base,
      subject,
      from: { email: 'me@example.com', name: 'N'.repeat(300) },
    });
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    const headers = headersOf(raw);
    expect(decodeWords(headers.Subject)).toBe(subject.trim());
    expect(decodeWords(headers.From)).toBe(`${'N'.repeat(300)} <me@example.com>`);
  });

  it('never composes a message whose subject is empty or blank', () => {
    for (const subject of ['', '  ', '\r\n\t'])
      expect(() => composeMessage({ ...base, subject })).toThrow(/the subject is empty/);
  });

  it('encodes the From display name and quotes specials', () => {
    expect(
      decodeWords(
        headersOf(
          composeMessage({
            ...base,
            subject: 's',
            from: { email: 'me@example.com', name: 'Zoë Ünal' },
          }),
        ).From,
      ),
    ).toBe('Zoë Ünal <me@example.com>');
    expect(
      headersOf(
        composeMessage({
          ...base,
          subject: 's',
          from: { email: 'me@example.com', name: 'Doe, Jane' },
        }),
      ).From,
    ).toBe('"Doe, Jane" <me@example.com>');
  });

  it('cannot be made to add a header from a subject or a name', () => {
    const raw = composeMessage({
      ...base,
      subject: 'Hi\r\nBcc: victim@example.net',
      from: { email: 'me@example.com', name: 'X\nBcc: other@example.net' },
    });
    expect(Object.keys(headersOf(raw))).not.toContain('Bcc');
  });

  it('refuses an address with a line break or a second address', () => {
    expect(() =>
      composeMessage({ ...base, subject: 's', to: { email: 'a@b.org\r\nBcc: c@d.org' } }),
    ).toThrow(/not valid/);
    expect(() =>
      composeMessage({ ...base, subject: 's', to: { email: 'a@b.org, c@d.org' } }),
    ).toThrow(/not valid/);
  });

  it('builds multipart/alternative with both bodies in UTF-8 base64', () => {
    const raw = composeMessage({
      ...base,
      subject: 's',
      text: 'Grüße 🎉',
      html: '<p>Grüße 🎉</p>',
      boundary: '=_b',
    });
    const parts = raw.split('--=_b');
    expect(parts).toHaveLength(4);
    const body = (part: string) =>
      Buffer.from(part.split('\r\n\r\n')[1].replace(/\r\n/g, ''), 'base64').toString('utf8');
    expect(body(parts[1])).toBe('Grüße 🎉');
    expect(body(parts[2])).toBe('<p>Grüße 🎉</p>');
  });

  it('sets In-Reply-To and References for a follow-up', () => {
    const headers = headersOf(
      composeMessage({
        ...base,
        subject: 'Re: s',
        inReplyTo: '<b@x>',
        references: ['<a@x>', '<b@x>'],
      }),
    );
    expect([headers['In-Reply-To'], headers.References]).toEqual(['<b@x>', '<a@x> <b@x>']);
  });

  it('never splits a character across encoded words', () => {
    for (const word of encodeWords('👩🏽‍💻'.repeat(20))) {
      const b64 = /=\?UTF-8\?B\?(.*)\?=/.exec(word)![1];
      expect(Buffer.from(b64, 'base64').toString('utf8')).not.toContain('\ufffd');
      expect(word.length).toBeLessThanOrEqual(75);
    }
  });
});
