// What GmailApp, MailApp and the Gmail advanced service share: finding the running user's
// mailbox, Apps Script-shaped errors, and the "not implemented" refusal for unbuilt methods.
import type { ExecutionContext } from '../kernel';
import { type Mailbox, MailSystem } from './mail-system';

export function mailSystemOf(ctx: ExecutionContext): MailSystem {
  return ctx.kernel.state('mail', () => new MailSystem(ctx.kernel));
}

export function mailboxOf(ctx: ExecutionContext): Mailbox {
  return mailSystemOf(ctx).mailbox(ctx.user.email);
}

/** Methods the emulator has not built fail loudly rather than return undefined. */
export function notImplemented(ctx: ExecutionContext, name: string): never {
  throw ctx.error(`Not implemented in the emulator: ${name}`);
}

/** Java-style signed bytes, as Apps Script hands byte arrays (Byte[]) to scripts. */
export function signedBytes(data: Buffer): number[] {
  return [...data].map((byte) => (byte > 127 ? byte - 256 : byte));
}

/** Accepts a string, a byte array (signed or not) or a Blob-like object with getBytes(). */
export function toBuffer(data: unknown): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (Array.isArray(data)) return Buffer.from(data.map((n: number) => n & 0xff));
  if (data && typeof (data as { getBytes?: unknown }).getBytes === 'function') {
    return toBuffer((data as { getBytes(): number[] }).getBytes());
  }
  throw new Error('Expected a string, a byte array or a Blob.');
}

/** The script realm's constructors, when the execution offers them (the world's runtime does). */
interface RealmHost {
  realm?: { Date: DateConstructor; Array: ArrayConstructor; JSON: JSON };
}

function realmOf(ctx: ExecutionContext): RealmHost['realm'] {
  try {
    return (ctx as unknown as RealmHost).realm;
  } catch {
    return undefined; // no script context yet (a direct call from a test)
  }
}

/** A Date the script can use like its own (`instanceof Date` holds in its realm). */
export function scriptDate(ctx: ExecutionContext, ms: number): Date {
  const realm = realmOf(ctx);
  return realm ? new realm.Date(ms) : new Date(ms);
}

/** An array of the script's realm, so `instanceof Array` holds there as in Apps Script. */
export function scriptArray<T>(ctx: ExecutionContext, items: T[]): T[] {
  const realm = realmOf(ctx);
  return realm ? (realm.Array.from(items) as T[]) : items;
}

/** JSON-safe API responses rebuilt as objects and arrays of the script's realm. */
export function scriptData<T>(ctx: ExecutionContext, value: T): T {
  const realm = realmOf(ctx);
  return realm && value !== undefined ? (realm.JSON.parse(JSON.stringify(value)) as T) : value;
}
