// Parses a raw RFC 5322 message (as the Gmail API returns it with format 'raw') into a MIME tree
// with decoded headers, text bodies and delivery-status reports. Never throws: damage becomes notes.
import { base64Decode, utf8Encode } from '../encoding';
import { binaryToBytes, decodeCharset } from './charsets';
import { getHeader, Headers, parseHeaderBlock, parseStructured } from './headers';

/** One recipient group of a message/delivery-status report (RFC 3464 section 2.3). */
export interface RecipientStatus {
  /** The failed address, lowercased, without the "rfc822;" type. */
  recipient: string;
  /** "failed", "delayed", "delivered", "relayed", "expanded" (lowercased). */
  action: string;
  /** The enhanced status code ("5.1.1"), or '' if absent. */
  status: string;
  diagnosticCode: string;
  fields: Headers;
}

export interface DeliveryStatus {
  perMessage: Headers;
  recipients: RecipientStatus[];
}

export interface MimePart {
  headers: Headers;
  /** Lowercased media type, e.g. "text/plain"; "text/plain" when absent (RFC 2045). */
  type: string;
  params: Record<string, string>;
  /** "attachment", "inline" or ''. */
  disposition: string;
  filename: string;
  children: MimePart[];
  /** The enclosed message of a message/rfc822 part (headers only for text/rfc822-headers). */
  message?: MimeMessage;
  /** Decoded text of a text/* part. */
  text?: string;
  deliveryStatus?: DeliveryStatus;
}

export interface MimeMessage {
  headers: Headers;
  root: MimePart;
  /** What was malformed and how it was read anyway. */
  notes: string[];
}

const MAX_DEPTH = 12;
const MAX_PARTS = 400;

interface ParseState {
  notes: string[];
  parts: number;
}

/** Raw input: a binary string (one char per byte), a byte array, or an already decoded string. */
export function parseMessage(raw: string | ArrayLike<number>): MimeMessage {
  const state: ParseState = { notes: [], parts: 0 };
  const binary = toBinaryString(raw);
  try {
    return parseEntity(binary.replace(/\r\n?/g, '\n'), 0, state);
  } catch (error) {
    state.notes.push(`unreadable message: ${String(error)}`);
    const root = emptyPart([]);
    return { headers: root.headers, root, notes: state.notes };
  }
}

function toBinaryString(raw: string | ArrayLike<number>): string {
  if (typeof raw !== 'string') return bytesToBinary(raw);
  // Characters above U+00FF mean the caller already decoded the text: go back to UTF-8 bytes.
  if (!/[^\x00-\xff]/.test(raw)) return raw;
  return bytesToBinary(utf8Encode(raw));
}

/** Chunked, because spreading a large array into fromCharCode overflows the stack. */
function bytesToBinary(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk: number[] = [];
    for (let k = i; k < Math.min(bytes.length, i + 8192); k++) chunk.push(bytes[k] & 0xff);
    out += String.fromCharCode(...chunk);
  }
  return out;
}

function emptyPart(headers: Headers): MimePart {
  return { headers, type: 'text/plain', params: {}, disposition: '', filename: '', children: [] };
}

function splitHeaderAndBody(entity: string): [string, string] {
  if (entity.startsWith('\n')) return ['', entity.slice(1)];
  const blank = entity.indexOf('\n\n');
  if (blank >= 0) return [entity.slice(0, blank), entity.slice(blank + 2)];
  // No blank line: a header block alone if it looks like one, else a body with no headers.
  return /^[!-9;-~]+:/.test(entity) ? [entity, ''] : ['', entity];
}

function parseEntity(entity: string, depth: number, state: ParseState): MimeMessage {
  const [headerBlock, body] = splitHeaderAndBody(entity);
  const headers = parseHeaderBlock(headerBlock, state.notes);
  const root = parsePart(headers, body, depth, state);
  return { headers, root, notes: state.notes };
}

function parsePart(headers: Headers, body: string, depth: number, state: ParseState): MimePart {
  const part = emptyPart(headers);
  state.parts++;
  const contentType = parseStructured(getHeader(headers, 'Content-Type'));
  if (/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(contentType.value))
    part.type = contentType.value;
  else if (contentType.value)
    state.notes.push(`unreadable Content-Type "${contentType.value}", read as text/plain`);
  part.params = contentType.params;
  const disposition = parseStructured(getHeader(headers, 'Content-Disposition'));
  part.disposition = disposition.value;
  part.filename = disposition.params.filename ?? contentType.params.name ?? '';
  if (depth >= MAX_DEPTH || state.parts > MAX_PARTS) {
    state.notes.push(`MIME structure too deep or too large at ${part.type}; the rest is not read`);
    part.text = '';
    return part;
  }
  try {
    fillPart(part, body, depth, state);
  } catch (error) {
    state.notes.push(`malformed ${part.type} part read as empty: ${String(error)}`);
    part.text = '';
  }
  return part;
}

function fillPart(part: MimePart, body: string, depth: number, state: ParseState): void {
  if (part.type.startsWith('multipart/')) {
    const boundary = part.params.boundary;
    if (!boundary) {
      state.notes.push(`${part.type} without a boundary, read as text`);
      part.type = 'text/plain';
      part.text = decodeText(body, part, state);
      return;
    }
    for (const child of splitMultipart(body, boundary, state)) {
      const [headerBlock, childBody] = splitHeaderAndBody(child);
      part.children.push(
        parsePart(parseHeaderBlock(headerBlock, state.notes), childBody, depth + 1, state),
      );
    }
    return;
  }
  // Attachments (images, PDFs...) are never read: decoding them would only cost time.
  if (!part.type.startsWith('text/') && !part.type.startsWith('message/')) return;
  const content = transferDecode(body, part, state);
  if (part.type === 'message/rfc822' || part.type === 'message/global') {
    part.message = parseEntity(content, depth + 1, state);
  } else if (part.type === 'text/rfc822-headers' || part.type === 'message/global-headers') {
    const headers = parseHeaderBlock(content, state.notes);
    part.message = { headers, root: emptyPart(headers), notes: state.notes };
  } else if (
    part.type === 'message/delivery-status' ||
    part.type === 'message/global-delivery-status'
  ) {
    part.deliveryStatus = parseDeliveryStatus(content, state);
  } else if (part.type.startsWith('text/')) {
    part.text = charsetDecode(content, part, state);
  }
}

