/**
 * A terminal chat with the same engine the channels use:
 *   npm run chat -- --user demo-ko --locale ko-KR
 *
 * When a Smile is already running (`npm start`: it answers GET /healthz at SMILE_URL, else at http://127.0.0.1:$PORT,
 * else :3978), the chat talks to it through its REST API (POST /v1/chat), so an order placed here is that server's
 * order. Only when none answers does it start Smile in this process — on the embedded store, which one process at a
 * time may open. `--url` names the server and never falls back.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { Locale } from '../nlu/catalogue.js';
import type { ReplyMessage } from '../engine/types.js';

const { values } = parseArgs({
  options: {
    user: { type: 'string', default: 'demo' },
    locale: { type: 'string' },
    conversation: { type: 'string' },
    url: { type: 'string' },
  },
});
const locale = values.locale ? Locale.safeParse(values.locale) : null;
if (locale && !locale.success) {
  console.error(`--locale must be one of ${Locale.options.join(', ')}`);
  process.exit(2);
}
const wantedLocale = locale?.success ? locale.data : null;
const conversationId = values.conversation ?? `cli:${values.user}:${randomUUID().slice(0, 8)}`;

/** Whether a Smile answers at `url` (its liveness probe, within a second). */
async function running(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
    return res.ok && ((await res.json()) as { status?: unknown }).status === 'ok';
  } catch {
    return false;
  }
}

/** One message to the running server; its error, when it answers with one, is said as the server put it. */
async function remoteTurn(url: string, text: string): Promise<ReplyMessage[]> {
  const res = await fetch(`${url}/v1/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: values.user, text, conversationId, messageId: randomUUID(), ...(wantedLocale ? { locale: wantedLocale } : {}) }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json()) as { messages?: ReplyMessage[]; error?: { code: string; message: string } };
  if (res.status === 401) throw new Error(`${url} requires a token signed by the shop (SMILE_REST_JWT_SECRET is set there): ${body.error?.message}`);
  if (!res.ok || !body.messages) return [{ text: `(${res.status} ${body.error?.code ?? ''}) ${body.error?.message ?? ''}`.trim() }];
  return body.messages;
}

const explicit = values.url ?? process.env.SMILE_URL;
const url = (explicit ?? `http://127.0.0.1:${process.env.PORT || '3978'}`).replace(/\/+$/, '');
let turn: (text: string) => Promise<ReplyMessage[]>;
let close = async (): Promise<void> => {};
if (await running(url)) {
  console.log(`Smile at ${url} (its REST API) — you are "${values.user}". Empty line or Ctrl-D to quit.`);
  turn = (text) => remoteTurn(url, text);
} else if (explicit) {
  console.error(`No Smile answers at ${url} (GET /healthz). Start it (npm start) or leave out --url / SMILE_URL to chat in this process.`);
  process.exit(1);
} else {
  // Loaded only here: talking to a running server needs none of the engine, so that chat starts at once.
  const [{ pino }, { loadConfig }, { startSmile }] = await Promise.all([import('pino'), import('./config.js'), import('./server.js')]);
  const config = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' });
  const smile = await startSmile(config, { logger: pino({ level: config.LOG_LEVEL }), host: '127.0.0.1' });
  console.log(`Smile (${smile.store.kind} store${smile.sandbox ? ', sandbox APIs' : ''}) — you are "${values.user}". Empty line or Ctrl-D to quit.`);
  turn = async (text) =>
    (
      await smile.engine.handle({
        channel: 'rest',
        channelUserId: values.user,
        conversationId,
        messageId: randomUUID(),
        locale: wantedLocale,
        input: { type: 'text', text },
        capabilities: { voice: false, cards: true, quickReplies: true, liveChat: false },
      })
    ).messages;
  close = () => smile.close();
}

const rl = createInterface({ input: process.stdin, output: process.stdout });
rl.setPrompt('> ');
rl.prompt();
try {
  for await (const line of rl) {
    const text = line.trim();
    if (!text) break;
    let messages: ReplyMessage[];
    try {
      messages = await turn(text);
    } catch (err) {
      console.error((err as Error).message);
      process.exitCode = 1;
      break;
    }
    for (const m of messages) {
      console.log(`smile: ${m.text}`);
      if (m.card) console.log(`       [${m.card.title}] ${m.card.lines.join(' · ')}`);
      if (m.suggestions?.length) console.log(`       (${m.suggestions.join(' | ')})`);
    }
    rl.prompt();
  }
} finally {
  rl.close();
  await close();
}
