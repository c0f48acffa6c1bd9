// Loads and saves the running user's store (src/core/store.ts) through the KeyValueStore port:
// one read per execution, and each save writes only the keys that changed.
import { BatonError } from '../core/errors';
import {
  decodeStore,
  encodeStore,
  PREFIX,
  STORE_LIMIT_BYTES,
  storeBytes,
  storeChanges,
  type SenderStore,
} from '../core/store';
import type { KeyValueStore } from '../ports';

/** A store read once, saved as often as the protocol needs, diffed against what is stored. */
export class StoreSession {
  readonly data: SenderStore;
  private stored: Record<string, string>;
  private otherBytes = 0;

  constructor(private readonly kv: KeyValueStore) {
    const all = kv.readAll();
    this.stored = {};
    for (const key of Object.keys(all)) {
      if (key.startsWith(PREFIX)) this.stored[key] = all[key];
    }
    this.otherBytes = storeBytes(all) - storeBytes(this.stored);
    this.data = decodeStore(this.stored);
  }

  /** Bytes the whole user-properties store takes once the current data is saved. */
  bytes(): number {
    return this.otherBytes + storeBytes(encodeStore(this.data));
  }

  /** Writes what changed in one call; refuses (and loses nothing stored) past the 500 KB limit. */
  save(): void {
    const after = encodeStore(this.data);
    const { write, remove } = storeChanges(this.stored, after);
    if (Object.keys(write).length === 0 && remove.length === 0) return;
    if (this.otherBytes + storeBytes(after) > STORE_LIMIT_BYTES)
      throw new BatonError(
        'STORE_FULL',
        "Baton's storage in your account is full: end finished campaigns, then try again.",
      );
    this.kv.write(write, remove);
    this.stored = after;
  }
}

/**
 * The user's store read once for a whole execution: later reads see the first read plus this
 * execution's own writes (one getProperties instead of one per stage of a tick).
 */
export class ReadOnceStore implements KeyValueStore {
  private snapshot: Record<string, string> | undefined;

  constructor(private readonly kv: KeyValueStore) {}

  readAll(): Record<string, string> {
    this.snapshot = this.snapshot ?? this.kv.readAll();
    return { ...this.snapshot };
  }

  write(entries: Record<string, string>, remove: string[] = []): void {
    this.kv.write(entries, remove);
    if (!this.snapshot) return;
    Object.assign(this.snapshot, entries);
    for (const key of remove) delete this.snapshot[key];
  }
}
