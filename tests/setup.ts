import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';

// Outbound HTTP goes nowhere but loopback (the sandbox); anything else must be stubbed with nock.
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});
afterEach(() => {
  nock.cleanAll();
});
