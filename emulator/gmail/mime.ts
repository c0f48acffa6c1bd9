// RFC 5322 / MIME for the emulator's mail: builds and parses messages with UTF-8 headers (RFC 2047
// encoded words), multipart/alternative and mixed, base64 and quoted-printable bodies.
// Raw messages are kept as JavaScript strings whose 8-bit content, if any, is UTF-8.

export interface Address {
  name: string;
  address: string;
}

export interface Attachment {
  filename: string;
  mimeType: string;
  data: Buffer;
}

/** One header as it appears in the source, unfolded, with its value still encoded. */
export interface Header {
  name: string;
  value: string;
}

/** A MIME part after parsing: headers, decoded text, and its children when multipart. */
export interface MimePart {
  headers: Header[];
  mimeType: string;
  /** Parameters of Content-Type, names lowercased (charset, boundary, name, report-type...). */
  params: Record<string, string>;
  body: Buffer;
  parts: MimePart[];
  filename: string;
}

export interface ParsedMessage {
  headers: Header[];
  root: MimePart;
  text: string;
  html: string;
  attachments: Attachment[];
}

const CRLF = '\r\n';

// ---------------------------------------------------------------------------------------------
// Encoding helpers

export function base64UrlEncode(data: string | Buffer): string {
  return Buffer.from(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** Accepts both the web-safe and the standard alphabet, with or without padding. */
export function base64UrlDecode(data: string): Buffer {
  return Buffer.from(data.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

const isAscii = (text: string): boolean => /^[\x00-\x7f]*$/.test(text);

/** RFC 2047 B-encoding, cut on character boundaries so each encoded word stays under 75 chars. */
export function encodeWords(text: string): string {
  if (isAscii(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word).toString('base64')}?=`).join(' ');
}

function decodeCharset(bytes: Buffer, charset: string): string {
  const label = charset.toLowerCase().replace(/\*.*$/, '') || 'utf-8';
  try {
    return new TextDecoder(label === 'us-ascii' ? 'utf-8' : label).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

function decodeQuotedPrintableBytes(text: string, underscoreIsSpace: boolean): Buffer {
  const source = underscoreIsSpace ? text.replace(/_/g, ' ') : text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    const hex = source.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(char));
    }
  }
  return Buffer.from(bytes);
}

/** Decodes every encoded word of a header value; whitespace between two encoded words is dropped. */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?[^?]+\?[BbQq]\?[^?]*\?=)/g, '$1')
    .replace(
      /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
      (_all, charset: string, kind: string, data: string) =>
        decodeCharset(
          kind.toUpperCase() === 'B'
            ? Buffer.from(data, 'base64')
            : decodeQuotedPrintableBytes(data, true),
          charset,
        ),
    );
}

export function encodeQuotedPrintable(text: string): string {
  const lines = text.replace(/\r?\n/g, '\n').split('\n');
  return lines
    .map((line) => {
      let encoded = '';
      const bytes = Buffer.from(line);
      bytes.forEach((byte, index) => {
        const last = index === bytes.length - 1;
        const plain =
          (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last);
        encoded += plain
          ? String.fromCharCode(byte)
          : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      });
      const wrapped: string[] = [];
      while (encoded.length > 76) {
        let cut = 75;
        // never split an =XX escape across a soft line break
        const escape = encoded.lastIndexOf('=', cut);
        if (escape > cut - 3) cut = escape;
        wrapped.push(encoded.slice(0, cut) + '=');
        encoded = encoded.slice(cut);
      }
      wrapped.push(encoded);
      return wrapped.join(CRLF);
    })
    .join(CRLF);
}

function wrapBase64(data: Buffer): string {
  return (data.toString('base64').match(/.{1,76}/g) ?? ['']).join(CRLF);
}

// ---------------------------------------------------------------------------------------------
// Addresses

export function formatAddress({ name, address }: Address): string {
  if (!name) return address;
  const display = isAscii(name)
    ? /[()<>[\]:;@\\,."]/.test(name)
      ? `"${name.replace(/(["\\])/g, '\\$1')}"`
      : name
    : encodeWords(name);
  return `${display} <${address}>`;
}

