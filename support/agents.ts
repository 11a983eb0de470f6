import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { SignJWT, jwtVerify } from 'jose';
import { parse as parseCookie } from 'cookie';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../domain/errors.js';
import type { Locale } from '../domain/locale.js';
import { say } from '../prompts/index.js';

export type Role = 'agent' | 'supervisor';
export interface Agent {
  username: string;
  role: Role;
  /** The name customers see ("Alice Kim"); the username is for sign-in and the team only. */
  displayName?: string;
}
interface Account extends Agent {
  /**
   * The password's hash, made in the background (bcrypt's async form) once the server is ready (`hashNow`), or by the
   * first sign-in before that, so hashing does not hold up the server's start.
   */
  hash: () => Promise<string>;
}

/** A bcrypt hash made once, when first asked for; the password is forgotten as soon as hashing starts. */
function hashLater(password: string): () => Promise<string> {
  let secret: string | null = password;
  let made: Promise<string> | null = null;
  return () => {
    if (!made) {
      made = bcrypt.hash(secret ?? '', 10);
      secret = null;
    }
    return made;
  };
}

export const SESSION_COOKIE = 'smile_agent';

/**
 * Agent accounts from SMILE_AGENTS ("alice:agent:PASSWORD,bob:supervisor:PASSWORD"), kept only as bcrypt hashes.
 * With none configured, one agent and one supervisor get random passwords, returned once for the start log.
 */
export class AgentDirectory {
  private readonly accounts = new Map<string, Account>();
  private readonly secret: Uint8Array;
  private readonly decoy = hashLater(randomBytes(12).toString('hex'));
  readonly generated: Array<{ username: string; role: Role; password: string }> = [];

  constructor(spec: string | undefined, tokenSecret: string | undefined) {
    this.secret = new TextEncoder().encode(tokenSecret ?? randomBytes(32).toString('hex'));
    const entries = spec
      ? spec
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean)
      : [];
    for (const entry of entries) {
      // "alice=Alice Kim:agent:PASSWORD": a display name for customers may follow the username.
      const [who = '', role, ...rest] = entry.split(':');
      const [username, displayName] = who.split('=').map((p) => p.trim());
      const password = rest.join(':');
      if (!username || !/^[a-z0-9._-]{2,32}$/i.test(username) || (role !== 'agent' && role !== 'supervisor') || password.length < 8) {
        throw new Error('SMILE_AGENTS: each entry must be NAME:agent|supervisor:PASSWORD with a password of 8+ characters');
      }
      if (displayName !== undefined && !/^[^<>\n]{1,40}$/.test(displayName)) throw new Error('SMILE_AGENTS: a display name is 1–40 characters');
      this.accounts.set(username, { username, role, hash: hashLater(password), ...(displayName ? { displayName } : {}) });
    }
    if (entries.length === 0) {
      for (const [username, role] of [
        ['agent', 'agent'],
        ['supervisor', 'supervisor'],
      ] as const) {
        const password = randomBytes(9).toString('base64url');
        this.accounts.set(username, { username, role, hash: hashLater(password) });
        this.generated.push({ username, role, password });
      }
    }
  }

  /** Starts hashing every password now (the server calls it once it is ready). */
  hashNow(): void {
    void this.decoy();
    for (const account of this.accounts.values()) void account.hash();
  }

  async login(username: string, password: string): Promise<{ token: string; agent: Agent }> {
    const account = this.accounts.get(username);
    // Compare against a hash even for unknown names, so timing does not tell which names exist.
    const ok = await bcrypt.compare(password, await (account?.hash ?? this.decoy)());
    if (!account || !ok) throw new AppError('invalid_credentials', 'Wrong username or password', 401);
    const agent = agentOf(account);
    const token = await new SignJWT({ role: agent.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(agent.username)
      .setIssuedAt()
      .setExpirationTime('8h')
      .setAudience('smile-agent')
      .sign(this.secret);
    return { token, agent };
  }

  async verify(token: string): Promise<Agent> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ['HS256'], audience: 'smile-agent' });
      const account = payload.sub ? this.accounts.get(payload.sub) : undefined;
      if (!account) throw new Error('unknown agent');
      return agentOf(account);
    } catch {
      throw new AppError('unauthorized', 'Sign in again', 401);
    }
  }

  /** What a customer is told a person is called: the display name, never the sign-in name ("Someone" without one). */
  shownName(username: string, locale: Locale): string {
    return this.accounts.get(username)?.displayName ?? say(locale, 'agent.unnamed');
  }

  /** Express middleware: a bearer token or the session cookie; puts the agent on res.locals.agent. */
  authenticate() {
    return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      try {
        const bearer = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1];
        const cookie = parseCookie(req.get('cookie') ?? '')[SESSION_COOKIE];
        const token = bearer ?? cookie;
        if (!token) throw new AppError('unauthorized', 'Sign in first', 401);
        res.locals.agent = await this.verify(token);
        next();
      } catch (err) {
        next(err);
      }
    };
  }
}

const agentOf = (a: Account): Agent => ({ username: a.username, role: a.role, ...(a.displayName ? { displayName: a.displayName } : {}) });
