import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration', () => {
  it('when nothing is set, then the embedded defaults apply', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3978, SMILE_DATA_DIR: './.smile-data', LOG_LEVEL: 'info' });
    expect(c.MONGODB_URI).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty'], ['MONGODB_URI', 'postgres://x'], ['COMMERCE_API_URL', 'not a url'], ['LOG_LEVEL', 'loud'],
    ['SMILE_REST_JWT_SECRET', 'short'], ['OPENAI_BASE_URL', 'nope'], ['SMILE_TRUST_PROXY', 'true'],
    ['SMILE_TRUST_PROXY', '10.0.0.0/33'], ['SMILE_TRUST_PROXY', 'proxy.internal'], ['SMILE_RATE_LIMIT_PER_MIN', '0'],
  ])('when %s is %s, then the start stops with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`Invalid configuration:[\\s\\S]*${name}`));
  });

  it('when NODE_ENV=production and no MicrosoftAppId is set, then the start stops naming it, unless Bot Framework is off', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId: required when NODE_ENV=production/);
    expect(loadConfig({ NODE_ENV: 'production', SMILE_BOTFRAMEWORK_ENABLED: 'false' }).SMILE_BOTFRAMEWORK_ENABLED).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' }).MicrosoftAppId).toBe('app');
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
