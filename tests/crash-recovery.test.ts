import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/** A Smile server in a child process on 127.0.0.1, on the embedded store in `dataDir` and the built-in sandbox. */
interface Child {
  proc: ChildProcess;
  url: string;
  lines: string[];
  waitFor(re: RegExp): Promise<string>;
}

function startChild(dataDir: string, env: Record<string, string> = {}): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      PORT: '0',
      SMILE_HOST: '127.0.0.1',
      SMILE_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      SMILE_RATE_LIMIT_PER_MIN: '1000',
      SMILE_BOTFRAMEWORK_ENABLED: 'false',
      COMMERCE_API_URL: '',
      LOGISTICS_API_URL: '',
      OPENAI_API_KEY: '',
      MONGODB_URI: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: Array<{ re: RegExp; resolve: (line: string) => void }> = [];
  const onData = (chunk: Buffer): void => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      lines.push(line);
      for (const w of [...waiters])
        if (w.re.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
    }
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const waitFor = (re: RegExp): Promise<string> => {
    const seen = lines.find((l) => re.test(l));
    return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ re, resolve }));
  };
  return waitFor(/Smile is listening on/).then((line) => ({ proc, lines, waitFor, url: /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)![1]! }));
}

const chat = async (url: string, text: string, messageId: string): Promise<{ status: number; json: any }> => {
  const res = await fetch(`${url}/v1/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'demo', text, conversationId: 'crash-1', messageId }),
  });
  return { status: res.status, json: await res.json() };
};

const diaperOrders = async (url: string): Promise<Array<{ id: string; items: Array<{ name: string }>; status: string }>> => {
  const res = await fetch(`${url}/sandbox/commerce/v1/customers/demo/orders`);
  const { orders } = (await res.json()) as { orders: Array<{ id: string; status: string; items: Array<{ name: string }> }> };
  return orders.filter((o) => o.status === 'placed' && o.items.some((i) => /Huggies/.test(i.name)));
};

describe('when the server is killed between claiming an idempotency key and completing the order', () => {
  let children: Child[] = [];
  let dataDir = '';
  afterEach(() => {
    for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
    children = [];
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("then after a restart on the same data the customer's retry places the order exactly once", async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'smile-crash-'));
    // The first server stops for good right after the sandbox claims the order's key, as a crash would leave it.
    const first = await startChild(dataDir, { SMILE_TEST_SANDBOX_STALL_AFTER_CLAIM: 'orders' });
    children.push(first);
    const before = (await diaperOrders(first.url)).length;
    const asked = await chat(first.url, 'reorder the diapers', 'm1');
    expect(asked.json.state.awaiting).toBe('confirmation');
    void chat(first.url, 'yes', 'm2').catch(() => undefined);
    await first.waitFor(/sandbox stalled after claim/);
    first.proc.kill('SIGKILL');
    await new Promise((resolve) => first.proc.once('exit', resolve));

    // A short lease, so the restarted server takes the dead claim over on the first retry.
    const second = await startChild(dataDir, { SMILE_LEASE_MS: '200' });
    children.push(second);
    const retried = await chat(second.url, 'yes', 'm2');
    expect(retried.status).toBe(200);
    expect(retried.json.messages.map((m: { text: string }) => m.text).join(' ')).toMatch(/order|Order/);
    expect(retried.json.messages.map((m: { text: string }) => m.text).join(' ')).not.toMatch(/still|couldn't/);
    const after = await diaperOrders(second.url);
    expect(after.length).toBe(before + 1);
    // Asked again with the same message, the answer is replayed and nothing is ordered again.
    await chat(second.url, 'yes', 'm2');
    expect((await diaperOrders(second.url)).length).toBe(before + 1);
  }, 60_000);
});
