// Utilities: base64 (standard and web-safe), blobs, digests and HMAC signatures (as Apps Script's
// signed Java bytes), seeded UUIDs, formatDate with Java SimpleDateFormat patterns in any time
// zone, formatString and parseCsv (emulator/services/text-formats.ts), and sleep, which advances
// the execution's simulated clock.
import { createHash, createHmac } from 'node:crypto';
import type { ExecutionContext } from '../kernel';
import type { Execution } from '../runtime';
import { guarded, type Assert, type Members, type RealMembersOnly } from './guard';
import { formatString, parseCsv } from './text-formats';
import { javaZone, shortZoneName, type JavaZone } from './time-zones';

/** Apps Script's Utilities.sleep accepts at most five minutes. */
const MAX_SLEEP_MS = 300_000;

const CHARSETS: Record<string, BufferEncoding> = { US_ASCII: 'latin1', UTF_8: 'utf8' };
const DIGESTS: Record<string, string> = {
  MD2: 'md2',
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};
const MACS: Record<string, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

const enumOf = (names: string[]) => Object.fromEntries(names.map((name) => [name, name]));

/** Text or Apps Script bytes (signed or not) as a Buffer. */
export function toBuffer(data: unknown, charset?: string): Buffer {
  if (typeof data === 'string') return Buffer.from(data, CHARSETS[charset ?? 'UTF_8'] ?? 'utf8');
  if (Array.isArray(data)) return Buffer.from(data.map((byte: number) => byte & 0xff));
  if (data instanceof Uint8Array) return Buffer.from(data);
  return Buffer.from(String(data), 'utf8');
}

/** Bytes as Apps Script returns them: an array of signed numbers in the script's realm. */
export function signedBytes(
  ctx: ExecutionContext & { toRealm<T>(v: T): T },
  buffer: Buffer,
): number[] {
  return ctx.toRealm([...buffer].map((byte) => (byte << 24) >> 24));
}

/** A Blob: bytes with a content type and a name. Shared with the mail emulation (attachments). */
export class FakeBlob {
  constructor(
    private readonly exec: Execution,
    private data: Buffer,
    private contentType: string | null = null,
    private name: string | null = null,
  ) {}

  getBytes(): number[] {
    return signedBytes(this.exec, this.data);
  }
  getDataAsString(charset?: string): string {
    return this.data.toString(CHARSETS[charset ?? 'UTF_8'] ?? 'utf8');
  }
  setDataFromString(text: string, charset?: string): FakeBlob {
    this.data = toBuffer(text, charset);
    return this;
  }
  setBytes(bytes: number[]): FakeBlob {
    this.data = toBuffer(bytes);
    return this;
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(contentType: string): FakeBlob {
    this.contentType = contentType;
    return this;
  }
  getName(): string | null {
    return this.name;
  }
  setName(name: string): FakeBlob {
    this.name = name;
    return this;
  }
  isGoogleType(): boolean {
    return false;
  }
  copyBlob(): FakeBlob {
    return guarded(
      this.exec,
      'Blob',
      new FakeBlob(this.exec, Buffer.from(this.data), this.contentType, this.name),
    );
  }
  getAs(contentType: string): FakeBlob {
    if (contentType !== this.contentType)
      throw this.exec.error(
        `Converting from ${this.contentType} to ${contentType} is not supported.`,
      );
    return this.copyBlob();
  }
}

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function partsIn(timeZone: string, epochMs: number): DateParts {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
  });
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: DAYS.findIndex((day) => day.startsWith(parts.weekday)),
  };
}

