import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { Store as RateLimitStore } from 'express-rate-limit';
import type { Broadcast, SharedLayer, TurnLock } from '../../ports/shared.js';

/** Redis commands a turn or a request issues, counted by kind (the capacity arithmetic in the README reads them). */
export interface RedisCounts {
  commands: number;
  published: number;
}

export interface RedisLayerOptions {
  logger: Logger;
  /** Keys and channels start with this (several deployments may share one Redis). */
  prefix?: string;
  /** How long a turn's lock lives if its holder dies; a turn taking longer is still protected by the version check. */
  lockTtlMs?: number;
  /** How long a turn waits for another instance's turn of the same conversation before running anyway. */
  lockWaitMs?: number;
  /** How long one command may take before the caller goes on without Redis. */
  commandTimeoutMs?: number;
}

/** Deletes the lock only if it is still ours (a lock that expired and was taken by another turn is left alone). */
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;

/**
 * Multi-instance mode (`REDIS_URL`): the per-conversation lock is `SET key token NX PX ttl` released by a compare-and-
 * delete script; broadcasts are pub/sub on one channel per topic; rate limits count in Redis (rate-limit-redis).
 * Redis is never required for a turn to be right: commands fail fast while it is away (no offline queue), the lock is
 * then skipped (the store's version check serialises), broadcasts are dropped (live streams miss them; caches
 * expire within their minute), rate limits let requests through, and /readyz says `degraded` until it is back.
 */
export class RedisLayer implements SharedLayer {
  readonly kind = 'redis';
  readonly lock: TurnLock;
  readonly broadcast: Broadcast;
  readonly counts: RedisCounts = { commands: 0, published: 0 };
  private readonly instance = randomUUID();
  private readonly handlers = new Map<string, Array<(payload: unknown) => void>>();
  private readonly prefix: string;
  private closed = false;

