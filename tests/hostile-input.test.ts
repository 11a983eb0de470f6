import { request } from 'node:http';
import { Writable } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../app/config.js';
import { startSmile, type Smile } from '../app/server.js';
import { EmbeddedStore } from '../store/embedded-store.js';
import { FIXED_NOW } from './helpers.js';

/**
 * Hostile input, generated from a fixed seed: every body-taking route gets the same few hundred bodies — wrong
 * encodings, truncated compression, charsets body-parser does not read, huge, deeply nested, wrong types — and none
 * may answer 5xx or log at error level; every 4xx is `{ error: { code, message } }`. A failure names the case's
 * index, so `CASE=<n>` reproduces it alone.
 */
const SEED = 20_2026;
const BODIES = 240;

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Hostile {
  label: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** A well-formed body of each route's own shape, so mutations get past the first check and reach deeper ones. */
const TEMPLATES: Record<string, () => unknown> = {
  '/v1/chat': () => ({ userId: 'demo', text: 'where is my order', conversationId: 'fuzz-1', messageId: 'm1' }),
  '/v1/nlu/parse': () => ({ text: 'reorder the wipes tomorrow morning', locale: 'en-US' }),
  '/kakao/skill': () => ({
    userRequest: { utterance: '주문 어디쯤 왔어?', user: { id: 'fuzz-kakao' }, lang: 'ko' },
    bot: { id: 'b' },
    action: { id: 'a' },
  }),
  '/api/messages': () => ({
    type: 'message',
    id: 'a1',
    serviceUrl: 'https://not-loopback.example',
    channelId: 'emulator',
    from: { id: 'demo' },
    conversation: { id: 'fuzz-bf' },
    recipient: { id: 'smile' },
    text: 'hi',
  }),
  '/alexa': () => ({
    version: '1.0',
    context: { System: { user: { userId: 'amzn1.ask.account.FUZZ' } } },
    request: { type: 'SessionEndedRequest', requestId: 'r1' },
  }),
  '/v1/agent/login': () => ({ username: 'nobody', password: 'wrong' }),
  '/v1/agent/escalations/esc-0000000000000000/messages': () => ({ text: 'hello' }),
  '/sandbox/commerce/v1/orders': () => ({ customerId: 'nobody', items: [{ sku: 'x', quantity: 1 }], shippingAddressId: 'home' }),
  '/sandbox/commerce/v1/customers/nobody/voice-code/verify': () => ({ code: '0000' }),
  '/sandbox/logistics/v1/returns': () => ({ orderId: 'ord-x', customerId: 'nobody', items: [], method: 'store_dropoff', reason: 'x' }),
};
const ROUTES = Object.keys(TEMPLATES);

function generate(seed: number, count: number, template: () => unknown): Hostile[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const int = (n: number): number => Math.floor(rnd() * n);
  const json = 'application/json';
  const strange = [
    '',
    'a'.repeat(3000),
    '\u0000\u0001\u0002',
    '\ud800',
    '𝕊𝕞𝕚𝕝𝕖 😀',
    '물티슈 두 팩',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    '{"nested":"json"}',
    ' '.repeat(50),
    'ＤＲＯＰ ＴＡＢＬＥ',
    '\r\n\r\n',
    '٣٤٥',
    'null',
  ] as const;
  const value = (depth: number): unknown => {
    switch (int(depth > 3 ? 5 : 8)) {
      case 0:
        return pick(strange);
      case 1:
        return pick([0, -1, 1e308, -0, 2 ** 53 + 1, 3.14]);
      case 2:
        return pick([true, false, null]);
      case 3:
        return int(2) === 0 ? [] : {};
      case 4:
        return 'x'.repeat(int(200));
      case 5:
        return Array.from({ length: int(4) }, () => value(depth + 1));
      case 6:
        return { ['__proto__']: { polluted: true }, constructor: { prototype: { polluted: true } } };
      default:
        return Object.fromEntries(
          Array.from({ length: int(4) }, () => [pick(['text', 'userId', 'locale', 'type', 'id', pick(strange)]), value(depth + 1)]),
        );
    }
  };
  /** The template with one field somewhere replaced by a value of the wrong type, added, or removed. */
  const mutate = (body: unknown): unknown => {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return value(0);
    const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const key = pick(keys);
    const r = int(4);
    if (r === 0) delete copy[key];
    else if (r === 1) copy[pick(strange)] = value(1);
    else if (r === 2 && copy[key] && typeof copy[key] === 'object') copy[key] = mutate(copy[key]);
    else copy[key] = value(1);
    return copy;
  };
  const nested = (n: number): string => (int(2) === 0 ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n));
  const kinds: Array<() => Hostile> = [
    () => ({ label: 'mutated template', headers: { 'content-type': json }, body: Buffer.from(JSON.stringify(mutate(template()))) }),
    () => ({ label: 'random JSON value', headers: { 'content-type': json }, body: Buffer.from(JSON.stringify(value(0)) ?? 'null') }),
    () => ({ label: 'top-level primitive', headers: { 'content-type': json }, body: Buffer.from(pick(['"text"', '42', 'null', 'true', '""'])) }),
    () => {
      const whole = JSON.stringify(template());
      return { label: 'truncated JSON', headers: { 'content-type': json }, body: Buffer.from(whole.slice(0, int(whole.length))) };
    },
    () => ({ label: 'deeply nested', headers: { 'content-type': json }, body: Buffer.from(nested(500 + int(9000))) }),
    () => ({ label: 'huge', headers: { 'content-type': json }, body: Buffer.from(JSON.stringify({ text: 'a'.repeat(70_000 + int(300_000)) })) }),
    () => ({
      label: 'invalid UTF-8',
      headers: { 'content-type': json },
      body: Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('","locale":"en-US"}')]),
    }),
    () => ({
      label: 'gzip header, plain body',
      headers: { 'content-type': json, 'content-encoding': 'gzip' },
      body: Buffer.from(JSON.stringify(template())),
    }),
    () => ({
      label: 'br header, plain body',
      headers: { 'content-type': json, 'content-encoding': 'br' },
      body: Buffer.from(JSON.stringify(template())),
    }),
    () => ({
      label: 'deflate header, plain body',
      headers: { 'content-type': json, 'content-encoding': 'deflate' },
      body: Buffer.from(JSON.stringify(template())),
    }),
    () => {
      const gz = gzipSync(JSON.stringify(template()));
      return { label: 'truncated gzip', headers: { 'content-type': json, 'content-encoding': 'gzip' }, body: gz.subarray(0, 1 + int(gz.length - 2)) };
    },
    () => {
      const br = brotliCompressSync(JSON.stringify(template()));
      return {
        label: 'truncated br',
        headers: { 'content-type': json, 'content-encoding': 'br' },
        body: br.subarray(0, Math.max(1, int(br.length - 1))),
      };
    },
    () => ({
      label: 'gzip body, deflate header',
      headers: { 'content-type': json, 'content-encoding': 'deflate' },
      body: gzipSync(JSON.stringify(template())),
    }),
    () => ({
      label: 'deflate body, br header',
      headers: { 'content-type': json, 'content-encoding': 'br' },
      body: deflateSync(JSON.stringify(template())),
    }),
    () => ({
      label: 'gzip bomb',
      headers: { 'content-type': json, 'content-encoding': 'gzip' },
      body: gzipSync(`{"text":"${' '.repeat(2_000_000)}"}`),
    }),
    () => ({ label: 'gzipped garbage JSON', headers: { 'content-type': json, 'content-encoding': 'gzip' }, body: gzipSync('{"text": nope') }),
    () => ({
      label: 'unknown Content-Encoding',
      headers: { 'content-type': json, 'content-encoding': pick(['compress', 'zstd', 'x-gzip', 'gzip, gzip', 'identity;q=0', 'GZIP ', 'snappy']) },
      body: Buffer.from(JSON.stringify(template())),
    }),
    () => ({
      label: 'unsupported charset',
      headers: {
        'content-type': `application/json; charset=${pick(['latin1', 'iso-8859-1', 'windows-1252', 'utf-99', 'ebcdic', 'koi8-r', 'shift_jis', 'x'])}`,
      },
      body: Buffer.from(JSON.stringify(template()), 'latin1'),
    }),
    () => ({
      label: 'utf-16 charset',
      headers: { 'content-type': 'application/json; charset=utf-16' },
      body: Buffer.from(JSON.stringify(template()), 'utf16le'),
    }),
    () => ({
      label: 'not JSON media type',
      headers: {
        'content-type': pick([
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/vnd.api+json',
          'json',
          '*/*',
          ';;;',
        ]),
      },
      body: Buffer.from(JSON.stringify(template())),
    }),
    () => ({ label: 'no content type', headers: {}, body: Buffer.from(JSON.stringify(template())) }),
  ];
  return Array.from({ length: count }, (_, i) => {
    const c = pick(kinds)();
    return { ...c, label: `#${i} ${c.label}` };
  });
}

