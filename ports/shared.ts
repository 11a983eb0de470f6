/**
 * What several Smile instances share besides the store (issue 16): a short per-conversation lock, and a broadcast of
 * small messages (live support events, cache invalidations) to every instance. Without `REDIS_URL` both run in-process
 * (app/shared/in-process.ts); with it, over Redis (app/shared/redis.ts). Neither is needed for correctness: the store's
 * version check is what keeps a conversation consistent, and a lost broadcast costs only liveness or a minute of cache.
 */
export interface TurnLock {
  /** Runs `fn` while holding the lock on `key`; if the lock cannot be had (the shared layer is down), runs it anyway. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export interface Broadcast {
  /** Sends `payload` to every instance's subscribers of `topic`, this one's included (once). Never throws. */
  publish(topic: string, payload: unknown): void;
  /** Hears what any instance publishes on `topic`. */
  subscribe(topic: string, handler: (payload: unknown) => void): void;
}

export interface SharedLayer {
  readonly lock: TurnLock;
  readonly broadcast: Broadcast;
  /** `in-process` or `redis`. */
  readonly kind: string;
  /** 'ok', or what is wrong (the instance still serves turns: degraded, not down). */
  health(): Promise<string>;
  close(): Promise<void>;
}
