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
    ['SMILE_REST_JWT_SECRET', 'short'], ['OPENAI_BASE_URL', 'nope'],
  ])('when %s is %s, then the start stops with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`Invalid configuration:[\\s\\S]*${name}`));
  });
});