/** Minutes east of UTC of a zone at that instant. */
function zoneOffset(zone: JavaZone, epochMs: number): number {
  if (zone.kind === 'fixed') return zone.offsetMinutes;
  const p = partsIn(zone.id, epochMs);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wall - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/** Minutes east of UTC of `timeZone` (a Java zone id) at that instant. */
export function offsetMinutes(timeZone: string, epochMs: number): number {
  return zoneOffset(javaZone(timeZone), epochMs);
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

function formatOffset(minutes: number, withColon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${withColon ? ':' : ''}${pad(abs % 60, 2)}`;
}

/** Formats like Java's SimpleDateFormat, which Utilities.formatDate uses. */
export function formatDate(epochMs: number, timeZone: string, pattern: string): string {
  // An unknown zone id is GMT, as Java's TimeZone makes it; GMT+9 and the like are fixed offsets.
  const zone = javaZone(timeZone);
  const offset = zoneOffset(zone, epochMs);
  const p =
    zone.kind === 'intl' ? partsIn(zone.id, epochMs) : partsIn('UTC', epochMs + offset * 60_000);
  const field = (letter: string, count: number): string => {
    switch (letter) {
      case 'y':
        return count === 2 ? pad(p.year % 100, 2) : pad(p.year, count);
      case 'M':
        if (count >= 4) return MONTHS[p.month - 1];
        if (count === 3) return MONTHS[p.month - 1].slice(0, 3);
        return pad(p.month, count);
      case 'd':
        return pad(p.day, count);
      case 'H':
        return pad(p.hour, count);
      case 'k':
        return pad(p.hour === 0 ? 24 : p.hour, count);
      case 'h':
        return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, count);
      case 'K':
        return pad(p.hour % 12, count);
      case 'm':
        return pad(p.minute, count);
      case 's':
        return pad(p.second, count);
      case 'S':
        return pad(((epochMs % 1000) + 1000) % 1000, 3).slice(0, Math.max(count, 3));
      case 'E':
        return count >= 4 ? DAYS[p.weekday] : DAYS[p.weekday].slice(0, 3);
      case 'u':
        return String(p.weekday === 0 ? 7 : p.weekday);
      case 'a':
        return p.hour < 12 ? 'AM' : 'PM';
      case 'z':
        return shortZoneName(zone, offset, (at) => zoneOffset(zone, at), epochMs);
      case 'Z':
        return formatOffset(offset, false);
      case 'X':
        if (offset === 0) return 'Z';
        return count === 1
          ? formatOffset(offset, false).slice(0, 3)
          : formatOffset(offset, count >= 3);
      default:
        throw new Error(`Illegal pattern character '${letter}'`);
    }
  };
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const char = pattern[i];
    if (char === "'" && pattern[i + 1] === "'") {
      out += "'";
      i += 2;
    } else if (char === "'") {
      // quoted text runs to the next lone quote; '' inside it is a literal quote
      i += 1;
      while (i < pattern.length && !(pattern[i] === "'" && pattern[i + 1] !== "'")) {
        out += pattern[i];
        i += pattern[i] === "'" ? 2 : 1;
      }
      i += 1;
    } else if (/[A-Za-z]/.test(char)) {
      let count = 1;
      while (pattern[i + count] === char) count += 1;
      out += field(char, count);
      i += count;
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
}

/** The Utilities global of one execution. */
export function utilitiesService(exec: Execution): Record<string, unknown> {
  const call = <T>(method: string, body: () => T) => exec.invoke('Utilities', method, body);
  const decode = (encoded: string, webSafe: boolean) => {
    const text = String(encoded).trim();
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) throw exec.error('Could not decode string.');
    return signedBytes(exec, Buffer.from(text, webSafe ? 'base64url' : 'base64'));
  };
  /** A pure helper's Error rethrown as an error of the script's realm. */
  const scriptErrors = <T>(body: () => T): T => {
    try {
      return body();
    } catch (error) {
      throw exec.error((error as Error).message);
    }
  };
  const utilities = {
    Charset: enumOf(Object.keys(CHARSETS)),
    DigestAlgorithm: enumOf(Object.keys(DIGESTS)),
    MacAlgorithm: enumOf(Object.keys(MACS)),
    base64Encode: (data: unknown, charset?: string) =>
      call('base64Encode', () => toBuffer(data, charset).toString('base64')),
    base64EncodeWebSafe: (data: unknown, charset?: string) =>
      call('base64EncodeWebSafe', () =>
        toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
      ),
    base64Decode: (encoded: string) => call('base64Decode', () => decode(encoded, false)),
    base64DecodeWebSafe: (encoded: string) =>
      call('base64DecodeWebSafe', () => decode(encoded, true)),
    newBlob: (data?: unknown, contentType?: string, name?: string) =>
      call('newBlob', () =>
        guarded(exec, 'Blob', new FakeBlob(exec, toBuffer(data ?? ''), contentType, name)),
      ),
    computeDigest: (algorithm: string, value: unknown, charset?: string) =>
      call('computeDigest', () => {
        const name = DIGESTS[algorithm];
        if (!name) throw exec.error(`Invalid argument: algorithm`);
        return signedBytes(exec, createHash(name).update(toBuffer(value, charset)).digest());
      }),
    computeHmacSignature: (algorithm: string, value: unknown, key: unknown, charset?: string) =>
      call('computeHmacSignature', () => {
        const name = MACS[algorithm];
        if (!name) throw exec.error(`Invalid argument: algorithm`);
        return signedBytes(
          exec,
          createHmac(name, toBuffer(key, charset)).update(toBuffer(value, charset)).digest(),
        );
      }),
    computeHmacSha256Signature: (value: unknown, key: unknown, charset?: string) =>
      utilities.computeHmacSignature('HMAC_SHA_256', value, key, charset),
    getUuid: () =>
      call('getUuid', () => {
        const bytes = Buffer.from(
          Array.from({ length: 16 }, () => Math.floor(exec.random() * 256)),
        );
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        const hex = bytes.toString('hex');
        return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      }),
    formatDate: (date: Date, timeZone: string, format: string) =>
      call('formatDate', () => {
        if (!date || typeof (date as Date).getTime !== 'function')
          throw exec.error('Invalid argument: date');
        return scriptErrors(() => formatDate(date.getTime(), String(timeZone), String(format)));
      }),
    formatString: (template: string, ...args: unknown[]) =>
      call('formatString', () => scriptErrors(() => formatString(String(template), args))),
    parseCsv: (csv: string, delimiter?: string) =>
      call('parseCsv', () =>
        exec.toRealm(scriptErrors(() => parseCsv(String(csv), delimiter ?? ','))),
      ),
    sleep: (milliseconds: number) =>
      call('sleep', () =>
        exec.spend(Math.min(Math.max(0, Number(milliseconds) || 0), MAX_SLEEP_MS)),
      ),
  } satisfies Members<GoogleAppsScript.Utilities.Utilities>;
  return { Utilities: guarded(exec, 'Utilities', utilities) };
}

/** Compile-time check: every public member of the fake Blob exists in real Apps Script. */
export type BlobFidelity = Assert<RealMembersOnly<FakeBlob, GoogleAppsScript.Base.Blob>>;
