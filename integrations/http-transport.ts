import http from 'node:http';
import https from 'node:https';

/**
 * The providers' wire: node's own HTTP client over keep-alive agents, one per protocol for the process. The global
 * `fetch` (undici behind WHATWG Request, Headers, Response and streams) cost ~19% of a turn's CPU in the profile for
 * the one or two small JSON calls a turn makes; this reads the same answers as text, on connections kept open.
 */
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 256, scheduling: 'lifo' }),
  https: new https.Agent({ keepAlive: true, maxSockets: 256, scheduling: 'lifo' }),
};

export interface Origin {
  secure: boolean;
  hostname: string;
  port: number | undefined;
  /** The base URL's path without its trailing slash ('' for the root). */
  basePath: string;
}

/** The parts of a base URL a request needs, worked out once per client. */
export function originOf(baseUrl: string): Origin {
  const u = new URL(baseUrl);
  const hostname = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  return { secure: u.protocol === 'https:', hostname, port: u.port ? Number(u.port) : undefined, basePath: u.pathname.replace(/\/$/, '') };
}

export interface WireResponse {
  status: number;
  text: string;
}

/** Where a request failed: before any answer came (`request`, as a failed fetch) or while its body was read (`body`). */
export class WireError extends Error {
  readonly code: string | undefined;
  constructor(
    readonly phase: 'request' | 'body',
    cause: unknown,
  ) {
    super((cause as Error)?.message ?? String(cause), { cause });
    this.name = 'WireError';
    this.code = (cause as { code?: string } | null)?.code;
  }
}

const PLAIN_PATH = /^[\x21-\x7e]*$/;

/** One request: the whole answer as text, or a WireError. Aborting `signal` destroys the request (and its socket). */
export function send(
  origin: Origin,
  path: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const { signal } = init;
    if (signal?.aborted) return reject(new WireError('request', signal.reason ?? new Error('aborted')));
    let fullPath = origin.basePath + path || '/';
    // What fetch would have percent-encoded (a space, a Korean word) is encoded here too; node refuses it raw.
    if (!PLAIN_PATH.test(fullPath)) {
      const u = new URL(fullPath, 'http://x');
      fullPath = u.pathname + u.search;
    }
    const headers = init.body !== undefined ? { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) } : init.headers;
    let answered = false;
    let settled = false;
    const onAbort = (): void => {
      req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    const done = (): void => {
      settled = true;
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (err: unknown): void => {
      if (settled) return;
      done();
      reject(new WireError(answered ? 'body' : 'request', err));
    };
    const req = (origin.secure ? https : http).request(
      {
        protocol: origin.secure ? 'https:' : 'http:',
        hostname: origin.hostname,
        port: origin.port,
        path: fullPath,
        method: init.method,
        headers,
        agent: origin.secure ? agents.https : agents.http,
      },
      (res) => {
        answered = true;
        res.setEncoding('utf8');
        let text = '';
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          if (settled) return;
          if (!res.complete) return fail(new Error('the answer was cut short'));
          done();
          resolve({ status: res.statusCode ?? 0, text });
        });
        res.on('error', fail);
        res.on('aborted', () => fail(new Error('the answer was cut short')));
      },
    );
    req.on('error', fail);
    signal?.addEventListener('abort', onAbort, { once: true });
    req.end(init.body);
  });
}
