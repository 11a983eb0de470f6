import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../app/config.js';
import { startSmile } from '../app/server.js';

describe('when MongoDB cannot be reached at start', () => {
  it('then Smile refuses to start within the configured time, with a message that says where and why', async () => {
    // A port that is certainly closed: bind one, note it, release it.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const config = ConfigSchema.parse({
      PORT: '0',
      LOG_LEVEL: 'silent',
      MONGODB_URI: `mongodb://user:secret@127.0.0.1:${port}/smile`,
      MONGODB_SERVER_SELECTION_TIMEOUT_MS: '400',
    });
    const started = Date.now();
    const err = await startSmile(config, { logger: pino({ level: 'silent' }), host: '127.0.0.1' }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(new RegExp(`Could not reach MongoDB at mongodb://\\*\\*\\*@127.0.0.1:${port}/smile within 400 ms`));
    expect(err?.message).not.toMatch(/secret/);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
