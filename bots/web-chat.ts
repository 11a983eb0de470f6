import express, { type Router } from 'express';

/**
 * GET /: a small page to try Smile in a browser, on the REST channel. Suggestions are buttons; the demo
 * customer picks the language (demo: English, demo-ko: Korean). Everything it shows comes from /v1/chat.
 */
export const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Smile</title>
<style>
  :root { font-family: system-ui, -apple-system, "Segoe UI", "Apple SD Gothic Neo", "Noto Sans KR", sans-serif; color-scheme: light dark; }
  body { margin: 0; display: flex; justify-content: center; background: Canvas; }
  main { width: min(640px, 100%); height: 100vh; display: flex; flex-direction: column; }
  header { display: flex; gap: .5rem; align-items: center; padding: .75rem 1rem; border-bottom: 1px solid #8884; }
  header h1 { font-size: 1.1rem; margin: 0 auto 0 0; }
  #log { flex: 1; overflow-y: auto; padding: 1rem; display: flex; flex-direction: column; gap: .5rem; }
  .msg { max-width: 85%; padding: .5rem .75rem; border-radius: .75rem; white-space: pre-wrap; line-height: 1.35; }
  .me { align-self: flex-end; background: #2563eb; color: white; }
  .bot { align-self: flex-start; background: #8882; }
  .card { border: 1px solid #8886; border-radius: .5rem; padding: .5rem .75rem; margin-top: .35rem; font-size: .9rem; }
  .card b { display: block; margin-bottom: .2rem; }
  #suggestions { display: flex; flex-wrap: wrap; gap: .4rem; padding: 0 1rem .5rem; }
  #suggestions button { border: 1px solid #2563eb; background: transparent; color: #2563eb; border-radius: 999px; padding: .3rem .75rem; cursor: pointer; }
  form { display: flex; gap: .5rem; padding: .75rem 1rem; border-top: 1px solid #8884; }
  input[type=text] { flex: 1; padding: .5rem .75rem; border-radius: .5rem; border: 1px solid #8886; font: inherit; }
  form button { padding: .5rem 1rem; border-radius: .5rem; border: 0; background: #2563eb; color: white; font: inherit; }
</style>
</head>
<body>
<main>
  <header>
    <h1>Smile</h1>
    <label>Customer <select id="user"><option value="demo">demo (English)</option><option value="demo-ko">demo-ko (한국어)</option></select></label>
  </header>
  <div id="log" aria-live="polite"></div>
  <div id="suggestions"></div>
  <form id="form"><input id="text" type="text" autocomplete="off" maxlength="2000" aria-label="Message"><button>Send</button></form>
</main>
<script>
const log = document.getElementById('log');
const suggestions = document.getElementById('suggestions');
const input = document.getElementById('text');
const user = document.getElementById('user');
const hints = { demo: ['Type a message… e.g. reorder the wipes', 'en'], 'demo-ko': ['메시지를 입력하세요… 예: 물티슈 다시 주문해줘', 'ko'] };
let conversationId = crypto.randomUUID();
let stream = null; let cursor = '';
// During a handoff, what the person writes arrives on a stream; on (re)connecting, anything missed is fetched.
async function catchUp() {
  const q = '?userId=' + encodeURIComponent(user.value) + '&after=' + encodeURIComponent(cursor);
  const body = await (await fetch('/v1/conversations/' + conversationId + '/messages' + q)).json();
  for (const m of body.messages || []) if (m.at > cursor) { add(m.text, 'bot'); cursor = m.at; }
}
function listen() {
  stream = new EventSource('/v1/conversations/' + conversationId + '/events?userId=' + encodeURIComponent(user.value));
  stream.onopen = catchUp;
  stream.addEventListener('agent_message', catchUp);
}
function setUser() {
  if (stream) { stream.close(); stream = null; }
  cursor = '';
  conversationId = crypto.randomUUID();
  log.replaceChildren(); suggestions.replaceChildren();
  input.placeholder = hints[user.value][0];
  document.documentElement.lang = hints[user.value][1];
}
function add(text, who, card) {
  const div = document.createElement('div');
  div.className = 'msg ' + who;
  div.textContent = text;
  if (card) {
    const c = document.createElement('div');
    c.className = 'card';
    const b = document.createElement('b'); b.textContent = card.title; c.append(b);
    for (const line of card.lines) { const l = document.createElement('div'); l.textContent = line; c.append(l); }
    div.append(c);
  }
  log.append(div);
  log.scrollTop = log.scrollHeight;
}
async function send(text) {
  add(text, 'me');
  suggestions.replaceChildren();
  const res = await fetch('/v1/chat', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: user.value, text, conversationId, messageId: crypto.randomUUID() }) });
  const body = await res.json();
  if (!res.ok) { add(body.error ? body.error.message : 'Error', 'bot'); return; }
  for (const m of body.messages) add(m.text, 'bot', m.card);
  if (body.handoff && !stream) listen();
  const last = body.messages[body.messages.length - 1];
  for (const s of (last && last.suggestions) || []) {
    const b = document.createElement('button'); b.type = 'button'; b.textContent = s;
    b.onclick = () => send(s);
    suggestions.append(b);
  }
}
document.getElementById('form').onsubmit = (e) => { e.preventDefault(); const t = input.value.trim(); if (t) { input.value = ''; send(t); } };
user.onchange = setUser;
setUser();
</script>
</body>
</html>`;

export function webChatRouter(): Router {
  const router = express.Router();
  router.get('/', (_req, res) => {
    // Its Content-Security-Policy comes from app/server.ts (helmet), with the hashes of this page's script and style.
    res.type('html').send(PAGE);
  });
  return router;
}