/** Splits a multipart body at its boundary lines; a missing close delimiter is tolerated. */
function splitMultipart(body: string, boundary: string, state: ParseState): string[] {
  const delimiter = '--' + boundary;
  const parts: string[] = [];
  let current: string[] | undefined;
  let closed = false;
  for (const line of body.split('\n')) {
    const trimmed = line.replace(/[ \t]+$/, '');
    if (trimmed === delimiter || trimmed === delimiter + '--') {
      if (current) parts.push(current.join('\n'));
      current = trimmed === delimiter ? [] : undefined;
      if (!current) {
        closed = true;
        break;
      }
    } else if (current) current.push(line);
  }
  if (current) parts.push(current.join('\n'));
  if (!closed) state.notes.push(`multipart without its closing boundary "${boundary}"`);
  return parts;
}

function transferDecode(body: string, part: MimePart, state: ParseState): string {
  const encoding = (getHeader(part.headers, 'Content-Transfer-Encoding') ?? '')
    .trim()
    .toLowerCase();
  if (encoding === 'base64') {
    if (/[^A-Za-z0-9+/=\s_-]/.test(body))
      state.notes.push(`stray characters in a base64 ${part.type} part ignored`);
    return bytesToBinary(base64Decode(body));
  }
  if (encoding === 'quoted-printable') {
    return body
      .replace(/[ \t]+$/gm, '')
      .replace(/=\n/g, '')
      .replace(/=([0-9A-Fa-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  }
  if (encoding && !/^(7bit|8bit|binary)$/.test(encoding)) {
    state.notes.push(`unknown Content-Transfer-Encoding "${encoding}", read as 8bit`);
  }
  return body;
}

function charsetDecode(binary: string, part: MimePart, state: ParseState): string {
  const decoded = decodeCharset(binaryToBytes(binary), part.params.charset);
  if (decoded.note) state.notes.push(decoded.note);
  return decoded.text;
}

function decodeText(body: string, part: MimePart, state: ParseState): string {
  return charsetDecode(transferDecode(body, part, state), part, state);
}

function parseDeliveryStatus(content: string, state: ParseState): DeliveryStatus {
  const groups = content
    .split(/\n[ \t]*\n/)
    .map((group) => group.trim())
    .filter((group) => group.length > 0)
    .map((group) => parseHeaderBlock(group, state.notes));
  const isRecipientGroup = (fields: Headers): boolean =>
    !!(
      getHeader(fields, 'Final-Recipient') ||
      getHeader(fields, 'Action') ||
      getHeader(fields, 'Status')
    );
  const perMessage =
    groups.length > 0 && !isRecipientGroup(groups[0]) ? (groups.shift() ?? []) : [];
  const recipients = groups.filter(isRecipientGroup).map((fields) => ({
    recipient: stripAddressType(
      getHeader(fields, 'Final-Recipient') ?? getHeader(fields, 'Original-Recipient'),
    ),
    action: (getHeader(fields, 'Action') ?? '').trim().toLowerCase(),
    status: (/\d\.\d{1,3}\.\d{1,3}/.exec(getHeader(fields, 'Status') ?? '') ?? [''])[0],
    diagnosticCode: getHeader(fields, 'Diagnostic-Code') ?? '',
    fields,
  }));
  if (recipients.length === 0) state.notes.push('delivery-status report without recipient fields');
  return { perMessage, recipients };
}

function stripAddressType(value: string | undefined): string {
  if (!value) return '';
  const semicolon = value.indexOf(';');
  return (semicolon >= 0 ? value.slice(semicolon + 1) : value).replace(/[<>\s]/g, '').toLowerCase();
}

/** Every part of the tree, depth first, not descending into enclosed messages. */
export function walkParts(part: MimePart, visit: (part: MimePart) => void): void {
  visit(part);
  for (const child of part.children) walkParts(child, visit);
}

export interface MessageBodies {
  plain: string;
  html: string;
}

/**
 * The message's own text/plain and text/html bodies (not attachments, not enclosed messages).
 * Inside multipart/alternative, the plain and the HTML version are the same content.
 */
export function messageBodies(message: MimeMessage): MessageBodies {
  const plain: string[] = [];
  const html: string[] = [];
  walkParts(message.root, (part) => {
    if (part.text === undefined || part.disposition === 'attachment') return;
    if (part.type === 'text/plain') plain.push(part.text);
    else if (part.type === 'text/html') html.push(part.text);
  });
  return { plain: plain.join('\n'), html: html.join('\n') };
}

/** All delivery-status reports in the message (normally one). */
export function deliveryReports(message: MimeMessage): DeliveryStatus[] {
  const reports: DeliveryStatus[] = [];
  walkParts(message.root, (part) => {
    if (part.deliveryStatus) reports.push(part.deliveryStatus);
  });
  return reports;
}

/** Headers of the message a bounce returns (message/rfc822 or text/rfc822-headers part). */
export function enclosedMessages(message: MimeMessage): MimeMessage[] {
  const enclosed: MimeMessage[] = [];
  walkParts(message.root, (part) => {
    if (part.message) enclosed.push(part.message);
  });
  return enclosed;
}
