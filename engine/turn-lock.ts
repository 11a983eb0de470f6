import { Mutex } from 'async-mutex';
import type { TurnLock } from '../ports/shared.js';

/** One process: turns of a conversation wait on a mutex held in memory (dropped once nobody waits for it). */
export class InProcessLock implements TurnLock {
  private readonly locks = new Map<string, { mutex: Mutex; users: number }>();
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let entry = this.locks.get(key);
    if (!entry) {
      entry = { mutex: new Mutex(), users: 0 };
      this.locks.set(key, entry);
    }
    entry.users += 1;
    try {
      return await entry.mutex.runExclusive(fn);
    } finally {
      entry.users -= 1;
      if (entry.users === 0) this.locks.delete(key);
    }
  }
}
