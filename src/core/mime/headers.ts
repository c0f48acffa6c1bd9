// RFC 5322 header fields: splitting a header block, unfolding, RFC 2047 encoded words, structured
// values (Content-Type parameters, addresses, message ids, dates). Pure; never throws.
import { base64Decode } from '../encoding';
import { binaryToBytes, decodeCharset, decodeRawHeaderText } from './charsets';

export interface HeaderField {
  /** The field name as written. */
  name: string;
  /** Unfolded, with encoded words decoded. */
  value: string;
  /** Unfolded, encoded words left as they are: structured fields are split on this. */
  raw: string;
}

/** Header fields in their original order; look them up with getHeader / getHeaders. */
export type Headers = HeaderField[];

/** Parses a header block (binary string, without the blank line that ends it). */
export function parseHeaderBlock(block: string, notes: string[] = []): Headers {
  const headers: Headers = [];
  const lines = block.split(/\r?\n/);
  for (const line of lines) {
    if (line === '') continue;
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1].value += line;
      continue;
    }
    const colon = line.indexOf(':');
    // "From " mbox separators and other junk lines are skipped, not fatal.
    if (colon <= 0 || /\s/.test(line.slice(0, colon).trim())) {
      if (!/^From /.test(line)) notes.push(`skipped a malformed header line: ${line.slice(0, 60)}`);
      continue;
    }
    headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1), raw: '' });
  }
  for (const field of headers) {
    const unfolded = field.value.replace(/\r?\n(?=[ \t])/g, '').trim();
    field.raw = decodeRawHeaderText(unfolded);
    field.value = decodeEncodedWords(field.raw);
  }
  return headers;
}

export function getHeader(headers: Headers, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const field of headers) if (field.name.toLowerCase() === wanted) return field.value;
  return undefined;
}

/** The field before encoded words are decoded (for address lists, whose names may hide commas). */
export function getRawHeader(headers: Headers, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const field of headers) if (field.name.toLowerCase() === wanted) return field.raw;
  return undefined;
}

export function getHeaders(headers: Headers, name: string): string[] {
  const wanted = name.toLowerCase();
  return headers.filter((field) => field.name.toLowerCase() === wanted).map((f) => f.value);
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

function encodedWordBytes(encoding: string, text: string): number[] {
  if (encoding.toUpperCase() === 'B') return base64Decode(text);
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.substr(i + 1, 2);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(text[i] === '_' ? 0x20 : text.charCodeAt(i) & 0xff);
  }
  return bytes;
}

/**
 * Decodes RFC 2047 encoded words. Adjacent words separated only by white space are joined, and
 * adjacent words in the same charset are decoded together, because senders split multibyte
 * characters across words.
 */
export function decodeEncodedWords(value: string): string {
  if (value.indexOf('=?') < 0) return value;
  let out = '';
  let last = 0;
  let pending: { charset: string; bytes: number[] } | undefined;
  const flush = (): void => {
    if (pending) out += decodeCharset(pending.bytes, pending.charset).text;
    pending = undefined;
  };
  ENCODED_WORD.lastIndex = 0;
  for (let match = ENCODED_WORD.exec(value); match; match = ENCODED_WORD.exec(value)) {
    const between = value.slice(last, match.index);
    const charset = match[1].split('*')[0].toLowerCase();
    if (!(pending && /^\s*$/.test(between))) {
      flush();
      out += between;
    }
    const bytes = encodedWordBytes(match[2], match[3]);
    if (pending && pending.charset === charset) pending.bytes.push(...bytes);
    else {
      flush();
      pending = { charset, bytes };
    }
    last = match.index + match[0].length;
  }
  flush();
  return out + value.slice(last);
}

export interface StructuredValue {
  /** The main value, lowercased (e.g. "multipart/mixed"). */
  value: string;
  /** Parameters by lowercased name; RFC 2231 continuations and charsets decoded. */
  params: Record<string, string>;
}

