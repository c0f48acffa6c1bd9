// Composes outgoing RFC 5322 messages: UTF-8 everywhere (RFC 2047 encoded words in headers,
// base64 bodies), folded lines, and no way for a merged value to add a header or a recipient.
import { base64Encode, utf8Encode } from '../encoding';
import { BatonError } from '../errors';
import { EMPTY_SUBJECT_REASON } from '../merge';
import { flattenForHeader } from '../template';

export interface Mailbox {
  email: string;
  name?: string;
}

export interface MessageParts {
  from: Mailbox;
  to: Mailbox;
  subject: string;
  /** Plain-text body ('' for HTML only). */
  text: string;
  /** HTML body ('' for plain text only). */
  html: string;
  /** Message-ID of the message answered (follow-ups). */
  inReplyTo?: string;
  /** Message-IDs of the thread so far, oldest first. */
  references?: string[];
  /** Extra headers such as X-Baton-Key; names must be `X-` tokens. */
  extraHeaders?: Record<string, string>;
  /** Boundary of the multipart body; any token that cannot occur in base64. */
  boundary?: string;
}

const CRLF = '\r\n';
const ADDRESS = /^[^\s<>()[\]",;:\\@]+@[^\s<>()[\]",;:\\@]+$/;
const MESSAGE_ID = /^<[^\s<>]+>$/;
const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
/** Characters of a display name that RFC 5322 only allows inside a quoted string. */
const SPECIALS = /[()<>[\]:;@\\,."]/;

function checkAddress(mailbox: Mailbox, field: string): string {
  const email = mailbox.email.trim();
  if (!ADDRESS.test(email))
    throw new BatonError('BAD_ADDRESS', `The ${field} address "${email}" is not valid.`, field);
  return email;
}

/** RFC 2047 B-encoded words of at most 39 bytes (64 characters) each (never splitting a character). */
export function encodeWords(text: string): string[] {
  const words: string[] = [];
  let bytes: number[] = [];
  for (const ch of Array.from(text)) {
    const encoded = utf8Encode(ch);
    if (bytes.length + encoded.length > 39) {
      words.push(`=?UTF-8?B?${base64Encode(bytes)}?=`);
      bytes = [];
    }
    bytes.push(...encoded);
  }
  if (bytes.length > 0 || words.length === 0) words.push(`=?UTF-8?B?${base64Encode(bytes)}?=`);
  return words;
}

/** The longest word a folded header line holds after its leading space (RFC 5322: 78 a line). */
const LONGEST_WORD = 76;

/**
 * A header value as unstructured text: ASCII kept (folded at spaces), anything else encoded.
 * `text` that people wrote (a subject) is encoded too when a word is too long to fold: a
 * 5,000-character subject with no space would otherwise be one line, over RFC 5322's 998, and
 * encoded words can be cut anywhere. Baton's own tokens (X- headers) are kept as they are.
 */
function unstructured(text: string, kind: 'text' | 'token' = 'text'): string[] {
  const flat = flattenForHeader(text).trim();
  const words = flat.split(/(?<= )/);
  const foldable = kind === 'token' || words.every((w) => w.trim().length <= LONGEST_WORD);
  if (ASCII_PRINTABLE.test(flat) && !/=\?/.test(flat) && foldable) return words;
  return encodeWords(flat);
}

function displayName(name: string): string[] {
  const flat = flattenForHeader(name).trim();
  if (flat === '') return [];
  if (!ASCII_PRINTABLE.test(flat) || /=\?/.test(flat) || flat.length > LONGEST_WORD - 2)
    return encodeWords(flat);
  if (!SPECIALS.test(flat)) return [flat];
  return [`"${flat.replace(/(["\\])/g, '\\$1')}"`];
}

function addressHeader(mailbox: Mailbox, field: string): string[] {
  const email = checkAddress(mailbox, field);
  const name = displayName(mailbox.name ?? '');
  return name.length === 0 ? [email] : [...name, `<${email}>`];
}

/** Joins tokens into `Name: value`, folding before a token when a line would pass 76 characters. */
function header(name: string, tokens: string[]): string {
  let line = `${name}:`;
  const lines: string[] = [];
  for (const raw of tokens) {
    const token = raw.trim();
    if (token === '') continue;
    if (line.length + 1 + token.length > 76 && line.trim() !== `${name}:`) {
      lines.push(line);
      line = ` ${token}`;
    } else line += ` ${token}`;
  }
  lines.push(line);
  return lines.join(CRLF);
}

function base64Lines(text: string): string {
  const encoded = base64Encode(utf8Encode(text));
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join(CRLF);
}

function part(type: string, body: string): string {
  return [
    `Content-Type: ${type}; charset=UTF-8`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(body),
  ].join(CRLF);
}

function checkMessageId(id: string): string {
  if (!MESSAGE_ID.test(id))
    throw new BatonError('BAD_MESSAGE_ID', `"${id}" is not a Message-ID.`, 'references');
  return id;
}

/** The whole message as 7-bit text with CRLF line ends, ready to be base64url-encoded for Gmail. */
export function composeMessage(parts: MessageParts): string {
  if (parts.text === '' && parts.html === '')
    throw new BatonError('EMPTY_BODY', 'A message needs a text or an HTML body.', 'body');
  if (flattenForHeader(parts.subject).trim() === '')
    throw new BatonError('EMPTY_SUBJECT', EMPTY_SUBJECT_REASON, 'subject');
  const lines = [
    header('From', addressHeader(parts.from, 'From')),
    header('To', addressHeader(parts.to, 'To')),
    header('Subject', unstructured(parts.subject)),
    'MIME-Version: 1.0',
  ];
  if (parts.inReplyTo) lines.push(header('In-Reply-To', [checkMessageId(parts.inReplyTo)]));
  if (parts.references && parts.references.length > 0)
    lines.push(header('References', parts.references.map(checkMessageId)));
  for (const [name, value] of Object.entries(parts.extraHeaders ?? {})) {
    if (!/^X-[A-Za-z0-9-]+$/.test(name))
      throw new BatonError('BAD_HEADER', `"${name}" is not an extension header name.`, 'headers');
    lines.push(header(name, unstructured(value, 'token')));
  }
  if (parts.text !== '' && parts.html !== '') {
    const boundary = parts.boundary ?? '=_baton_alternative';
    lines.push(`Content-Type: multipart/alternative; boundary="${boundary}"`, '');
    lines.push(`--${boundary}`, part('text/plain', parts.text));
    lines.push(`--${boundary}`, part('text/html', parts.html));
    lines.push(`--${boundary}--`, '');
  } else {
    lines.push(part(parts.text !== '' ? 'text/plain' : 'text/html', parts.text || parts.html));
  }
  return lines.join(CRLF);
}
