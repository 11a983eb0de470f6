import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * What the proxy does to the traffic between Smile and a dependency, switched by the test at any moment:
 * - `none`: bytes pass.
 * - `latency`: every chunk of the answer is held `ms` before it goes on (live connections too: keep-alive is covered).
 * - `slow`: the answer trickles, `bytes` every `everyMs`.
 * - `reset`: every connection, live or new, is reset (RST).
 * - `lose-answers`: requests reach the dependency, its answers never come back (the connection closes at the first byte).
 * - `cut`: the dependency is gone: live connections are destroyed and the port refuses new ones until the fault clears.
 * - `flap`: connections alternate between passing and being reset as they open (and a live one is reset every other request).
 * - `mixed`: each request, drawn from a seeded generator, meets a fault with probability `errorRate`, one of four alike:
 *   an HTTP 500 the proxy answers itself (the request never reaches the dependency), a stall (the answer held `stallMs`),
 *   a reset, or a malformed body (the request reaches the dependency, which acts on it; its answer is replaced by a
 *   200 whose JSON is cut short). What was injected is counted by kind in `figures.byKind`.
 */
export type Fault =
  | { kind: 'none' }
  | { kind: 'latency'; ms: number }
  | { kind: 'slow'; bytes: number; everyMs: number }
  | { kind: 'reset' }
  | { kind: 'lose-answers' }
  | { kind: 'cut' }
  | { kind: 'flap' }
  | { kind: 'mixed'; errorRate: number; stallMs: number; seed: number };

/** What `mixed` does to one request. */
type MixedFault = 'http-500' | 'stall' | 'reset' | 'malformed';
const MIXED: MixedFault[] = ['http-500', 'stall', 'reset', 'malformed'];

/** mulberry32: a small seeded generator, so a run's faults can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INJECTED_500 = '{"error":{"code":"internal_error","message":"injected by the fault proxy"}}';
const MALFORMED = '{"id":"ord-';

export interface ProxyFigures {
  connections: number;
  requests: number;
  faultsInjected: number;
  /** Faults `mixed` injected, by kind. */
  byKind: Record<string, number>;
}

/** A TCP fault injector on 127.0.0.1 in front of one dependency (host:port). */
export class FaultProxy {
  private fault: Fault = { kind: 'none' };
  private server: Server;
  private readonly live = new Set<Socket>();
  private flapCount = 0;
  readonly figures: ProxyFigures = { connections: 0, requests: 0, faultsInjected: 0, byKind: {} };
  private draw: () => number = Math.random;

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
    server: Server,
  ) {
    this.server = server;
  }

  static async start(target: { host: string; port: number }): Promise<FaultProxy> {
    const holder: { proxy?: FaultProxy } = {};
    const server = createServer((client) => holder.proxy?.accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new FaultProxy(target, (server.address() as { port: number }).port, server);
    holder.proxy = proxy;
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Switches the fault; `cut` closes the port, and leaving `cut` opens it again on the same number. */
  async set(fault: Fault): Promise<void> {
    const wasCut = this.fault.kind === 'cut';
    this.fault = fault;
    if (fault.kind === 'mixed') this.draw = seeded(fault.seed);
    if (fault.kind === 'cut' || fault.kind === 'reset') {
      for (const s of this.live) {
        this.figures.faultsInjected++;
        if (fault.kind === 'reset') s.resetAndDestroy();
        else s.destroy();
      }
    }
    if (fault.kind === 'cut' && !wasCut)
      await new Promise<void>((resolve) => {
        this.server.close(() => resolve());
      });
    if (wasCut && fault.kind !== 'cut') {
      const server = createServer((client) => this.accept(client));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.port, '127.0.0.1', resolve);
      });
      this.server = server;
    }
  }

  private accept(client: Socket): void {
    this.figures.connections++;
    const fault = this.fault;
    if (fault.kind === 'reset' || fault.kind === 'cut' || (fault.kind === 'flap' && this.flapCount++ % 2 === 1)) {
      this.figures.faultsInjected++;
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(this.target.port, this.target.host);
    this.live.add(client);
    this.live.add(upstream);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      this.live.delete(client);
      this.live.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    /** What `mixed` chose for the request now on this connection (its answer is treated accordingly). */
    let now: MixedFault | null = null;
    client.on('data', (chunk: Buffer) => {
      this.figures.requests++;
      const fault = this.fault;
      now = fault.kind === 'mixed' && this.draw() < fault.errorRate ? MIXED[Math.floor(this.draw() * MIXED.length)]! : null;
      if (now) {
        this.figures.faultsInjected++;
        this.figures.byKind[now] = (this.figures.byKind[now] ?? 0) + 1;
      }
      if (now === 'reset') {
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      if (now === 'http-500') {
        // Answered here; the dependency never sees it. The upstream is let go without taking the client with it.
        upstream.removeAllListeners('close');
        upstream.destroy();
        this.live.delete(upstream);
        client.end(
          `HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\ncontent-length: ${INJECTED_500.length}\r\nconnection: close\r\n\r\n${INJECTED_500}`,
        );
        return;
      }
      if (this.fault.kind === 'flap' && this.flapCount++ % 2 === 1) {
        this.figures.faultsInjected++;
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    // Answers in order: each chunk waits for the one before it, whatever the fault did to that one.
    let queue: Promise<void> = Promise.resolve();
    upstream.on('data', (chunk: Buffer) => {
      if (now === 'malformed') {
        // The dependency acted on the request; its answer arrives as a 200 whose JSON stops short.
        now = null;
        upstream.removeAllListeners('close');
        upstream.destroy();
        this.live.delete(upstream);
        client.end(
          `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${MALFORMED.length}\r\nconnection: close\r\n\r\n${MALFORMED}`,
        );
        return;
      }
      const stall = now === 'stall' && this.fault.kind === 'mixed' ? this.fault.stallMs : 0;
      queue = queue
        .then(() => (stall ? new Promise((r) => setTimeout(r, stall)) : undefined))
        .then(() => this.deliver(client, chunk))
        .catch(() => undefined);
    });
  }

  private async deliver(client: Socket, chunk: Buffer): Promise<void> {
    const fault = this.fault;
    if (client.destroyed) return;
    if (fault.kind === 'lose-answers') {
      this.figures.faultsInjected++;
      client.destroy();
      return;
    }
    if (fault.kind === 'latency') {
      this.figures.faultsInjected++;
      await new Promise((r) => setTimeout(r, fault.ms));
    }
    if (fault.kind === 'slow') {
      this.figures.faultsInjected++;
      for (let i = 0; i < chunk.length && !client.destroyed; i += fault.bytes) {
        client.write(chunk.subarray(i, i + fault.bytes));
        await new Promise((r) => setTimeout(r, fault.everyMs));
      }
      return;
    }
    if (!client.destroyed) client.write(chunk);
  }

  async close(): Promise<void> {
    for (const s of this.live) s.destroy();
    if (this.fault.kind !== 'cut')
      await new Promise<void>((resolve) => {
        this.server.close(() => resolve());
      });
  }
}
