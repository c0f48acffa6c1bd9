// Loads and saves the reply scan's record (core/replies/state.ts) through the KeyValueStore port,
// writing only when it changed.
import {
  decodeReplyState,
  encodeReplyState,
  staleKeys,
  type ReplyState,
} from '../../core/replies/state';
import type { KeyValueStore } from '../../ports';

export class ReplyStateSession {
  readonly state: ReplyState;
  private stored: Record<string, string>;

  constructor(private readonly kv: KeyValueStore) {
    const all = kv.readAll();
    this.state = decodeReplyState(all);
    this.stored = encodeReplyState(this.state);
    for (const key of staleKeys(all, this.stored)) this.stored[key] = all[key];
  }

  save(): void {
    const next = encodeReplyState(this.state);
    const write: Record<string, string> = {};
    for (const key of Object.keys(next)) if (this.stored[key] !== next[key]) write[key] = next[key];
    const remove = staleKeys(this.stored, next);
    if (Object.keys(write).length === 0 && remove.length === 0) return;
    this.kv.write(write, remove);
    this.stored = next;
  }
}