/** Parses `type/subtype; name=value; name="quoted value"` (Content-Type, Content-Disposition). */
export function parseStructured(raw: string | undefined): StructuredValue {
  const text = raw ?? '';
  const params: Record<string, string> = {};
  const continued: Record<string, Array<{ index: number; value: string; encoded: boolean }>> = {};
  const semicolon = text.indexOf(';');
  const value = (semicolon < 0 ? text : text.slice(0, semicolon)).trim().toLowerCase();
  const paramPattern = /;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (let m = paramPattern.exec(text); m; m = paramPattern.exec(text)) {
    const key = m[1].toLowerCase();
    let paramValue = m[2].trim();
    if (paramValue.startsWith('"')) paramValue = paramValue.slice(1, -1).replace(/\\(.)/g, '$1');
    const rfc2231 = /^(.+?)\*(\d+)?(\*)?$/.exec(key);
    if (rfc2231) {
      const list = (continued[rfc2231[1]] = continued[rfc2231[1]] ?? []);
      list.push({
        index: Number(rfc2231[2] ?? 0),
        value: paramValue,
        encoded: !!rfc2231[3] || !rfc2231[2],
      });
    } else params[key] = paramValue;
  }
  for (const name of Object.keys(continued)) {
    const parts = continued[name].sort((a, b) => a.index - b.index);
    let charset = 'us-ascii';
    let binary = '';
    parts.forEach((part, i) => {
      let piece = part.value;
      if (i === 0 && part.encoded) {
        const quote = /^([^']*)'[^']*'(.*)$/.exec(piece);
        if (quote) [charset, piece] = [quote[1] || charset, quote[2]];
      }
      binary += part.encoded
        ? piece.replace(/%([0-9A-Fa-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)))
        : piece;
    });
    params[name] = decodeCharset(binaryToBytes(binary), charset).text;
  }
  return { value, params };
}

export interface Address {
  name: string;
  /** Lowercased addr-spec, or '' when none was found. */
  address: string;
}

/**
 * Splits an address list (`"Doe, Jane" <jane@x.com>, bob@y.org (Bob)`) into addresses. Give it the
 * raw field (getRawHeader): a decoded encoded word may contain a comma; names are decoded here.
 */
export function parseAddressList(value: string | undefined): Address[] {
  if (!value) return [];
  const items: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && quoted) {
      current += ch + (value[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '<') angle++;
    else if (!quoted && ch === '>') angle = Math.max(0, angle - 1);
    if (ch === ',' && !quoted && angle === 0) {
      items.push(current);
      current = '';
    } else current += ch;
  }
  items.push(current);
  const out: Address[] = [];
  for (const item of items) {
    const trimmed = item.trim();
    if (!trimmed) continue;
    const angled = /<([^<>]*)>/.exec(trimmed);
    const bare = /[^\s<>"(),;:]+@[^\s<>"(),;:]+/.exec(trimmed);
    const address = (angled ? angled[1] : bare ? bare[0] : '').trim().toLowerCase();
    let name = angled ? trimmed.slice(0, angled.index) : trimmed.replace(/\(([^)]*)\)/, ' $1 ');
    if (!angled && bare) name = name.replace(bare[0], '');
    name = decodeEncodedWords(name.replace(/^[\s"]+|[\s"]+$/g, '').replace(/\\(.)/g, '$1'));
    out.push({ name, address });
  }
  return out;
}

/** Message ids (`<id@host>`) in order of appearance, without the angle brackets. */
export function parseMessageIds(value: string | undefined): string[] {
  if (!value) return [];
  const ids = value.match(/<[^<>\s]+>/g);
  return ids ? ids.map((id) => id.slice(1, -1)) : [];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONES: Record<string, number> = {
  ut: 0,
  gmt: 0,
  z: 0,
  est: -5,
  edt: -4,
  cst: -6,
  cdt: -5,
  mst: -7,
  mdt: -6,
  pst: -8,
  pdt: -7,
};

/** Parses an RFC 5322 date (`Tue, 5 Jan 2027 09:30:00 +0100`) to epoch milliseconds. */
export function parseRfc5322Date(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m =
    /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,3})?/.exec(
      value,
    );
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2].toLowerCase());
  if (month < 0) return undefined;
  let year = Number(m[3]);
  if (year < 50) year += 2000;
  else if (year < 1000) year += 1900;
  let offsetMinutes = 0;
  const zone = m[7] ?? '';
  if (/^[+-]\d{4}$/.test(zone)) {
    const sign = zone[0] === '-' ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  } else offsetMinutes = (ZONES[zone.toLowerCase()] ?? 0) * 60;
  const utc = Date.UTC(year, month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return utc - offsetMinutes * 60000;
}
