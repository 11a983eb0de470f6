import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../app/config.js';
import { startSmile, type Smile } from '../../app/server.js';
import { EmbeddedStore } from '../../store/embedded-store.js';
import { get, orderIdOf, post, startTestSmile } from '../helpers.js';

const SECRET = 'kakao-shared-secret-0123456789';
const skill = (utterance: string, bot = 'smile-bot'): Record<string, unknown> => ({
  bot: { id: bot, name: '스마일' },
  action: { id: 'a', name: 'smile', params: {}, detailParams: {} },
  userRequest: { timezone: 'Asia/Seoul', utterance, lang: 'ko', user: { id: 'demo-ko', type: 'botUserKey', properties: {} } },
});

describe('KakaoTalk skill requests are verified (SMILE_KAKAO_SECRET, SMILE_KAKAO_BOT_ID)', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_KAKAO_SECRET: SECRET, SMILE_KAKAO_BOT_ID: 'smile-bot' });
  });
  afterAll(async () => {
    await smile.close();
  });

  it('when the secret header is missing or wrong, then 401 and nothing runs: no conversation, no transcript', async () => {
    const variants: Array<Record<string, string>> = [{}, { 'x-smile-kakao-secret': 'wrong' }, { 'x-smile-kakao-secret': `${SECRET}x` }];
    for (const headers of variants) {
      const r = await post(smile, '/kakao/skill', skill('물티슈 두 팩 다시 주문해줘'), headers);
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe('unauthorized');
    }
    // Not even a malformed body is read before the caller is known.
    expect((await post(smile, '/kakao/skill', { nope: true })).status).toBe(401);
    expect(await smile.store.conversations.get('kakao:demo-ko')).toBeNull();
    expect(await smile.store.transcript.list('kakao:demo-ko')).toEqual([]);
  });

  it('when the secret is right but bot.id is not the configured bot, then 401; with both right, Smile answers', async () => {
    const headers = { 'x-smile-kakao-secret': SECRET };
    expect((await post(smile, '/kakao/skill', skill('도움말', 'someone-else'), headers)).status).toBe(401);
    const ok = await post(smile, '/kakao/skill', skill('도움말'), headers);
    expect(ok.status).toBe(200);
    expect(JSON.stringify(ok.json.template.outputs)).toMatch(/도와드려요/);
  });
});

describe('a port already in use', () => {
  it('when PORT is taken on 127.0.0.1, then the start stops with a message naming the port (not "reading \'port\'")', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    const dir = mkdtempSync(join(tmpdir(), 'smile-port-'));
    try {
      const config = ConfigSchema.parse({ PORT: String(port), SMILE_DATA_DIR: dir, LOG_LEVEL: 'silent' });
      const start = startSmile(config, { logger: pino({ level: 'silent' }), host: '127.0.0.1' });
      await expect(start).rejects.toThrow(new RegExp(`port ${port} on 127.0.0.1 is already in use.*set PORT`, 's'));
      // The store it opened is closed again: its lock is free for the next try.
      const store = await EmbeddedStore.open(dir);
      await store.close();
    } finally {
      taken.close();
    }
  });
});

describe('the embedded store is one process at a time (SMILE_DATA_DIR/smile.lock)', () => {
  it('when a second open finds the folder held, then it stops naming the holder and what to do; after close it opens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smile-lock-'));
    const first = await EmbeddedStore.open(dir);
    expect(readFileSync(join(dir, 'smile.lock'), 'utf8').trim()).toBe(String(process.pid));
    await expect(EmbeddedStore.open(dir)).rejects.toThrow(new RegExp(`in use by process ${process.pid}.*REST API.*SMILE_DATA_DIR`, 's'));
    await first.close();
    const second = await EmbeddedStore.open(dir);
    await second.close();
  });

  it('when another live process holds the lock, then the open stops naming its pid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smile-lock-'));
    const holder = spawn(process.execPath, ['-e', 'process.stdin.resume()'], { stdio: ['pipe', 'ignore', 'ignore'] });
    try {
      writeFileSync(join(dir, 'smile.lock'), `${holder.pid}\n`);
      await expect(EmbeddedStore.open(dir)).rejects.toThrow(new RegExp(`in use by process ${holder.pid}\\b`));
    } finally {
      holder.kill('SIGKILL');
      await once(holder, 'exit');
    }
    // Its process gone (kill -9 leaves the file), the lock is stale and taken over.
    const store = await EmbeddedStore.open(dir);
    expect(readFileSync(join(dir, 'smile.lock'), 'utf8').trim()).toBe(String(process.pid));
    await store.close();
  });
});

