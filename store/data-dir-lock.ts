import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * One process at a time per data folder (the embedded store serves one process; several instances use MongoDB).
 */
/** The folders this process holds the lock of (a lock file naming this pid but not listed here is a dead run's). */
const heldHere = new Set<string>();
const LOCK_FILE = 'smile.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process at a time: an exclusive create of `smile.lock` holding the pid. A lock whose process is gone (a crash,
 * `kill -9`, a container restarted under the same pid) is taken over; a live one stops the open with what to do.
 */
export function takeLock(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  const key = resolve(dir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      heldHere.add(key);
      return () => {
        heldHere.delete(key);
        try {
          unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder: number;
    try {
      holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
    } catch {
      continue; /* released meanwhile */
    }
    const live = Number.isInteger(holder) && holder > 0 && (holder === process.pid ? heldHere.has(key) : isAlive(holder));
    if (live) {
      throw new Error(
        `The embedded store in ${dir} is in use by process ${holder}${holder === process.pid ? ' (this one)' : ''}. ` +
          'It serves one process at a time: talk to the running Smile through its REST API (POST /v1/chat), stop it first, ' +
          `or set SMILE_DATA_DIR to another folder. If no Smile is running, delete ${path}.`,
      );
    }
    try {
      unlinkSync(path);
    } catch {
      /* another process took it over first */
    }
  }
  throw new Error(`Could not take the lock ${path}: another process keeps taking it; set SMILE_DATA_DIR to another folder`);
}
