// The emulator's MIME: what it builds, it parses back, including UTF-8 headers and bodies.
import {
  base64UrlDecode,
  base64UrlEncode,
  buildMessage,
  decodeWords,
  encodeQuotedPrintable,
  parseAddressList,
  parseMessage,
  setRawHeader,
  headerValue,
} from '../mime';

describe('mime', () => {
  const subject = 'Café ☕ — Привет, 世界 🎉 a long subject that needs more than one encoded word';

  it('round-trips emoji and non-Latin subjects through RFC 2047 encoded words', () => {
    const raw = buildMessage({
      headers: [
        { name: 'From', value: 'Zoë Ünal <zoe@example.com>' },
        { name: 'To', value: 'a@example.com' },
        { name: 'Subject', value: subject },
      ],
      text: 'hello',
    });
    // the source itself stays 7-bit
    expect(raw).toMatch(/^[\x00-\x7f]*$/);
    const parsed = parseMessage(raw);
    expect(decodeWords(headerValue(parsed.headers, 'Subject') ?? '')).toBe(subject);
    expect(parseAddressList(headerValue(parsed.headers, 'From') ?? '')).toEqual([
      { name: 'Zoë Ünal', address: 'zoe@example.com' },
    ]);
  });

  it('keeps every encoded word within 75 characters', () => {
    const raw = buildMessage({
      headers: [{ name: 'Subject', value: subject.repeat(3) }],
      text: '',
    });
    const words = raw.match(/=\?UTF-8\?B\?[^?]*\?=/g) ?? [];
    expect(words.length).toBeGreaterThan(3);
    words.forEach((word) => expect(word.length).toBeLessThanOrEqual(75));
  });

  it('builds multipart/alternative with quoted-printable UTF-8 text and HTML', () => {
    const text =
      'Bonjour Zoë 👋\nLine two with a very long sentence that goes on and on past seventy-six characters for sure.';
    const html = '<p>Bonjour <b>Zoë</b> 👋</p>';
    const raw = buildMessage({ headers: [{ name: 'Subject', value: 'x' }], text, html });
    expect(raw).toContain('multipart/alternative');
    expect(raw).toContain('quoted-printable');
    raw.split('\r\n').forEach((line) => expect(line.length).toBeLessThanOrEqual(78));
    const parsed = parseMessage(raw);
    expect(parsed.text.replace(/\r\n/g, '\n')).toBe(text);
    expect(parsed.html).toBe(html);
  });

  it('carries attachments as base64 inside multipart/mixed', () => {
    const data = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
    const raw = buildMessage({
      headers: [{ name: 'Subject', value: 'files' }],
      text: 'see attached',
      attachments: [{ filename: 'résumé.pdf', mimeType: 'application/pdf', data }],
    });
    const parsed = parseMessage(raw);
    expect(parsed.text).toBe('see attached');
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0].filename).toBe('résumé.pdf');
    expect(parsed.attachments[0].data.equals(data)).toBe(true);
  });

  it('parses 8-bit UTF-8 sources and Q-encoded words written by other mailers', () => {
    const raw =
      'Subject: =?iso-8859-1?Q?Caf=E9_cr=E8me?=\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nnaïve 🙂';
    const parsed = parseMessage(raw);
    expect(decodeWords(headerValue(parsed.headers, 'Subject') ?? '')).toBe('Café crème');
    expect(parsed.text).toBe('naïve 🙂');
  });

  it('encodes quoted-printable without splitting an escape across a soft break', () => {
    const encoded = encodeQuotedPrintable('é'.repeat(60));
    encoded.split('\r\n').forEach((line) => {
      expect(line.length).toBeLessThanOrEqual(76);
      expect(line).toMatch(/^(=[0-9A-F]{2})*=?$/);
    });
  });

  it('reads address lists with quoted names containing commas', () => {
    expect(parseAddressList('"Doe, Jane" <JANE@x.com>, bob@y.org')).toEqual([
      { name: 'Doe, Jane', address: 'jane@x.com' },
      { name: '', address: 'bob@y.org' },
    ]);
  });

  it('replaces one header and leaves the body untouched', () => {
    const raw = 'Message-ID: <a@b>\r\nSubject: s\r\n\r\nbody\r\n';
    const changed = setRawHeader(raw, 'Message-ID', '<new@gmail>');
    expect(changed).toContain('Message-ID: <new@gmail>');
    expect(changed).not.toContain('<a@b>');
    expect(changed.endsWith('\r\n\r\nbody\r\n')).toBe(true);
  });

  it('base64url round-trips and also accepts the standard alphabet', () => {
    const data = Buffer.from('subject ??>> ÿ');
    expect(base64UrlDecode(base64UrlEncode(data)).equals(data)).toBe(true);
    expect(base64UrlDecode(data.toString('base64')).equals(data)).toBe(true);
  });
});
