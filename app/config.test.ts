import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration', () => {
  it('when nothing is set, then the embedded defaults apply', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3978, SMILE_DATA_DIR: './.smile-data', LOG_LEVEL: 'info', SMILE_BREAKER_THRESHOLD: 5 });
    expect(c.MONGODB_URI).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty'],
    ['MONGODB_URI', 'postgres://x'],
    ['COMMERCE_API_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['SMILE_REST_JWT_SECRET', 'short'],
    ['OPENAI_BASE_URL', 'nope'],
    ['SMILE_TRUST_PROXY', 'true'],
    ['SMILE_TRUST_PROXY', '10.0.0.0/33'],
    ['SMILE_TRUST_PROXY', 'proxy.internal'],
    ['SMILE_RATE_LIMIT_PER_MIN', '0'],
    ['SMILE_BREAKER_THRESHOLD', '0'],
    ['SMILE_BREAKER_THRESHOLD', '2.5'],
    ['SMILE_BREAKER_THRESHOLD', 'many'],
  ])('when %s is %s, then the start stops with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`Invalid configuration:[\\s\\S]*${name}`));
  });

  // The other doors production requires, so each case below is about one of them.
  const production = { NODE_ENV: 'production', SMILE_KAKAO_SECRET: 'kakao-secret-0123456789', SMILE_REST_JWT_SECRET: 'rest-secret-0123456789' };

  it('when several instances run in production (REDIS_URL), then the agent token secret and accounts must be given', () => {
    const many = { ...production, SMILE_BOTFRAMEWORK_ENABLED: 'false', REDIS_URL: 'redis://redis:6379' };
    expect(() => loadConfig(many)).toThrow(/SMILE_AGENT_TOKEN_SECRET: required with REDIS_URL[\s\S]*SMILE_AGENTS: required with REDIS_URL/);
    expect(() => loadConfig({ ...many, SMILE_AGENT_TOKEN_SECRET: 'agent-secret-0123456789', SMILE_AGENTS: 'alice:pw:agent' })).not.toThrow();
    // One instance, or a trial without NODE_ENV=production: made up at start, as before.
    expect(() => loadConfig({ ...production, SMILE_BOTFRAMEWORK_ENABLED: 'false' })).not.toThrow();
    expect(() => loadConfig({ REDIS_URL: 'redis://redis:6379' })).not.toThrow();
  });

  it('when NODE_ENV=production and no MicrosoftAppId is set, then the start stops naming it, unless Bot Framework is off', () => {
    expect(() => loadConfig({ ...production })).toThrow(/MicrosoftAppId: required when NODE_ENV=production/);
    expect(loadConfig({ ...production, SMILE_BOTFRAMEWORK_ENABLED: 'false' }).SMILE_BOTFRAMEWORK_ENABLED).toBe(false);
    expect(loadConfig({ ...production, MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' }).MicrosoftAppId).toBe('app');
  });

  it('when NODE_ENV=production and no SMILE_KAKAO_SECRET is set, then the start stops naming it', () => {
    const { SMILE_KAKAO_SECRET: _unset, ...without } = { ...production, SMILE_BOTFRAMEWORK_ENABLED: 'false' };
    void _unset;
    expect(() => loadConfig(without)).toThrow(/SMILE_KAKAO_SECRET: required when NODE_ENV=production/);
    expect(() => loadConfig({ ...without, SMILE_KAKAO_SECRET: 'short' })).toThrow(/SMILE_KAKAO_SECRET: must be at least 16/);
    expect(loadConfig({ SMILE_KAKAO_BOT_ID: 'bot-a, bot-b' }).SMILE_KAKAO_BOT_ID).toEqual(['bot-a', 'bot-b']);
  });

  it('when NODE_ENV=production and no SMILE_REST_JWT_SECRET is set, then the start stops naming it, unless SMILE_REST_OPEN=true', () => {
    const { SMILE_REST_JWT_SECRET: _unset, ...without } = { ...production, SMILE_BOTFRAMEWORK_ENABLED: 'false' };
    void _unset;
    expect(() => loadConfig(without)).toThrow(/SMILE_REST_JWT_SECRET: required when NODE_ENV=production[\s\S]*SMILE_REST_OPEN=true/);
    expect(loadConfig({ ...without, SMILE_REST_OPEN: 'true' }).SMILE_REST_OPEN).toBe(true);
    expect(loadConfig({ ...without, SMILE_REST_JWT_SECRET: 'rest-secret-0123456789' }).SMILE_REST_OPEN).toBe(false);
    // Outside production the open channel stays the demo default.
    expect(loadConfig({}).SMILE_REST_OPEN).toBe(false);
  });

  it('when SMILE_FRAME_ANCESTORS is set, then it is read as CSP sources; anything else is refused', () => {
    expect(loadConfig({}).SMILE_FRAME_ANCESTORS).toEqual(["'self'"]);
    expect(loadConfig({ SMILE_FRAME_ANCESTORS: "'self' https://shop.example, https://*.shop.example" }).SMILE_FRAME_ANCESTORS).toEqual([
      "'self'",
      'https://shop.example',
      'https://*.shop.example',
    ]);
    expect(() => loadConfig({ SMILE_FRAME_ANCESTORS: "https://x.example; script-src 'unsafe-inline'" })).toThrow(/SMILE_FRAME_ANCESTORS/);
  });

  it('when the callback and serviceUrl host lists are set, then they are read as lists; a URL in place of a host is refused', () => {
    const c = loadConfig({ SMILE_KAKAO_CALLBACK_HOSTS: 'bot-api.kakao.com, *.kakao.test', SMILE_BF_SERVICE_URL_HOSTS: '*.botframework.com' });
    expect(c.SMILE_KAKAO_CALLBACK_HOSTS).toEqual(['bot-api.kakao.com', '*.kakao.test']);
    expect(loadConfig({}).SMILE_KAKAO_CALLBACK_HOSTS).toEqual(['bot-api.kakao.com']);
    expect(() => loadConfig({ SMILE_KAKAO_CALLBACK_HOSTS: 'https://evil.example/' })).toThrow(/SMILE_KAKAO_CALLBACK_HOSTS/);
  });

  it('when SMILE_TRUST_PROXY is unset, a hop count or a list of proxy addresses, then express gets false, the count or the list', () => {
    expect(loadConfig({}).SMILE_TRUST_PROXY).toBe(false);
    expect(loadConfig({ SMILE_TRUST_PROXY: '' }).SMILE_TRUST_PROXY).toBe(false);
    expect(loadConfig({ SMILE_TRUST_PROXY: '1' }).SMILE_TRUST_PROXY).toBe(1);
    expect(loadConfig({ SMILE_TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::1' }).SMILE_TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8', 'fd00::1']);
  });
});