function send(url: string, path: string, c: Hostile): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers: { ...c.headers, 'content-length': String(c.body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // The server may answer (413, 415) and close before a large body is all written.
    req.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'EPIPE' || err.code === 'ECONNRESET' ? resolve({ status: -1, text: '' }) : reject(err),
    );
    req.end(c.body);
  });
}

describe('hostile input over every route that takes a body', () => {
  let smile: Smile;
  const errorLines: string[] = [];
  beforeAll(async () => {
    // Every line at error level or above is kept: a client's mistake must never be logged as Smile's failure.
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        if (Number(JSON.parse(chunk.toString()).level) >= 50) errorLines.push(chunk.toString());
        done();
      },
    });
    const config = ConfigSchema.parse({ PORT: '0', LOG_LEVEL: 'warn', SMILE_RATE_LIMIT_PER_MIN: '1000000', ALEXA_VERIFY: 'false' });
    smile = await startSmile(config, {
      store: await EmbeddedStore.open(null),
      logger: pino({ level: 'error' }, sink),
      clock: () => FIXED_NOW,
      host: '127.0.0.1',
    });
  });
  afterAll(async () => {
    await smile.close();
  });

  const only = process.env.CASE === undefined ? null : Number(process.env.CASE);
  for (const route of ROUTES) {
    it(`when ${BODIES} generated bodies (seed ${SEED}) come to POST ${route}, then 0 answer 5xx and every 4xx has the error shape`, async () => {
      const cases = generate(SEED, BODIES, TEMPLATES[route] ?? (() => ({}))).filter((_, i) => only === null || i === only);
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      // A few at a time: fast, and still one server serving several hostile clients at once.
      for (let i = 0; i < cases.length; i += 16) {
        await Promise.all(
          cases.slice(i, i + 16).map(async (c) => {
            const r = await send(smile.url, route, c);
            statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
            if (r.status >= 500) {
              failures.push(`${c.label}: ${r.status} ${r.text.slice(0, 200)}`);
              return;
            }
            if (r.status >= 400) {
              let shape: unknown;
              try {
                shape = JSON.parse(r.text);
              } catch {
                shape = r.text;
              }
              const ok =
                typeof shape === 'object' &&
                shape !== null &&
                'error' in shape &&
                typeof shape.error === 'object' &&
                shape.error !== null &&
                Object.keys(shape.error).sort().join() === 'code,message' &&
                'code' in shape.error &&
                typeof shape.error.code === 'string' &&
                'message' in shape.error &&
                typeof shape.error.message === 'string';
              if (!ok) failures.push(`${c.label}: ${r.status} without the error shape: ${r.text.slice(0, 200)}`);
            }
          }),
        );
      }
      expect(failures).toEqual([]);
      expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
      expect(errorLines).toEqual([]);
    });
  }
});

