// CacheService: script, user and document caches (the document cache is null outside a document),
// with Apps Script's limits: 250-character keys, 100 KB values, expiry 10 minutes by default and
// 6 hours at most.
import type { Execution } from '../runtime';
import { guarded, type Members } from './guard';
import { ScopedStores, scopedGetters } from './scopes';

const KEY_LIMIT = 250;
const VALUE_LIMIT_BYTES = 100 * 1024;
const DEFAULT_TTL_S = 600;
const MAX_TTL_S = 21_600;

interface Entry {
  value: string;
  expiresAt: number;
}

/** Every cache of the world, keyed by project and scope. */
export class CacheStores extends ScopedStores<Entry> {}

const SERVICE = 'CacheService';

class FakeCache implements GoogleAppsScript.Cache.Cache {
  constructor(
    private readonly exec: Execution,
    private readonly entries: Map<string, Entry>,
  ) {}

  private checkKey(key: string): string {
    const text = String(key);
    if (text.length > KEY_LIMIT) throw this.exec.error('Argument too large: key');
    return text;
  }

  private read(key: string): string | null {
    const text = this.checkKey(key);
    const entry = this.entries.get(text);
    if (!entry) return null;
    if (entry.expiresAt <= this.exec.now()) {
      this.entries.delete(text);
      return null;
    }
    return entry.value;
  }

  private write(key: string, value: string, ttlSeconds?: number): void {
    const text = String(value);
    if (Buffer.byteLength(text, 'utf8') > VALUE_LIMIT_BYTES)
      throw this.exec.error('Argument too large: value');
    const ttl = Math.min(ttlSeconds ?? DEFAULT_TTL_S, MAX_TTL_S);
    this.entries.set(this.checkKey(key), { value: text, expiresAt: this.exec.now() + ttl * 1000 });
  }

  get(key: string): string | null {
    return this.exec.invoke(SERVICE, 'get', () => this.read(key));
  }

  getAll(keys: string[]): Record<string, string> {
    return this.exec.invoke(SERVICE, 'getAll', () => {
      const found: Record<string, string> = {};
      for (const key of keys) {
        const value = this.read(key);
        if (value !== null) found[key] = value;
      }
      return this.exec.toRealm(found);
    });
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    this.exec.invoke(SERVICE, 'put', () => this.write(key, value, expirationInSeconds));
  }

  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    this.exec.invoke(SERVICE, 'putAll', () => {
      for (const [key, value] of Object.entries(values))
        this.write(key, value, expirationInSeconds);
    });
  }

  remove(key: string): void {
    this.exec.invoke(SERVICE, 'remove', () => void this.entries.delete(this.checkKey(key)));
  }

  removeAll(keys: string[]): void {
    this.exec.invoke(SERVICE, 'removeAll', () => {
      for (const key of keys) this.entries.delete(this.checkKey(key));
    });
  }
}

/** The CacheService global of one execution. */
export function cacheService(exec: Execution): Record<string, unknown> {
  const open = scopedGetters(exec, (key) =>
    guarded(exec, 'Cache', new FakeCache(exec, exec.world.caches.store(key))),
  );
  return {
    CacheService: guarded(exec, 'CacheService', {
      getScriptCache: open.script,
      getUserCache: open.user,
      getDocumentCache: open.document,
    } satisfies Members<GoogleAppsScript.Cache.CacheService>),
  };
}
