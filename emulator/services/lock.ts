// LockService: user, script and document locks held by executions. Because the emulator runs
// one execution at a time, a lock held by another execution (an overlapping one, see faults.ts)
// is never released while we wait: tryLock waits out its timeout and returns false, waitLock
// throws Apps Script's message. Locks are released when their execution ends.
import type { Execution } from '../runtime';
import { guarded, type Members } from './guard';
import { scopedGetters } from './scopes';

export const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

/** Which execution holds which lock. */
export class LockTable {
  private readonly holders = new Map<string, number>();

  holder(key: string): number | undefined {
    return this.holders.get(key);
  }

  take(key: string, executionId: number): void {
    this.holders.set(key, executionId);
  }

  release(key: string, executionId: number): void {
    if (this.holders.get(key) === executionId) this.holders.delete(key);
  }

  releaseAll(executionId: number): void {
    for (const [key, holder] of this.holders) if (holder === executionId) this.holders.delete(key);
  }
}

const SERVICE = 'LockService';

class FakeLock implements GoogleAppsScript.Lock.Lock {
  constructor(
    private readonly exec: Execution,
    private readonly key: string,
  ) {}

  private get table(): LockTable {
    return this.exec.world.locks;
  }

  private acquire(timeoutInMillis: number): boolean {
    const holder = this.table.holder(this.key);
    if (holder === undefined || holder === this.exec.executionId) {
      this.table.take(this.key, this.exec.executionId);
      return true;
    }
    this.exec.spend(Math.max(0, Number(timeoutInMillis) || 0));
    return false;
  }

  tryLock(timeoutInMillis: number): boolean {
    return this.exec.invoke(SERVICE, 'tryLock', () => this.acquire(timeoutInMillis));
  }

  waitLock(timeoutInMillis: number): void {
    this.exec.invoke(SERVICE, 'waitLock', () => {
      if (!this.acquire(timeoutInMillis)) throw this.exec.error(LOCK_TIMEOUT);
    });
  }

  releaseLock(): void {
    this.exec.invoke(SERVICE, 'releaseLock', () =>
      this.table.release(this.key, this.exec.executionId),
    );
  }

  hasLock(): boolean {
    return this.exec.invoke(
      SERVICE,
      'hasLock',
      () => this.table.holder(this.key) === this.exec.executionId,
    );
  }
}

/** The LockService global of one execution. */
export function lockService(exec: Execution): Record<string, unknown> {
  const open = scopedGetters(exec, (key) => guarded(exec, 'Lock', new FakeLock(exec, key)));
  return {
    LockService: guarded(exec, 'LockService', {
      getScriptLock: open.script,
      getUserLock: open.user,
      getDocumentLock: open.document,
    } satisfies Members<GoogleAppsScript.Lock.LockService>),
  };
}
