// The MIME reader: header unfolding and encoded words, structured fields, the part tree, transfer
// encodings, delivery-status reports, and robustness on damaged input.
import {
  autoSubmittedOf,
  dateOf,
  decodeEncodedWords,
  deliveryReports,
  enclosedMessages,
  fromAddress,
  getHeader,
  getHeaders,
  inReplyToOf,
  messageBodies,
  messageIdOf,
  parseAddressList,
  parseMessage,
  parseRfc5322Date,
  parseStructured,
  readableText,
  referencesOf,
  subjectOf,
} from '../../src/core/mime';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR, corpusFiles } from './corpus-check';

const crlf = (text: string): string => text.replace(/\n/g, '\r\n');

describe('headers', () => {
  const message = parseMessage(
    crlf(
      [
        'From: =?UTF-8?Q?J=C3=BCrgen_Wei=C3=9F?= <J.Weiss@Example.DE>',
        'Subject: =?ISO-8859-1?Q?R=E9ponse?= =?ISO-8859-1?Q?_automatique?=',
        '  : absent',
        'To: "Doe, Jane" <jane@x.example>, bob@y.example (Bob)',
        'X-Spam: one',
        'x-spam: two',
        'Date: Tue, 5 Jan 2027 09:30:00 +0100',
        'Message-ID: <abc@host.example>',
        'In-Reply-To: <m1@host> <m2@host>',
        'References: <r1@host>',
        '\t<r2@host>',
        'Auto-Submitted: Auto-Replied; owner-email="x@y"',
        '',
        'body',
      ].join('\n'),
    ),
  );

  it('looks names up case-insensitively and keeps repeated fields in order', () => {
    expect(getHeader(message.headers, 'x-SPAM')).toBe('one');
    expect(getHeaders(message.headers, 'X-Spam')).toEqual(['one', 'two']);
    expect(getHeader(message.headers, 'Absent')).toBeUndefined();
  });

  it('unfolds continuation lines and decodes adjacent encoded words without the space between', () => {
    expect(subjectOf(message)).toBe('Réponse automatique  : absent');
  });

  it('reads addresses, ids, dates and the Auto-Submitted keyword', () => {
    expect(fromAddress(message)).toEqual({ name: 'Jürgen Weiß', address: 'j.weiss@example.de' });
    expect(parseAddressList(getHeader(message.headers, 'To'))).toEqual([
      { name: 'Doe, Jane', address: 'jane@x.example' },
      { name: 'Bob', address: 'bob@y.example' },
    ]);
    expect(messageIdOf(message)).toBe('abc@host.example');
    expect(inReplyToOf(message)).toEqual(['m1@host', 'm2@host']);
    expect(referencesOf(message)).toEqual(['r1@host', 'r2@host']);
    expect(dateOf(message)).toBe(Date.UTC(2027, 0, 5, 8, 30));
    expect(autoSubmittedOf(message)).toBe('auto-replied');
  });

  it('splits address lists before decoding names, so an encoded comma stays in the name', () => {
    const raw = 'From: =?utf-8?Q?Doe=2C_J=C3=BCrgen?= <jd@example.com>, other@example.com\n\nx';
    expect(fromAddress(parseMessage(raw))).toEqual({
      name: 'Doe, Jürgen',
      address: 'jd@example.com',
    });
  });

  it.each([
    ['=?utf-8?B?5pel5pys6Kqe?=', '日本語'],
    // A UTF-8 character split across two encoded words is joined before decoding.
    ['=?utf-8?B?5pel5pys6A==?= =?utf-8?B?qp4=?=', '日本語'],
    ['=?iso-2022-jp?B?GyRCRnxLXDhsGyhC?=', '日本語'],
    ['=?windows-1252?Q?=80_5?=', '€ 5'],
    ['=?utf-8*en?Q?hello?= world', 'hello world'],
    ['plain =?utf-8?Q?caf=C3=A9?= text', 'plain café text'],
    ['=?bogus?Q?=E9t=E9?=', 'été'],
    ['=?utf-8?X?broken?=', '=?utf-8?X?broken?='],
  ])('decodes the encoded words of %s', (raw, decoded) => {
    expect(decodeEncodedWords(raw)).toBe(decoded);
  });

  it('parses parameters, quoted strings and RFC 2231 continuations', () => {
    expect(parseStructured('Multipart/Mixed; boundary="a b;c"; charset=UTF-8')).toEqual({
      value: 'multipart/mixed',
      params: { boundary: 'a b;c', charset: 'UTF-8' },
    });
    expect(
      parseStructured("attachment; filename*0*=UTF-8''CV%20J%C3%BC; filename*1=rgen.pdf").params
        .filename,
    ).toBe('CV Jürgen.pdf');
  });

  it.each([
    ['Mon, 4 Jan 2027 14:03:11 +0100', Date.UTC(2027, 0, 4, 13, 3, 11)],
    ['4 Jan 27 14:03 GMT', Date.UTC(2027, 0, 4, 14, 3)],
    ['Mon, 04 Jan 2027 08:03:11 EST', Date.UTC(2027, 0, 4, 13, 3, 11)],
    ['yesterday', undefined],
    ['Mon, 4 Foo 2027 14:03:11 +0100', undefined],
  ])('reads the date %s', (raw, epoch) => {
    expect(parseRfc5322Date(raw)).toBe(epoch);
  });
});

