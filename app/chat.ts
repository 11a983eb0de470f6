/**
 * A terminal chat with the same engine the channels use:
 *   npm run chat -- --user demo-ko --locale ko-KR
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { Locale } from '../nlu/catalogue.js';
import { loadConfig } from './config.js';
import { startSmile } from './server.js';

const { values } = parseArgs({
  options: {
    user: { type: 'string', default: 'demo' },
    locale: { type: 'string' },
    conversation: { type: 'string' },
  },
});
const locale = values.locale ? Locale.safeParse(values.locale) : null;
if (locale && !locale.success) {
  console.error(`--locale must be one of ${Locale.options.join(', ')}`);
  process.exit(2);
}

const config = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' });
const smile = await startSmile(config, { logger: pino({ level: config.LOG_LEVEL }), host: '127.0.0.1' });
const conversationId = values.conversation ?? `cli:${values.user}:${randomUUID().slice(0, 8)}`;
const rl = createInterface({ input: process.stdin, output: process.stdout });
console.log(`Smile (${smile.store.kind} store${smile.sandbox ? ', sandbox APIs' : ''}) — you are "${values.user}". Empty line or Ctrl-D to quit.`);
rl.setPrompt('> ');
rl.prompt();
try {
  for await (const line of rl) {
    const text = line.trim();
    if (!text) break;
    const reply = await smile.engine.handle({
      channel: 'rest',
      channelUserId: values.user,
      conversationId,
      messageId: randomUUID(),
      locale: locale?.success ? locale.data : null,
      input: { type: 'text', text },
      capabilities: { voice: false, cards: true, quickReplies: true, liveChat: false },
    });
    for (const m of reply.messages) {
      console.log(`smile: ${m.text}`);
      if (m.card) console.log(`       [${m.card.title}] ${m.card.lines.join(' · ')}`);
      if (m.suggestions?.length) console.log(`       (${m.suggestions.join(' | ')})`);
    }
    rl.prompt();
  }
} finally {
  rl.close();
  await smile.close();
}
