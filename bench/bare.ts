/**
 * The benchmark's ceiling: a bare express JSON handler on the same route and body as Smile's POST /v1/chat, answering
 * at once with no state, no understanding and no outside call.
 *   PORT=4003 npx tsx bench/bare.ts
 */
import express from 'express';

const app = express();
app.use(express.json({ limit: '16kb' }));
app.post('/v1/chat', (req, res) => {
  const { conversationId } = req.body as { conversationId: string };
  res.json({ conversationId, messages: [{ text: 'OK' }], state: { flow: null } });
});
app.get('/readyz', (_req, res) => {
  res.json({ ok: true });
});
app.listen(Number(process.env.PORT ?? 4003), '127.0.0.1');