/** Splits on commas outside quotes and angle brackets, then reads `Name <addr>` or `addr`. */
export function parseAddressList(value: string): Address[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    if (!quoted && char === '<') angle = true;
    if (!quoted && char === '>') angle = false;
    if (char === ',' && !quoted && !angle) {
      pieces.push(current);
      current = '';
    } else current += char;
  }
  pieces.push(current);
  return pieces
    .map((piece) => piece.trim())
    .filter((piece) => piece.length > 0)
    .map((piece) => {
      const match = /^(.*?)\s*<([^>]*)>\s*$/.exec(piece);
      if (!match) return { name: '', address: piece.toLowerCase() };
      const name = decodeWords(match[1].trim())
        .replace(/^"(.*)"$/, '$1')
        .replace(/\\(.)/g, '$1');
      return { name, address: match[2].trim().toLowerCase() };
    });
}

// ---------------------------------------------------------------------------------------------
// Building

export interface MessageSpec {
  /** Header values are given decoded; address headers as already formatted address lists. */
  headers: Header[];
  text: string;
  html?: string;
  attachments?: Attachment[];
}

let boundaryCounter = 0;
const nextBoundary = (): string =>
  `000000000000${(++boundaryCounter).toString(16).padStart(8, '0')}`;

const ADDRESS_HEADERS = new Set(['from', 'to', 'cc', 'bcc', 'reply-to', 'sender']);

function encodeHeader({ name, value }: Header): string {
  const encoded = ADDRESS_HEADERS.has(name.toLowerCase())
    ? parseAddressList(value).map(formatAddress).join(', ')
    : encodeWords(value);
  return `${name}: ${encoded}`;
}

function textPart(mimeType: string, text: string): string {
  const ascii = isAscii(text);
  return [
    `Content-Type: ${mimeType}; charset="UTF-8"`,
    `Content-Transfer-Encoding: ${ascii ? '7bit' : 'quoted-printable'}`,
    '',
    ascii ? text.replace(/\r?\n/g, CRLF) : encodeQuotedPrintable(text),
  ].join(CRLF);
}