describe('npm run chat next to a running Smile', () => {
  let smile: Smile;
  let dir: string;
  let held: EmbeddedStore;
  beforeAll(async () => {
    smile = await startTestSmile();
    // The folder a second process would open is held, as `npm start` holds it: the chat must not need it.
    dir = mkdtempSync(join(tmpdir(), 'smile-chat-'));
    held = await EmbeddedStore.open(dir);
  });
  afterAll(async () => {
    await held.close();
    await smile.close();
  });

  /** Waits until `seen()` matches (the tests here run concurrently, where expect.poll cannot tell whose test it is). */
  const until = async (seen: () => string, want: RegExp, timeoutMs: number): Promise<void> => {
    for (const end = Date.now() + timeoutMs; !want.test(seen()); await new Promise((r) => setTimeout(r, 50))) {
      if (Date.now() > end) throw new Error(`waited ${timeoutMs} ms for ${String(want)}; the chat printed:\n${seen()}`);
    }
  };

  /** `npm run chat` as a child process; `say` writes a line once the chat has printed what it said before. */
  const chat = (args: string[], env: Record<string, string>) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'app/chat.ts', ...args], {
      env: { ...process.env, SMILE_DATA_DIR: dir, LOG_LEVEL: 'silent', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = once(proc, 'exit').then(([code]) => code as number | null);
    return {
      out: () => out,
      err: () => err,
      exited,
      say: async (line: string, answer: RegExp): Promise<void> => {
        const from = out.length;
        proc.stdin.write(`${line}\n`);
        await until(() => out.slice(from), answer, 20_000);
      },
      end: () => proc.stdin.end('\n'),
    };
  };
  const orders = async (user: string): Promise<string[]> =>
    ((await get(smile, `/sandbox/commerce/v1/customers/${user}/orders`)) as { orders: Array<{ id: string }> }).orders.map((o) => o.id);

  // Each chat is its own process, started concurrently: the three take the time of one.
  it.concurrent.each([
    { user: 'demo', locale: 'en-US', ask: 'reorder two packs of the wipes', yes: 'yes', placed: /is placed \(order number ([0-9A-F]+)/ },
    { user: 'demo-ko', locale: 'ko-KR', ask: '분유 다시 주문해 주세요', yes: '네', placed: /주문번호: ([0-9A-F]+)/ },
  ])(
    "when a Smile answers at PORT, then the chat ($locale) talks to it: the order it places is the server's, and the held store is never opened",
    async ({ user, locale, ask, yes, placed }) => {
      const before = await orders(user);
      const c = chat(['--user', user, '--locale', locale], { PORT: new URL(smile.url).port });
      await until(c.out, new RegExp(`Smile at ${smile.url.replace(/[.]/g, '\\.')}`), 40_000);
      await c.say(ask, /\n> $/);
      await c.say(yes, placed);
      c.end();
      expect(await c.exited).toBe(0);
      expect(c.err()).not.toMatch(/in use by process/);
      const id = orderIdOf(placed.exec(c.out())?.[1] ?? '');
      expect((await orders(user)).filter((o) => !before.includes(o))).toEqual([id]);
    },
    60_000,
  );

  it.concurrent(
    'when --url names a server that does not answer, then the chat stops saying so (and does not open the store)',
    async () => {
      const c = chat(['--url', 'http://127.0.0.1:9'], {});
      expect(await c.exited).toBe(1);
      expect(c.err()).toMatch(/No Smile answers at http:\/\/127\.0\.0\.1:9/);
      expect(c.err()).not.toMatch(/in use by process/);
    },
    60_000,
  );
});

describe('the real start (app/main.ts as its own process) refuses what it must, with a clear message', () => {
  /** `npm start` as a child process, run until it exits (or is stopped after 60 s). */
  const start = async (env: Record<string, string>): Promise<{ code: number | null; output: string }> => {
    // The embedded defaults, whatever this run was given (CI sets MONGODB_URI, which would take the store elsewhere).
    const { MONGODB_URI: _mongo, REDIS_URL: _redis, ...inherited } = process.env;
    const proc = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts'], {
      env: { ...inherited, NODE_ENV: '', LOG_LEVEL: 'warn', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => proc.kill('SIGKILL'), 60_000);
    const [code] = (await once(proc, 'exit')) as [number | null];
    clearTimeout(timer);
    return { code, output };
  };

  it.concurrent(
    'when a second Smile starts on a store folder another process holds, then it exits 1 naming the holder',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'smile-second-'));
      const first = await EmbeddedStore.open(dir);
      try {
        const { code, output } = await start({ SMILE_DATA_DIR: dir });
        expect(code).toBe(1);
        expect(output).toMatch(new RegExp(`in use by process ${process.pid}\\b[\\s\\S]*SMILE_DATA_DIR`));
        expect(output).not.toMatch(/\n\s+at /); // a message, not a stack trace
      } finally {
        await first.close();
      }
    },
    90_000,
  );

  it.concurrent(
    'when NODE_ENV=production and the REST channel would be open, then it exits 1 naming SMILE_REST_JWT_SECRET',
    async () => {
      const { code, output } = await start({
        NODE_ENV: 'production',
        SMILE_DATA_DIR: mkdtempSync(join(tmpdir(), 'smile-prod-')),
        SMILE_BOTFRAMEWORK_ENABLED: 'false',
        SMILE_KAKAO_SECRET: SECRET,
      });
      expect(code).toBe(1);
      expect(output).toMatch(/SMILE_REST_JWT_SECRET: required when NODE_ENV=production/);
      expect(output).not.toMatch(/listening/);
    },
    90_000,
  );
});
