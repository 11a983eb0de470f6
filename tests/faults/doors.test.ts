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
import { post, startTestSmile } from '../helpers.js';

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
