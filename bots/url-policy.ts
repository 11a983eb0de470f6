import { AppError } from '../domain/errors.js';

/**
 * Which URLs that arrive inside a request Smile may call back: a Bot Framework serviceUrl, a KakaoTalk callbackUrl.
 * Such a URL is named by whoever sends the request, so without a rule anyone could make Smile post to any host
 * (its own admin ports, a cloud metadata address). A URL passes when its host is on the allow-list and it is https;
 * only the loopback rule (the Bot Framework Emulator on this machine) admits plain http, and only on loopback.
 */
export interface UrlPolicy {
  /** Host patterns: `bot-api.kakao.com` matches that host; `*.botframework.com` matches any host under it. */
  hosts: string[];
  /** Admit http(s) URLs on 127.0.0.1, localhost and [::1] instead of the hosts (anonymous Emulator mode). */
  loopbackOnly?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const isLoopbackUrl = (url: URL): boolean => LOOPBACK.has(url.hostname.toLowerCase());

export function hostMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const p = pattern.toLowerCase().trim();
  if (p.startsWith('*.')) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
  return h === p;
}

/** The URL, when the policy admits it; null otherwise (the caller refuses the request and calls nothing). */
export function admitUrl(raw: string, policy: UrlPolicy): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  // Credentials in a URL would be sent along; no channel needs them.
  if (url.username || url.password) return null;
  if (policy.loopbackOnly) return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackUrl(url) ? url : null;
  if (url.protocol !== 'https:') return null;
  return policy.hosts.some((p) => hostMatches(url.hostname, p)) ? url : null;
}

/**
 * The serviceUrl rule of both Bot Framework endpoints (botbuilder and the Agents SDK): anonymous mode serves the
 * Emulator on this machine only; with an app id, only Bot Framework channel hosts. A refused URL is a 403.
 */
export function serviceUrlRule(appId: string | undefined, hosts: string[]): { policy: UrlPolicy; refusal: () => AppError } {
  return {
    policy: appId ? { hosts } : { hosts: [], loopbackOnly: true },
    refusal: () =>
      new AppError(
        'service_url_refused',
        appId
          ? 'The serviceUrl is not a Bot Framework channel host'
          : 'Without MicrosoftAppId only the Bot Framework Emulator on this machine may call: the serviceUrl must be on loopback',
        403,
      ),
  };
}
