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
 */
export type Fault =
  | { kind: 'none' }
  | { kind: 'latency'; ms: number }
  | { kind: 'slow'; bytes: number; everyMs: number }
  | { kind: 'reset' }
  | { kind: 'lose-answers' }
  | { kind: 'cut' }
  | { kind: 'flap' };

export interface ProxyFigures {
  connections: number;
  requests: number;
  faultsInjected: number;
}

/** A TCP fault injector on 127.0.0.1 in front of one dependency (host:port). */
export class FaultProxy {
  private fault: Fault = { kind: 'none' };
  private server: Server;
  private readonly live = new Set<Socket>();
  private flapCount = 0;
  readonly figures: ProxyFigures = { connections: 0, requests: 0, faultsInjected: 0 };

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
    client.on('data', (chunk: Buffer) => {
      this.figures.requests++;
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
      queue = queue.then(() => this.deliver(client, chunk)).catch(() => undefined);
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
