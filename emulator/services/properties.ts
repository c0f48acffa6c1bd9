// PropertiesService: the script store (shared by every user of the project), each user's own
// store, and each document's store (null outside a document), with Apps Script's limits: 9 KB a
// value, 500 KB a store counting keys, and the daily read/write quota.
import type { Execution } from '../runtime';
import { guarded, type Methods } from './guard';
import { type Scope, ScopedStores, scopeKey, scopedGetters } from './scopes';

export const VALUE_LIMIT_BYTES = 9 * 1024;
export const STORE_LIMIT_BYTES = 500 * 1024;
export const VALUE_TOO_LARGE = 'Argument too large: value';
export const STORE_FULL =
  'You have exceeded the property storage quota. Please remove some properties and try again.';

export type PropertyScope = Scope;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** Every property store of the world, keyed by project and scope. */
export class PropertyStores extends ScopedStores<string> {
  static key(projectId: string, scope: PropertyScope, owner = ''): string {
    return scopeKey(projectId, scope, owner);
  }

  /** A copy of one store, for tests and tools: `owner` is the user's email or the document id. */
  snapshot(projectId: string, scope: PropertyScope, owner = ''): Record<string, string> {
    return Object.fromEntries(this.store(PropertyStores.key(projectId, scope, owner)));
  }

  /** Sets values in one store from outside any execution (a saved world); no quota, no limits. */
  seed(
    projectId: string,
    scope: PropertyScope,
    owner: string,
    values: Record<string, string>,
  ): void {
    const store = this.store(PropertyStores.key(projectId, scope, owner));
    for (const [key, value] of Object.entries(values)) store.set(key, String(value));
  }

  /** Bytes a store uses, keys included, as the 500 KB limit counts them. */
  static size(store: Map<string, string>): number {
    let total = 0;
    for (const [key, value] of store) total += bytes(key) + bytes(value);
    return total;
  }
}

const SERVICE = 'PropertiesService';

class FakeProperties implements GoogleAppsScript.Properties.Properties {
  constructor(
    private readonly exec: Execution,
    private readonly store: Map<string, string>,
  ) {}

  private call<T>(method: string, body: () => T): T {
    return this.exec.invoke(SERVICE, method, () => {
      this.exec.consumeQuota('propertiesReadWrite', 1);
      return body();
    });
  }

  /** Checks limits on a copy, so a refused write changes nothing. */
  private commit(next: Map<string, string>): void {
    for (const value of next.values())
      if (bytes(value) > VALUE_LIMIT_BYTES) throw this.exec.error(VALUE_TOO_LARGE);
    if (PropertyStores.size(next) > STORE_LIMIT_BYTES) throw this.exec.error(STORE_FULL);
    this.store.clear();
    for (const [key, value] of next) this.store.set(key, value);
  }

  getProperty(key: string): string | null {
    return this.call('getProperty', () => this.store.get(String(key)) ?? null);
  }

  getProperties(): Record<string, string> {
    return this.call('getProperties', () => this.exec.toRealm(Object.fromEntries(this.store)));
  }

  getKeys(): string[] {
    return this.call('getKeys', () => this.exec.toRealm([...this.store.keys()]));
  }

  setProperty(key: string, value: string): GoogleAppsScript.Properties.Properties {
    return this.call('setProperty', () => {
      const next = new Map(this.store);
      next.set(String(key), String(value));
      this.commit(next);
      return this;
    });
  }

  setProperties(
    properties: Record<string, string>,
    deleteAllOthers?: boolean,
  ): GoogleAppsScript.Properties.Properties {
    return this.call('setProperties', () => {
      const next = deleteAllOthers ? new Map<string, string>() : new Map(this.store);
      for (const [key, value] of Object.entries(properties ?? {})) next.set(key, String(value));
      this.commit(next);
      return this;
    });
  }

  deleteProperty(key: string): GoogleAppsScript.Properties.Properties {
    return this.call('deleteProperty', () => {
      this.store.delete(String(key));
      return this;
    });
  }

  deleteAllProperties(): GoogleAppsScript.Properties.Properties {
    return this.call('deleteAllProperties', () => {
      this.store.clear();
      return this;
    });
  }
}

/** The PropertiesService global of one execution. */
export function propertiesService(exec: Execution): Record<string, unknown> {
  const open = scopedGetters(exec, (key) =>
    guarded(exec, 'Properties', new FakeProperties(exec, exec.world.properties.store(key))),
  );
  const service: Methods<
    GoogleAppsScript.Properties.PropertiesService,
    'getScriptProperties' | 'getUserProperties' | 'getDocumentProperties'
  > = {
    getScriptProperties: open.script,
    getUserProperties: open.user,
    getDocumentProperties: open.document,
  };
  return { PropertiesService: guarded(exec, 'PropertiesService', service) };
}
