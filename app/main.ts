import { loadConfig } from './config.js';
import { startSmile } from './server.js';

let config;
try {
  config = loadConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
let smile;
try {
  smile = await startSmile(config);
} catch (err) {
  console.error(`Smile could not start: ${(err as Error).message}`);
  process.exit(1);
}
const sandboxNote = smile.sandbox
  ? 'sandbox commerce and logistics APIs at /sandbox (demo users: demo, demo-ko)'
  : 'real commerce and logistics APIs';
smile.logger.info(`Smile is listening on ${smile.url} — store: ${smile.store.kind}, ${sandboxNote}`);
smile.logger.info(
  config.OPENAI_API_KEY
    ? `LLM fallback on (${config.OPENAI_MODEL}${config.OPENAI_BASE_URL ? ` at ${config.OPENAI_BASE_URL}` : ''})`
    : 'No LLM configured: understanding and policy answers are local',
);
if (!config.SMILE_REST_JWT_SECRET)
  smile.logger.warn('POST /v1/chat is open: anyone can speak as any userId. Set SMILE_REST_JWT_SECRET to require a signed token.');
smile.logger.info(`Open ${smile.url}/ to chat in a browser, ${smile.url}/agent for the agent console`);
smile.logger.info(`Try: curl -s ${smile.url}/v1/chat -H 'content-type: application/json' -d '{"userId":"demo","text":"reorder the wipes"}'`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    smile.logger.info(`${signal}: finishing in-flight turns and closing`);
    smile.close().then(
      () => process.exit(0),
      (err) => {
        smile.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