describe('the encodings and charsets issue 20 named, one by one', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startSmile(ConfigSchema.parse({ PORT: '0', LOG_LEVEL: 'silent', ALEXA_VERIFY: 'false' }), {
      store: await EmbeddedStore.open(null),
      logger: pino({ level: 'silent' }),
      clock: () => FIXED_NOW,
      host: '127.0.0.1',
    });
  });
  afterAll(async () => {
    await smile.close();
  });

  const body = Buffer.from(JSON.stringify({ userId: 'demo', text: 'hi' }));
  const cases: Array<[string, Record<string, string>, Buffer, number, string]> = [
    ['Content-Encoding gzip and a plain body', { 'content-encoding': 'gzip' }, body, 400, 'invalid_body'],
    ['Content-Encoding br and a plain body', { 'content-encoding': 'br' }, body, 400, 'invalid_body'],
    ['Content-Encoding deflate and a plain body', { 'content-encoding': 'deflate' }, body, 400, 'invalid_body'],
    ['a truncated gzip body', { 'content-encoding': 'gzip' }, gzipSync(body).subarray(0, 12), 400, 'invalid_body'],
    ['an unknown Content-Encoding', { 'content-encoding': 'compress' }, body, 415, 'unsupported_media_type'],
    ['charset=latin1', { 'content-type': 'application/json; charset=latin1' }, body, 415, 'unsupported_media_type'],
    [
      'a gzip body that inflates past the limit',
      { 'content-encoding': 'gzip' },
      gzipSync(`{"text":"${' '.repeat(1_000_000)}"}`),
      413,
      'body_too_large',
    ],
  ];
  for (const route of ['/v1/chat', '/kakao/skill', '/v1/nlu/parse', '/api/messages', '/alexa', '/v1/agent/login', '/sandbox/commerce/v1/orders']) {
    for (const [name, headers, payload, status, code] of cases) {
      // /alexa reads text of any charset it knows; latin1 is one, so there the body is read and refused as not an envelope.
      const expected = route === '/alexa' && name === 'charset=latin1' ? [400, 'invalid_request'] : [status, code];
      it(`when POST ${route} gets ${name}, then ${expected[0]} ${expected[1]}`, async () => {
        const r = await send(smile.url, route, { label: name, headers: { 'content-type': 'application/json', ...headers }, body: payload });
        expect(r.status).toBe(expected[0]);
        expect(JSON.parse(r.text)).toEqual({ error: { code: expected[1], message: expect.any(String) } });
      });
    }
  }
});
