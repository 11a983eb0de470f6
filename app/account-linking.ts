import express, { type Router } from 'express';
import * as oauth from 'oauth4webapi';
import type { Logger } from 'pino';
import { Locale } from '../domain/locale.js';
import type { AccountLinkingPort, SignInRequest } from '../ports/account-linking.js';
import { say } from '../prompts/index.js';
import type { Store } from '../store/port.js';
import type { SignIn } from '../store/schemas.js';

/** The shop's identity provider as Smile's OAuth client sees it (SHOP_OAUTH_*, or the sandbox's). */
export interface ShopOAuth {
  issuer: string;
  authorizeUrl: string;
  tokenUrl: string;
  userinfoUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  /** Plain http endpoints (the sandbox on loopback); a real provider is https. */
  allowHttp: boolean;
}

export interface AccountLinkingOptions {
  store: Store;
  clock: () => Date;
  logger: Logger;
  oauth: () => ShopOAuth;
  /** Where customers reach Smile (the sign-in link and the OAuth redirect are under it). */
  publicUrl: () => string;
  /** Runs the request that needed the account, now as the customer; returns what Smile answered. */
  resume: (signIn: SignIn, state: string) => Promise<string[]>;
  /** How long a sign-in link may wait to be used. */
  ttlMs?: number;
}

const STATE = /^[A-Za-z0-9_-]{20,128}$/;
const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * Account linking for messengers (issue 16). An unlinked KakaoTalk, Bot Framework or web-chat user who needs their
 * orders gets a one-time link `/link/{state}`: it sends them to the shop's authorize endpoint (authorization code with
 * PKCE, oauth4webapi), the shop redirects to `/link/callback`, the code is exchanged (the verifier never left Smile),
 * the userinfo `sub` is the customer id, the channel user → customer link is stored, and the message that needed the
 * account is run again as that customer — the conversation continues where it stopped.
 */
export class AccountLinking implements AccountLinkingPort {
  constructor(private readonly options: AccountLinkingOptions) {}

  private get redirectUri(): string {
    return `${this.options.publicUrl()}/link/callback`;
  }

  async signInUrl(request: SignInRequest): Promise<string> {
    const state = oauth.generateRandomState();
    const signIn: SignIn = {
      ...request,
      codeVerifier: oauth.generateRandomCodeVerifier(),
      expiresAt: new Date(this.options.clock().getTime() + (this.options.ttlMs ?? 15 * 60_000)).toISOString(),
    };
    await this.options.store.channelState.put('sign_in', state, signIn);
    return `${this.options.publicUrl()}/link/${state}`;
  }

  router(): Router {
    const r = express.Router();
    r.get('/link/callback', async (req, res) => {
      const state = typeof req.query.state === 'string' ? req.query.state : '';
      const signIn = STATE.test(state) ? await this.options.store.channelState.get('sign_in', state) : null;
      const locale = Locale.safeParse(signIn?.locale).data ?? 'en-US';
      const refuse = (why: string): void => {
        req.log?.warn({ why }, 'account link refused');
        res
          .status(400)
          .type('html')
          .send(page(locale, say(locale, 'account.link_failed'), []));
      };
      // A state Smile did not issue (forged, or from another deployment), one already used, or one too old.
      if (!signIn) return refuse('unknown state');
      if (signIn.usedAt) return refuse('state already used');
      if (Date.parse(signIn.expiresAt) <= this.options.clock().getTime()) return refuse('state expired');
      await this.options.store.channelState.put('sign_in', state, { ...signIn, usedAt: this.options.clock().toISOString() });
      let customerId: string;
      try {
        customerId = await this.exchange(new URL(req.originalUrl, this.options.publicUrl()), state, signIn.codeVerifier);
      } catch (err) {
        return refuse(err instanceof Error ? err.message : String(err));
      }
      await this.options.store.links.put({
        channel: signIn.channel,
        channelUserId: signIn.channelUserId,
        customerId,
        createdAt: this.options.clock().toISOString(),
      });
      this.options.logger.info({ channel: signIn.channel, customerId }, 'channel user linked to a shop account');
      const said = await this.options.resume(signIn, state).catch((err: unknown) => {
        this.options.logger.warn({ err, conversationId: signIn.conversationId }, 'linked, but the pending request was not resumed');
        return [];
      });
      res.type('html').send(page(locale, say(locale, 'account.linked'), said));
    });
    r.get('/link/:state', async (req, res) => {
      const state = req.params.state;
      const signIn = STATE.test(state) ? await this.options.store.channelState.get('sign_in', state) : null;
      if (!signIn || signIn.usedAt || Date.parse(signIn.expiresAt) <= this.options.clock().getTime()) {
        const locale = Locale.safeParse(signIn?.locale).data ?? 'en-US';
        res
          .status(400)
          .type('html')
          .send(page(locale, say(locale, 'account.link_failed'), []));
        return;
      }
      const shop = this.options.oauth();
      const to = new URL(shop.authorizeUrl);
      to.searchParams.set('response_type', 'code');
      to.searchParams.set('client_id', shop.clientId);
      to.searchParams.set('redirect_uri', this.redirectUri);
      to.searchParams.set('state', state);
      to.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(signIn.codeVerifier));
      to.searchParams.set('code_challenge_method', 'S256');
      if (shop.scope) to.searchParams.set('scope', shop.scope);
      res.redirect(302, to.toString());
    });
    return r;
  }

  /** The callback's code for tokens (with the PKCE verifier), then who signed in: the userinfo `sub`. */
  private async exchange(callback: URL, state: string, verifier: string): Promise<string> {
    const shop = this.options.oauth();
    const as: oauth.AuthorizationServer = {
      issuer: shop.issuer,
      authorization_endpoint: shop.authorizeUrl,
      token_endpoint: shop.tokenUrl,
      userinfo_endpoint: shop.userinfoUrl,
    };
    const client: oauth.Client = { client_id: shop.clientId };
    const insecure = { [oauth.allowInsecureRequests]: shop.allowHttp };
    const params = oauth.validateAuthResponse(as, client, callback, state);
    const tokenResponse = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(shop.clientSecret),
      params,
      this.redirectUri,
      verifier,
      insecure,
    );
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, tokenResponse);
    const info = await oauth.processUserInfoResponse(
      as,
      client,
      oauth.skipSubjectCheck,
      await oauth.userInfoRequest(as, client, tokens.access_token, insecure),
    );
    return info.sub;
  }
}

/** The page the browser lands on: linked (and what Smile answered the pending request), or why not. */
function page(locale: Locale, headline: string, said: string[]): string {
  const lang = locale === 'ko-KR' ? 'ko' : 'en';
  const lines = said.map((t) => `<p>${escapeHtml(t)}</p>`).join('');
  return `<!doctype html><html lang="${lang}"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Smile</title><h1>${escapeHtml(headline)}</h1>${lines}</html>`;
}