function multipart(subtype: string, parts: string[], extraParams = ''): string {
  const boundary = nextBoundary();
  return [
    `Content-Type: multipart/${subtype}; boundary="${boundary}"${extraParams}`,
    '',
    ...parts.map((part) => `--${boundary}${CRLF}${part}`),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}

function attachmentPart(attachment: Attachment): string {
  const name = encodeWords(attachment.filename);
  return [
    `Content-Type: ${attachment.mimeType}; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    wrapBase64(attachment.data),
  ].join(CRLF);
}

/** The MIME body (with its Content-Type headers) for a text, an optional HTML and attachments. */
export function buildBody(text: string, html?: string, attachments: Attachment[] = []): string {
  const content =
    html === undefined
      ? textPart('text/plain', text)
      : multipart('alternative', [textPart('text/plain', text), textPart('text/html', html)]);
  if (attachments.length === 0) return content;
  return multipart('mixed', [content, ...attachments.map(attachmentPart)]);
}

export function buildMessage(spec: MessageSpec): string {
  const headers = spec.headers.map(encodeHeader);
  return [...headers, 'MIME-Version: 1.0', buildBody(spec.text, spec.html, spec.attachments)].join(
    CRLF,
  );
}

/** A multipart/report delivery status notification body (RFC 3464). */
export function buildReportBody(humanText: string, statusFields: string, original: string): string {
  return multipart(
    'report',
    [
      textPart('text/plain', humanText),
      ['Content-Type: message/delivery-status', '', statusFields].join(CRLF),
      ['Content-Type: message/rfc822', '', original].join(CRLF),
    ],
    '; report-type=delivery-status',
  );
}

// ---------------------------------------------------------------------------------------------
// Parsing

export function splitHeadBody(source: string): { head: string; body: string } {
  const match = /\r?\n\r?\n/.exec(source);
  if (!match) return { head: source, body: '' };
  return { head: source.slice(0, match.index), body: source.slice(match.index + match[0].length) };
}

export function parseHeaders(head: string): Header[] {
  const headers: Header[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1].value += ' ' + line.trim();
    } else {
      const colon = line.indexOf(':');
      if (colon > 0)
        headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
    }
  }
  return headers;
}

export function headerValue(headers: Header[], name: string): string | undefined {
  return headers.find((header) => header.name.toLowerCase() === name.toLowerCase())?.value;
}

/** Reads `type/subtype; a=b; c="d"` into its type and lowercased parameter names. */
export function parseParameterised(value: string): {
  value: string;
  params: Record<string, string>;
} {
  const [first, ...rest] = value.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  const params: Record<string, string> = {};
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    params[piece.slice(0, eq).trim().toLowerCase()] = piece
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return { value: first.trim().toLowerCase(), params };
}

function decodeTransfer(body: string, encoding: string): Buffer {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable':
      return decodeQuotedPrintableBytes(body, false);
    default:
      return Buffer.from(body, 'utf8');
  }
}

function parsePart(source: string): MimePart {
  const { head, body } = splitHeadBody(source);
  const headers = parseHeaders(head);
  const contentType = parseParameterised(headerValue(headers, 'Content-Type') ?? 'text/plain');
  const disposition = parseParameterised(headerValue(headers, 'Content-Disposition') ?? '');
  const filename = decodeWords(disposition.params.filename ?? contentType.params.name ?? '');
  const part: MimePart = {
    headers,
    mimeType: contentType.value,
    params: contentType.params,
    body: Buffer.alloc(0),
    parts: [],
    filename,
  };
  const boundary = contentType.params.boundary;
  if (contentType.value.startsWith('multipart/') && boundary) {
    part.parts = multipartSections(body, boundary).map(parsePart);
  } else {
    part.body = decodeTransfer(body, headerValue(headers, 'Content-Transfer-Encoding') ?? '7bit');
  }
  return part;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The parts of a multipart body: what lies between `--boundary` lines, up to `--boundary--`. */
export function multipartSections(body: string, boundary: string): string[] {
  const sections = body.split(new RegExp(`\\r?\\n?${escapeRegExp(`--${boundary}`)}`));
  const parts: string[] = [];
  // sections[0] is the preamble; a section starting with "--" is the epilogue after the close
  for (const section of sections.slice(1)) {
    if (section.startsWith('--')) break;
    parts.push(section.replace(/^[ \t]*\r?\n/, ''));
  }
  return parts;
}

export function partText(part: MimePart): string {
  return decodeCharset(part.body, part.params.charset ?? 'utf-8');
}

export function parseMessage(raw: string): ParsedMessage {
  const root = parsePart(raw);
  const found = { text: undefined as string | undefined, html: undefined as string | undefined };
  const attachments: Attachment[] = [];
  const walk = (part: MimePart): void => {
    if (part.parts.length > 0 || part.mimeType.startsWith('multipart/')) {
      part.parts.forEach(walk);
      return;
    }
    const isAttachment =
      part.filename !== '' ||
      /^attachment/i.test(headerValue(part.headers, 'Content-Disposition') ?? '');
    if (!isAttachment && part.mimeType === 'text/plain' && found.text === undefined) {
      found.text = partText(part);
    } else if (!isAttachment && part.mimeType === 'text/html' && found.html === undefined) {
      found.html = partText(part);
    } else if (isAttachment || part !== root) {
      attachments.push({
        filename: part.filename || 'noname',
        mimeType: part.mimeType,
        data: part.body,
      });
    }
  };
  walk(root);
  return {
    headers: root.headers,
    root,
    text: found.text ?? htmlToText(found.html ?? ''),
    html: found.html ?? '',
    attachments,
  };
}

/** A rough plain rendering of HTML, as GmailMessage.getPlainBody gives for an HTML-only mail. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** Replaces (or adds, at the top) one header in a raw message, leaving the rest byte for byte. */
export function setRawHeader(raw: string, name: string, value: string | undefined): string {
  const { head, body } = splitHeadBody(raw);
  const lines = head.split(/\r?\n/);
  const kept: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (skipping && /^[ \t]/.test(line)) continue;
    skipping = line.toLowerCase().startsWith(name.toLowerCase() + ':');
    if (!skipping) kept.push(line);
  }
  const added = value === undefined ? [] : [encodeHeader({ name, value })];
  return [...added, ...kept].join(CRLF) + CRLF + CRLF + body;
}
