// Apps Script scopes properties, caches and locks alike: the project's own, each user's, and the
// open document's (none outside a document). One key per scope, so the three services agree.
import type { Execution } from '../runtime';

export type Scope = 'script' | 'user' | 'document';

/** The key of one scope's store or lock: `owner` is the user's email or the document id. */
export function scopeKey(projectId: string, scope: Scope, owner = ''): string {
  return `${scope}\u0000${projectId}\u0000${owner}`;
}

/** Every store of one service in the world, by scope key, each made on first use. */
export class ScopedStores<V> {
  private readonly stores = new Map<string, Map<string, V>>();

  store(key: string): Map<string, V> {
    let store = this.stores.get(key);
    if (!store) this.stores.set(key, (store = new Map()));
    return store;
  }
}

/** The getScript…/getUser…/getDocument… getters of a scoped service, opening `open(key)`. */
export function scopedGetters<T>(exec: Execution, open: (key: string) => T) {
  const key = (scope: Scope, owner?: string) => scopeKey(exec.project.id, scope, owner);
  return {
    script: () => open(key('script')),
    user: () => open(key('user', exec.user.email)),
    document: () => (exec.documentId === undefined ? null : open(key('document', exec.documentId))),
  };
}
