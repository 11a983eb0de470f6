import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import { z } from 'zod';
import type { Store } from '../store/port.js';

/** The shop's customers who can sign in at the sandbox identity provider (the seed's demo customers). */
export const SANDBOX_IDP_USERS: Record<string, string> = { demo: 'Alex Kim', 'demo-ko': '김지은' };

/** How long an authorization code may wait to be exchanged (RFC 6749 recommends at most 10 minutes; real ones are short). */
const CODE_TTL_MS = 60_000;
const TOKEN_TTL_S = 3600;
const C = { codes: 'sandbox_idp_codes', used: 'sandbox_idp_used_codes', tokens: 'sandbox_idp_tokens' } as const;

const Code = z.object({ user: z.string(), clientId: z.string(), redirectUri: z.string(), challenge: z.string(), expiresAt: z.string() });
const Token = z.object({ user: z.string(), expiresAt: z.string() });

const AuthorizeQuery = z.object({
  response_type: z.literal('code'),
  client_id: z.string().min(1),
  redirect_uri: z.string().url(),
  state: z.string().min(1).max(512),
  code_challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  code_challenge_method: z.literal('S256'),
  scope: z.string().optional(),
});

export interface SandboxIdpClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const sameSecret = (a: string, b: string): boolean =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

/**
 * A minimal OAuth 2.0 authorization server standing in for the shop's (issue 16): authorization code with PKCE (S256
 * only), one registered client, codes that live a minute and are used once, bearer tokens and a userinfo endpoint
 * whose `sub` is the customer id. The sign-in page lists the demo customers (no passwords: it is a sandbox).
 * Mounted at /sandbox/idp/v1 only with the sandbox.
 */
export class SandboxIdentityProvider {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly client: () => SandboxIdpClient,
  ) {}

  router(): Router {
    const r = express.Router();
    const oauthError = (res: express.Response, status: number, error: string, description: string): void => {
      res.status(status).set('cache-control', 'no-store').json({ error, error_description: description });
    };
    // The sign-in page: which demo customer signs in.
    r.get('/authorize', (req, res) => {
      const q = this.authorizeRequest(req.query);
      if (!q) {
        res.status(400).type('text/plain').send('invalid authorization request');
        return;
      }
      const hidden = Object.entries(q)
        .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(String(v))}">`)
        .join('');
      const buttons = Object.entries(SANDBOX_IDP_USERS)
        .map(([id, name]) => `<button name="user" value="${escapeHtml(id)}">${escapeHtml(name)} (${escapeHtml(id)})</button>`)
        .join(' ');
      res
        .type('html')
        .send(
          `<!doctype html><meta charset="utf-8"><title>Sandbox shop sign-in</title><h1>Sandbox shop</h1><p>Sign in as</p><form method="post" action="authorize">${hidden}${buttons}</form>`,
        );
    });
    r.post('/authorize', express.urlencoded({ extended: false, limit: '8kb' }), async (req, res) => {
      const body: Record<string, unknown> = (req.body as Record<string, unknown> | undefined) ?? {};
      const q = this.authorizeRequest(body);
      const user = typeof body.user === 'string' ? body.user : '';
      if (!q || !(user in SANDBOX_IDP_USERS)) {
        res.status(400).type('text/plain').send('invalid authorization request');
        return;
      }
      const code = randomBytes(24).toString('base64url');
      await this.store.documents.put(C.codes, code, {
        user,
        clientId: q.client_id,
        redirectUri: q.redirect_uri,
        challenge: q.code_challenge,
        expiresAt: new Date(this.clock().getTime() + CODE_TTL_MS).toISOString(),
      } satisfies z.infer<typeof Code>);
      const to = new URL(q.redirect_uri);
      to.searchParams.set('code', code);
      to.searchParams.set('state', q.state);
      res.redirect(302, to.toString());
    });
    r.post('/token', express.urlencoded({ extended: false, limit: '8kb' }), async (req, res) => {
      const body: Record<string, unknown> = (req.body as Record<string, unknown> | undefined) ?? {};
      const client = this.client();
      const basic = /^Basic (.+)$/i.exec(req.get('authorization') ?? '')?.[1];
      const [id, secret] = basic
        ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
        : [body.client_id, body.client_secret].map((v) => (typeof v === 'string' ? v : ''));
      if (id !== client.clientId || !sameSecret(secret ?? '', client.clientSecret)) {
        oauthError(res, 401, 'invalid_client', 'unknown client or wrong secret');
        return;
      }
      if (body.grant_type !== 'authorization_code' || typeof body.code !== 'string' || typeof body.code_verifier !== 'string') {
        oauthError(res, 400, 'invalid_request', 'authorization_code with code and code_verifier expected');
        return;
      }
      const code = Code.safeParse(await this.store.documents.get(C.codes, body.code));
      // A code is used once: the first exchange claims it by an insert; a replay finds the claim.
      const first = code.success && (await this.store.documents.insert(C.used, body.code, { at: this.clock().toISOString() }));
      if (!code.success || !first) {
        oauthError(res, 400, 'invalid_grant', 'unknown or already used code');
        return;
      }
      if (Date.parse(code.data.expiresAt) <= this.clock().getTime()) {
        oauthError(res, 400, 'invalid_grant', 'expired code');
        return;
      }
      if (code.data.clientId !== client.clientId || code.data.redirectUri !== body.redirect_uri || s256(body.code_verifier) !== code.data.challenge) {
        oauthError(res, 400, 'invalid_grant', 'redirect_uri or code_verifier does not match');
        return;
      }
      const token = randomBytes(24).toString('base64url');
      await this.store.documents.put(C.tokens, token, {
        user: code.data.user,
        expiresAt: new Date(this.clock().getTime() + TOKEN_TTL_S * 1000).toISOString(),
      } satisfies z.infer<typeof Token>);
      res.set('cache-control', 'no-store').json({ access_token: token, token_type: 'Bearer', expires_in: TOKEN_TTL_S });
    });
    r.get('/userinfo', async (req, res) => {
      const bearer = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1];
      const token = Token.safeParse(bearer ? await this.store.documents.get(C.tokens, bearer) : null);
      if (!token.success || Date.parse(token.data.expiresAt) <= this.clock().getTime()) {
        res.status(401).set('www-authenticate', 'Bearer error="invalid_token"').json({ error: 'invalid_token' });
        return;
      }
      res.json({ sub: token.data.user, name: SANDBOX_IDP_USERS[token.data.user] });
    });
    return r;
  }

  private authorizeRequest(input: unknown): z.infer<typeof AuthorizeQuery> | null {
    const q = AuthorizeQuery.safeParse(input);
    const client = this.client();
    if (!q.success || q.data.client_id !== client.clientId || q.data.redirect_uri !== client.redirectUri) return null;
    return q.data;
  }

  /** For the sandbox's own reset: codes and tokens forgotten. */
  async reset(): Promise<void> {
    for (const c of Object.values(C)) await this.store.documents.clear(c);
  }
}