  private constructor(
    private readonly client: Redis,
    private readonly subscriber: Redis,
    private readonly options: RedisLayerOptions,
  ) {
    this.prefix = options.prefix ?? 'smile:';
    this.lock = { run: (key, fn) => this.withLock(key, fn) };
    this.broadcast = {
      publish: (topic, payload) => {
        this.publish(topic, payload);
      },
      subscribe: (topic, handler) => {
        this.subscribe(topic, handler);
      },
    };
    subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      this.deliver(channel.toString(), message.toString());
    });
  }

  /** Connects both connections (commands, subscriptions); an unreachable Redis stops the start, naming REDIS_URL. */
  static async open(url: string, options: RedisLayerOptions): Promise<RedisLayer> {
    const common = {
      lazyConnect: true,
      connectTimeout: 5000,
      // Reconnect forever, at most every 2 s; while away, commands fail at once instead of waiting in a queue.
      retryStrategy: (times: number) => Math.min(50 * 2 ** times, 2000),
    };
    const client = new Redis(url, {
      ...common,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 1000,
    });
    const subscriber = new Redis(url, { ...common, autoResubscribe: true });
    let reported = false;
    for (const [name, conn] of [
      ['commands', client],
      ['subscriber', subscriber],
    ] as const) {
      conn.on('error', (err: Error) => {
        // ioredis repeats the error at every reconnection attempt; once until it is back is enough.
        if (!reported) options.logger.warn({ err: err.message, connection: name }, 'redis unreachable; running degraded');
        reported = true;
      });
      conn.on('ready', () => {
        if (reported) options.logger.info({ connection: name }, 'redis reconnected');
        reported = false;
      });
    }
    try {
      await Promise.all([client.connect(), subscriber.connect()]);
    } catch (err) {
      client.disconnect();
      subscriber.disconnect();
      throw new Error(`REDIS_URL: cannot reach ${safeUrl(url)} (${(err as Error).message})`, { cause: err });
    }
    return new RedisLayer(client, subscriber, options);
  }

  async health(): Promise<string> {
    try {
      this.counts.commands += 1;
      await this.client.ping();
      return 'ok';
    } catch (err) {
      return `degraded: ${(err as Error).message}`;
    }
  }

  /** A raw command, for rate-limit-redis; counted. */
  private async send(args: string[]): Promise<RedisReply> {
    const [command = '', ...rest] = args;
    this.counts.commands += 1;
    return (await this.client.call(command, ...rest)) as RedisReply;
  }

  /**
   * A store for express-rate-limit under its own prefix. A script's SHA1 is what Redis would answer to SCRIPT LOAD, so
   * when Redis is away at start the store still gets it, and the first EVALSHA after Redis is back loads the script
   * (NOSCRIPT) instead of failing for good on a rejected load.
   */
  rateLimitStore(name: string): RateLimitStore {
    return new RedisStore({
      prefix: `${this.prefix}rl:${name}:`,
      sendCommand: async (...args: string[]) => {
        try {
          return await this.send(args);
        } catch (err) {
          if (args[0] === 'SCRIPT' && args[1] === 'LOAD' && args[2]) return createHash('sha1').update(args[2]).digest('hex');
          throw err;
        }
      },
    });
  }

  private async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const redisKey = `${this.prefix}lock:${key}`;
    const token = randomUUID();
    const ttl = this.options.lockTtlMs ?? 10_000;
    const deadline = Date.now() + (this.options.lockWaitMs ?? 10_000);
    let held = false;
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      try {
        this.counts.commands += 1;
        held = (await this.client.set(redisKey, token, 'PX', ttl, 'NX')) === 'OK';
      } catch (err) {
        // Redis is away: the store's version check is the guard; the turn is not held up.
        this.options.logger.debug({ err: (err as Error).message, key }, 'turn lock skipped');
        break;
      }
      if (held || Date.now() >= deadline) break;
      await sleep(wait);
    }
    try {
      return await fn();
    } finally {
      if (held) {
        this.counts.commands += 1;
        await this.client.eval(RELEASE, 1, redisKey, token).catch(() => undefined);
      }
    }
  }

  private publish(topic: string, payload: unknown): void {
    // This instance hears its own message at once (not by the round trip), so it also hears it while Redis is away.
    this.deliver(this.channel(topic), JSON.stringify({ from: this.instance, payload }), true);
    if (this.closed) return;
    this.counts.commands += 1;
    this.counts.published += 1;
    this.client.publish(this.channel(topic), JSON.stringify({ from: this.instance, payload })).catch((err: unknown) => {
      this.options.logger.debug({ err: (err as Error).message, topic }, 'broadcast not sent to other instances');
    });
  }

  private subscribe(topic: string, handler: (payload: unknown) => void): void {
    const channel = this.channel(topic);
    const list = this.handlers.get(channel);
    if (list) {
      list.push(handler);
      return;
    }
    this.handlers.set(channel, [handler]);
    this.subscriber.subscribe(channel).catch((err: unknown) => {
      this.options.logger.warn({ err: (err as Error).message, topic }, 'redis subscribe failed (retried on reconnect)');
    });
  }

  private deliver(channel: string, message: string, local = false): void {
    let parsed: { from?: unknown; payload?: unknown };
    try {
      parsed = JSON.parse(message) as { from?: unknown; payload?: unknown };
    } catch {
      return;
    }
    // Our own message comes back through Redis too; it was already delivered locally.
    if (!local && parsed.from === this.instance) return;
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(parsed.payload);
      } catch (err) {
        this.options.logger.warn({ err, channel }, 'broadcast handler failed');
      }
    }
  }

  private channel(topic: string): string {
    return `${this.prefix}bc:${topic}`;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([this.client.quit(), this.subscriber.quit()]);
    this.client.disconnect();
    this.subscriber.disconnect();
  }
}

/** The URL without its password, for messages. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured address';
  }
}
