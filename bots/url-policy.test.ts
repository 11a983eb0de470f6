import { describe, expect, it } from 'vitest';
import { admitUrl } from './url-policy.js';

describe('the URL policy for URLs named by a request', () => {
  const bf = { hosts: ['*.botframework.com', 'smba.trafficmanager.net'] };
  it.each([
    ['https://webchat.botframework.com/', true],
    ['https://europe.directline.botframework.com/', true],
    ['https://smba.trafficmanager.net/amer/', true],
    ['https://botframework.com/', false],
    ['https://evilbotframework.com/', false],
    ['http://webchat.botframework.com/', false],
    ['https://webchat.botframework.com.evil.example/', false],
    ['https://a:b@webchat.botframework.com/', false],
    ['not a url', false],
  ])('when the allow-list names Bot Framework hosts and the URL is %s, then admitted is %s', (url, admitted) => {
    expect(admitUrl(url, bf) !== null).toBe(admitted);
  });
  it.each([
    ['http://127.0.0.1:9000/', true],
    ['http://localhost:9000/', true],
    ['http://[::1]:9000/', true],
    ['http://10.0.0.1/', false],
    ['http://169.254.169.254/', false],
    ['http://127.0.0.1.nip.io/', false],
    ['file:///etc/passwd', false],
  ])('when only loopback is allowed and the URL is %s, then admitted is %s', (url, admitted) => {
    expect(admitUrl(url, { hosts: [], loopbackOnly: true }) !== null).toBe(admitted);
  });
});
