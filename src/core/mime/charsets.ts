// Decodes the bytes of a MIME body or encoded word in the charset it declares, in plain JavaScript
// (Apps Script has no TextDecoder). Unknown charsets fall back to UTF-8 or windows-1252 with a note.
import { utf8Decode } from '../encoding';
import { JIS0208 } from './jis0208';

export interface DecodedText {
  text: string;
  /** Set when the charset was not understood and a fallback was used. */
  note?: string;
}

// windows-1252 differs from ISO-8859-1 only in 0x80–0x9F; 0 marks the five unassigned bytes.
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
  0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161,
  0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function cp1252Decode(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] & 0xff;
    const high = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : b;
    out += String.fromCharCode(high || b);
  }
  return out;
}

// ISO-8859-15 replaces eight Latin-1 code points (the euro sign among them).
const LATIN9: Record<number, number> = {
  0xa4: 0x20ac,
  0xa6: 0x0160,
  0xa8: 0x0161,
  0xb4: 0x017d,
  0xb8: 0x017e,
  0xbc: 0x0152,
  0xbd: 0x0153,
  0xbe: 0x0178,
};

function latin9Decode(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] & 0xff;
    out += String.fromCharCode(LATIN9[b] ?? b);
  }
  return out;
}

function jisPointer(pointer: number): string {
  return pointer >= 0 && pointer < JIS0208.length ? JIS0208[pointer] : '\ufffd';
}

function shiftJisDecode(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] & 0xff;
    if (b <= 0x80) out += String.fromCharCode(b);
    else if (b >= 0xa1 && b <= 0xdf) out += String.fromCharCode(0xff61 + b - 0xa1);
    else if ((b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc)) {
      const trail = bytes[i + 1] === undefined ? -1 : bytes[i + 1] & 0xff;
      if (trail < 0x40 || trail > 0xfc || trail === 0x7f) {
        out += '\ufffd';
        continue;
      }
      const lead = b < 0xa0 ? b - 0x81 : b - 0xc1;
      out += jisPointer(lead * 188 + trail - (trail < 0x7f ? 0x40 : 0x41));
      i++;
    } else out += '\ufffd';
  }
  return out;
}

function eucJpDecode(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] & 0xff;
    const next = bytes[i + 1] === undefined ? -1 : bytes[i + 1] & 0xff;
    if (b < 0x80) out += String.fromCharCode(b);
    else if (b === 0x8e && next >= 0xa1 && next <= 0xdf) {
      out += String.fromCharCode(0xff61 + next - 0xa1);
      i++;
    } else if (b >= 0xa1 && b <= 0xfe && next >= 0xa1 && next <= 0xfe) {
      out += jisPointer((b - 0xa1) * 94 + next - 0xa1);
      i++;
    } else out += '\ufffd';
  }
  return out;
}

const ISO2022_MODES: Record<string, 'ascii' | 'roman' | 'kana' | 'jis'> = {
  '(B': 'ascii',
  '(J': 'roman',
  '(I': 'kana',
  $B: 'jis',
  '$@': 'jis',
};

/** ISO-2022-JP (RFC 1468): escape sequences switch between ASCII, JIS X 0201 and JIS X 0208. */
function iso2022JpDecode(bytes: ArrayLike<number>): string {
  let out = '';
  let mode = ISO2022_MODES['(B'];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] & 0xff;
    if (b === 0x1b) {
      const seq = String.fromCharCode(bytes[i + 1] & 0xff, bytes[i + 2] & 0xff);
      const next = ISO2022_MODES[seq];
      if (next) {
        mode = next;
        i += 2;
        continue;
      }
      out += '\ufffd';
    } else if (b === 0x0a || b === 0x0d) {
      out += String.fromCharCode(b);
      mode = 'ascii';
    } else if (mode === 'jis' && b >= 0x21 && b <= 0x7e) {
      const trail = bytes[i + 1] === undefined ? -1 : bytes[i + 1] & 0xff;
      out += trail >= 0x21 && trail <= 0x7e ? jisPointer((b - 0x21) * 94 + trail - 0x21) : '\ufffd';
      i++;
    } else if (mode === 'kana' && b >= 0x21 && b <= 0x5f)
      out += String.fromCharCode(0xff61 + b - 0x21);
    else out += b < 0x80 ? String.fromCharCode(b) : '\ufffd';
  }
  return out;
}

function isValidUtf8(bytes: ArrayLike<number>): boolean {
  return utf8Decode(bytes).indexOf('\ufffd') < 0;
}

function sniffDecode(bytes: ArrayLike<number>): string {
  return isValidUtf8(bytes) ? utf8Decode(bytes) : cp1252Decode(bytes);
}

const DECODERS: Array<[RegExp, (bytes: ArrayLike<number>) => string]> = [
  [/^(utf-?8|utf8mb4)$/, utf8Decode],
  // 8-bit bytes under a US-ASCII label are common in the wild: sniff UTF-8, else windows-1252.
  [/^(us-?ascii|ascii|ansi_x3\.4-1968)$/, sniffDecode],
  [/^(iso[-_]?8859-1|latin-?1|l1|iso_8859-1(:1987)?)$/, cp1252Decode],
  [/^(windows-1252|cp-?1252|x-cp1252)$/, cp1252Decode],
  [/^(iso[-_]?8859-15|latin-?9)$/, latin9Decode],
  [/^(shift[-_]?jis|sjis|x-sjis|ms_kanji|cp932|windows-31j|csshiftjis)$/, shiftJisDecode],
  [/^(euc-jp|x-euc-jp|cseucpkdfmtjapanese)$/, eucJpDecode],
  [/^(iso-2022-jp(-\d)?|csiso2022jp)$/, iso2022JpDecode],
];

/**
 * Decodes bytes in `charset`. ISO-8859-1 is read as windows-1252, as browsers and mail clients do
 * (mislabelled cp1252 mail is common). Unknown charsets: UTF-8 if the bytes are valid UTF-8,
 * else windows-1252, and a note says so.
 */
export function decodeCharset(bytes: ArrayLike<number>, charset: string | undefined): DecodedText {
  const name = (charset || 'us-ascii').trim().toLowerCase().replace(/^"|"$/g, '');
  // Mail labelled UTF-8 that is not (old clients, or text decoded once already) reads as windows-1252.
  if (/^(utf-?8|utf8mb4)$/.test(name) && !isValidUtf8(bytes)) {
    return {
      text: cp1252Decode(bytes),
      note: 'bytes labelled UTF-8 are not UTF-8, decoded as windows-1252',
    };
  }
  for (const [pattern, decode] of DECODERS) if (pattern.test(name)) return { text: decode(bytes) };
  const utf8 = isValidUtf8(bytes);
  return {
    text: sniffDecode(bytes),
    note: `unsupported charset "${name}", decoded as ${utf8 ? 'UTF-8' : 'windows-1252'}`,
  };
}

/** Bytes of a binary string (one char per byte) — the form raw MIME is handled in. */
export function binaryToBytes(binary: string): number[] {
  const bytes = new Array<number>(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i) & 0xff;
  return bytes;
}

/** Header bytes may be raw UTF-8 (RFC 6532); otherwise they are read as windows-1252. */
export function decodeRawHeaderText(binary: string): string {
  if (!/[\x80-\xff]/.test(binary)) return binary;
  return sniffDecode(binaryToBytes(binary));
}
