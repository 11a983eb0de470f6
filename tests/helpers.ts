import { pino } from 'pino';
import { ConfigSchema, type Config } from '../app/config.js';
import { startSmile, type Smile } from '../app/server.js';
import { EmbeddedStore } from '../store/embedded-store.js';
import type { Store } from '../store/port.js';

/** A fixed "now" (a Sunday afternoon in Los Angeles, Monday morning in Seoul) keeps dates in replies stable. */
export const FIXED_NOW = new Date('2026-11-22T20:00:00Z');

export async function startTestSmile(env: Record<string, string> = {}, clock: () => Date = () => FIXED_NOW, store?: Store): Promise<Smile> {
  const config: Config = ConfigSchema.parse({ PORT: '0', LOG_LEVEL: 'silent', SMILE_RATE_LIMIT_PER_MIN: '1000', ...env });
  return startSmile(config, {
    store: store ?? (await EmbeddedStore.open(null)),
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    clock,
    host: '127.0.0.1',
  });
}

export interface ChatReply {
  conversationId: string;
  messages: Array<{ text: string; suggestions?: string[]; card?: { title: string; lines: string[] } }>;
  state: { flow: string | null; awaiting: string | null };
  handoff?: { escalationId: string; status: string };
}

export async function post(smile: Smile, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(`${smile.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

export async function get(smile: Smile, path: string): Promise<any> {
  const res = await fetch(`${smile.url}${path}`);
  return res.json();
}

/** One conversation over POST /v1/chat. */
export function conversation(smile: Smile, userId: string, conversationId: string) {
  let n = 0;
  return async (text: string, messageId = `m${++n}`): Promise<ChatReply> => {
    const r = await post(smile, '/v1/chat', { userId, text, conversationId, messageId });
    if (r.status !== 200) throw new Error(`chat answered ${r.status}: ${JSON.stringify(r.json)}`);
    return r.json as ChatReply;
  };
}

export const allText = (r: ChatReply): string => r.messages.map((m) => m.text).join(' ');
