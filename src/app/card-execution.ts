// The ports one card execution shares: an action's use cases and the card it answers with read
// the user's store once between them, as the tick's stages do (src/app/tick.ts).
import type { KeyValueStore, Ports } from '../ports';
import { ReadOnceStore } from './store';

/**
 * Ports for one card execution. The store is read once (an edit followed by its refreshed card
 * used to read it four to six times) and read afresh when the user lock is taken: a change made
 * under the lock must start from what the tick left, not from what the card saw before it.
 */
export function cardExecutionPorts(ports: Ports): Ports {
  let store = new ReadOnceStore(ports.store);
  const shared: KeyValueStore = {
    readAll: () => store.readAll(),
    write: (entries, remove) => store.write(entries, remove),
  };
  return {
    ...ports,
    store: shared,
    lock: {
      tryAcquire: (waitMs) => {
        const acquired = ports.lock.tryAcquire(waitMs);
        if (acquired) store = new ReadOnceStore(ports.store);
        return acquired;
      },
      release: () => ports.lock.release(),
    },
  };
}
