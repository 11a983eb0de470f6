/**
 * Guessing agent passwords (issue 17): failed sign-ins are counted per name and client address. The first
 * `freeFailures` cost nothing; then the pair is locked out for `lockoutMs`, and every failure after a lockout doubles
 * the next one (15 min, 30 min, 1 h … up to `maxLockoutMs`). A success clears the count; a pair left alone for a day
 * is forgotten. While locked, an attempt is refused before its password is even compared.
 *
 * Kept in this process's memory, bounded (`maxKeys`; the oldest pair is dropped first): with several instances each
 * counts its own attempts, so the limit is per instance.
 */
export interface LoginGuardOptions {
  now: () => number;
  freeFailures?: number;
  lockoutMs?: number;
  maxLockoutMs?: number;
  forgetAfterMs?: number;
  maxKeys?: number;
}

interface Attempts {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

export class LoginGuard {
  private readonly pairs = new Map<string, Attempts>();
  private readonly freeFailures: number;
  private readonly lockoutMs: number;
  private readonly maxLockoutMs: number;
  private readonly forgetAfterMs: number;
  private readonly maxKeys: number;

  constructor(private readonly options: LoginGuardOptions) {
    this.freeFailures = options.freeFailures ?? 5;
    this.lockoutMs = options.lockoutMs ?? 15 * 60_000;
    this.maxLockoutMs = options.maxLockoutMs ?? 24 * 3_600_000;
    this.forgetAfterMs = options.forgetAfterMs ?? 24 * 3_600_000;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  static key(username: string, address: string): string {
    return `${username.slice(0, 64).toLowerCase()}@${address}`;
  }

  /** Milliseconds until the pair may try again; 0 when it may now. */
  waitFor(key: string): number {
    const a = this.current(key);
    return a ? Math.max(0, a.lockedUntil - this.options.now()) : 0;
  }

  /** Counts a wrong password; returns the wait it now has (0 while failures are still free). */
  failed(key: string): number {
    const now = this.options.now();
    const a = this.current(key) ?? { failures: 0, lastFailureAt: now, lockedUntil: 0 };
    a.failures += 1;
    a.lastFailureAt = now;
    if (a.failures >= this.freeFailures) {
      const doublings = Math.min(a.failures - this.freeFailures, 20);
      a.lockedUntil = now + Math.min(this.lockoutMs * 2 ** doublings, this.maxLockoutMs);
    }
    this.pairs.delete(key); // re-inserted last: the Map's order is the order of last failure
    this.pairs.set(key, a);
    for (const oldest of this.pairs.keys()) {
      if (this.pairs.size <= this.maxKeys) break;
      this.pairs.delete(oldest);
    }
    return Math.max(0, a.lockedUntil - now);
  }

  succeeded(key: string): void {
    this.pairs.delete(key);
  }

  get size(): number {
    return this.pairs.size;
  }

  private current(key: string): Attempts | undefined {
    const a = this.pairs.get(key);
    if (a && this.options.now() - Math.max(a.lastFailureAt, a.lockedUntil) > this.forgetAfterMs) {
      this.pairs.delete(key);
      return undefined;
    }
    return a;
  }
}