describe('bodies and parts', () => {
  const nested = crlf(`From: a@b.example
Content-Type: multipart/mixed; boundary=outer

preamble
--outer
Content-Type: multipart/alternative; boundary="inner"

--inner
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

Gr=FC=DFe aus K=F6ln, soft=
 break
--inner
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64

PHA+R3LDvMOfZTwvcD4=
--inner--
--outer
Content-Type: message/rfc822

From: original@b.example
Subject: the original

original text
--outer
Content-Type: application/octet-stream
Content-Disposition: attachment; filename=x.bin
Content-Transfer-Encoding: base64

AAEC
--outer--
epilogue
`);

  it('builds the tree, decodes quoted-printable and base64 in their charsets', () => {
    const message = parseMessage(nested);
    expect(message.root.children.map((part) => part.type)).toEqual([
      'multipart/alternative',
      'message/rfc822',
      'application/octet-stream',
    ]);
    expect(messageBodies(message)).toEqual({
      plain: 'Grüße aus Köln, soft break',
      html: '<p>Grüße</p>',
    });
    expect(message.notes).toEqual([]);
  });

  it('keeps an enclosed message apart from the message’s own text', () => {
    const message = parseMessage(nested);
    expect(enclosedMessages(message).map(subjectOf)).toEqual(['the original']);
    expect(readableText(message)).not.toContain('original text');
  });

  it('reads bytes, binary strings and already-decoded strings alike', () => {
    const bytes = [...Buffer.from(nested, 'latin1')];
    expect(messageBodies(parseMessage(bytes))).toEqual(messageBodies(parseMessage(nested)));
    // A string with characters above U+00FF is taken as decoded text; others are binary strings.
    const utf8Raw =
      'Subject: Grüße\nContent-Type: text/plain; charset=utf-8\n\nschöne Grüße für 5 €';
    const binary = Buffer.from(utf8Raw, 'utf8').toString('latin1');
    expect(readableText(parseMessage(utf8Raw))).toBe('schöne Grüße für 5 €');
    expect(readableText(parseMessage(binary))).toBe('schöne Grüße für 5 €');
    expect(subjectOf(parseMessage(binary))).toBe('Grüße');
  });

  it('reads HTML as text when there is no plain body', () => {
    const message = parseMessage(
      'Content-Type: text/html\n\n<p>Hello&nbsp;<b>there</b></p><p>Second</p>',
    );
    expect(readableText(message)).toBe('Hello there\n\nSecond');
  });
});

describe('delivery-status reports', () => {
  const report = crlf(`From: MAILER-DAEMON@mx.example
Content-Type: multipart/report; report-type=delivery-status; boundary="r"

--r
Content-Type: text/plain

Delivery failed.
--r
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example

Final-Recipient: rfc822; Jane@Example.com
Action: failed
Status: 5.1.1 (user unknown)
Diagnostic-Code: smtp; 550 5.1.1 no such user

Final-Recipient: rfc822;bob@example.com
Action: delayed
Status: 4.4.1
--r
Content-Type: text/rfc822-headers

From: sender@acme.example
Message-ID: <orig@acme.example>
--r--
`);

  it('parses the per-message and per-recipient fields', () => {
    const [status] = deliveryReports(parseMessage(report));
    expect(getHeader(status.perMessage, 'Reporting-MTA')).toBe('dns; mx.example');
    expect(
      status.recipients.map(({ recipient, action, status: code, diagnosticCode }) => ({
        recipient,
        action,
        code,
        diagnosticCode,
      })),
    ).toEqual([
      {
        recipient: 'jane@example.com',
        action: 'failed',
        code: '5.1.1',
        diagnosticCode: 'smtp; 550 5.1.1 no such user',
      },
      { recipient: 'bob@example.com', action: 'delayed', code: '4.4.1', diagnosticCode: '' },
    ]);
  });

  it('reads the returned headers of text/rfc822-headers', () => {
    expect(enclosedMessages(parseMessage(report)).map(messageIdOf)).toEqual(['orig@acme.example']);
  });
});

describe('damaged input', () => {
  it.each([
    [
      'an unclosed multipart',
      'Content-Type: multipart/mixed; boundary=x\n\n--x\n\nhello',
      'hello',
      /closing boundary/,
    ],
    [
      'a multipart without boundary',
      'Content-Type: multipart/mixed\n\nhello',
      'hello',
      /without a boundary/,
    ],
    ['a bad Content-Type', 'Content-Type: ???\n\nhello', 'hello', /unreadable Content-Type/],
    [
      'an unknown transfer encoding',
      'Content-Transfer-Encoding: x-uue\n\nhello',
      'hello',
      /unknown Content-Transfer-Encoding/,
    ],
    [
      'a header line without a colon',
      'Subject: hi\nthis is not a header\n\nhello',
      'hello',
      /malformed header line/,
    ],
  ])('reads %s and notes what was wrong', (_, raw, text, note) => {
    const message = parseMessage(raw);
    expect(readableText(message).trim()).toBe(text);
    expect(message.notes.join('\n')).toMatch(note);
  });

  it('stops at absurd nesting instead of recursing forever', () => {
    let raw = 'hello';
    for (let depth = 0; depth < 40; depth++) {
      raw = `Content-Type: multipart/mixed; boundary=b${depth}\n\n--b${depth}\n${raw}\n--b${depth}--\n`;
    }
    const message = parseMessage(raw);
    expect(message.notes.join('\n')).toMatch(/too deep/);
  });

  it('never throws on truncated or mutated corpus messages (seeded, deterministic)', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    let parsed = 0;
    for (const file of corpusFiles()) {
      const raw = readFileSync(join(CORPUS_DIR, file)).toString('latin1');
      for (let round = 0; round < 5; round++) {
        const chars = raw.slice(0, Math.floor(random() * raw.length)).split('');
        for (let k = 0; k < 20; k++)
          chars[Math.floor(random() * chars.length)] = String.fromCharCode(random() * 256);
        expect(() => readableText(parseMessage(chars.join('')))).not.toThrow();
        parsed++;
      }
    }
    expect(parsed).toBe(corpusFiles().length * 5);
  });
});
