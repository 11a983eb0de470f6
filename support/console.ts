import express, { type Router } from 'express';

/**
 * GET /agent: the agent console. Sign in, the queue (highest priority and oldest first), one conversation with its
 * transcript, the customer's orders and notes; claim, reply, note, resolve, hand back. Live through /v1/agent/events.
 */
export const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Smile — agent console</title>
<style>
  :root { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans KR", sans-serif; color-scheme: light dark; }
  body { margin: 0; }
  header { display: flex; align-items: center; gap: 1rem; padding: .6rem 1rem; border-bottom: 1px solid #8884; }
  header h1 { font-size: 1.05rem; margin: 0 auto 0 0; }
  #login { max-width: 320px; margin: 4rem auto; display: grid; gap: .6rem; }
  #app { display: grid; grid-template-columns: 340px 1fr; height: calc(100vh - 49px); }
  #queue { border-right: 1px solid #8884; overflow-y: auto; }
  .item { padding: .6rem .9rem; border-bottom: 1px solid #8882; cursor: pointer; }
  .item:hover, .item.sel { background: #2563eb22; }
  .item .meta { font-size: .8rem; opacity: .75; }
  .high { color: #dc2626; font-weight: 600; }
  #detail { display: flex; flex-direction: column; overflow: hidden; }
  #head { padding: .75rem 1rem; border-bottom: 1px solid #8884; }
  #head .actions { display: flex; gap: .5rem; margin-top: .5rem; }
  #body { flex: 1; display: grid; grid-template-columns: 1fr 280px; overflow: hidden; }
  #transcript { overflow-y: auto; padding: 1rem; display: flex; flex-direction: column; gap: .4rem; }
  .line { max-width: 80%; padding: .4rem .7rem; border-radius: .6rem; white-space: pre-wrap; }
  .customer { align-self: flex-start; background: #8882; }
  .bot { align-self: flex-start; background: #16a34a22; }
  .agent, .system { align-self: flex-end; background: #2563eb; color: white; }
  .system { background: #6b7280; }
  aside { border-left: 1px solid #8884; padding: .75rem; overflow-y: auto; font-size: .9rem; }
  form.row { display: flex; gap: .5rem; padding: .6rem 1rem; border-top: 1px solid #8884; }
  form.row input { flex: 1; padding: .45rem .6rem; font: inherit; }
  button { font: inherit; padding: .4rem .8rem; cursor: pointer; }
  .empty { padding: 2rem; opacity: .6; }
</style>
</head>
<body>
<header><h1>Smile — agent console</h1><span id="who"></span><button id="logout" hidden>Sign out</button></header>
<form id="login">
  <h2>Sign in</h2>
  <input id="username" placeholder="username" autocomplete="username" required>
  <input id="password" type="password" placeholder="password" autocomplete="current-password" required>
  <button>Sign in</button>
  <div id="loginError" role="alert"></div>
</form>
<div id="app" hidden>
  <nav id="queue"></nav>
  <section id="detail"><div class="empty">Choose a conversation from the queue.</div></section>
</div>
<script>
let me = null; let current = null;
const $ = (id) => document.getElementById(id);
const api = async (path, body) => {
  const res = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error ? json.error.message : res.statusText);
  return json;
};
const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
const age = (s) => s < 60 ? s + 's' : s < 3600 ? Math.round(s / 60) + 'm' : Math.round(s / 3600) + 'h';

async function start() {
  try { me = (await api('/v1/agent/me')).agent; } catch { me = null; }
  $('login').hidden = !!me; $('app').hidden = !me; $('logout').hidden = !me;
  $('who').textContent = me ? me.username + ' (' + me.role + ')' : '';
  if (!me) return;
  await refreshQueue();
  const events = new EventSource('/v1/agent/events');
  events.onmessage = () => {};
  for (const t of ['escalation_created', 'claimed', 'resolved', 'handed_back', 'customer_message', 'agent_message', 'note', 'callback_requested']) {
    events.addEventListener(t, (e) => { const ev = JSON.parse(e.data); refreshQueue(); if (current && ev.escalationId === current) open(current); });
  }
}
async function refreshQueue() {
  const { escalations } = await api('/v1/agent/escalations');
  const list = escalations.filter((e) => e.status === 'queued' || e.status === 'active');
  $('queue').replaceChildren(...(list.length ? list.map((e) => {
    const item = el('div', 'item' + (e.id === current ? ' sel' : ''));
    item.dataset.id = e.id;
    item.append(el('div', '', e.summary));
    const meta = el('div', 'meta');
    meta.append(el('span', e.priority === 'high' ? 'high' : '', e.priority), document.createTextNode(' · ' + e.status + (e.claimedBy ? ' by ' + e.claimedBy : '') + ' · ' + e.channel + ' · ' + age(e.ageSeconds)));
    item.append(meta);
    item.onclick = () => open(e.id);
    return item;
  }) : [el('div', 'empty', 'No one is waiting.')]));
}
async function open(id) {
  current = id;
  const { escalation: e, transcript } = await api('/v1/agent/escalations/' + id);
  const head = el('div'); head.id = 'head';
  head.append(el('strong', '', e.summary), el('div', 'meta', e.customerId + ' · ' + e.channel + ' · ' + e.locale + ' · due ' + new Date(e.slaDueAt).toLocaleTimeString() + (e.callback ? ' · call back ' + e.callback.phone : '')));
  const actions = el('div', 'actions');
  const act = (label, path) => { const b = el('button', '', label); b.onclick = async () => { try { await api('/v1/agent/escalations/' + id + '/' + path, {}); } catch (err) { alert(err.message); } open(id); refreshQueue(); }; return b; };
  if (e.status === 'queued') actions.append(act('Claim', 'claim'));
  if (e.status === 'active') actions.append(act('Resolve', 'resolve'), act('Hand back to bot', 'handback'));
  head.append(actions);
  const t = el('div'); t.id = 'transcript';
  for (const line of transcript) t.append(el('div', 'line ' + line.from, line.text));
  const aside = el('aside');
  aside.append(el('h3', '', 'Orders'));
  for (const o of e.orders) aside.append(el('div', '', o.id + ' · ' + o.status + ' · ' + o.items));
  aside.append(el('h3', '', 'Notes'));
  for (const n of e.notes) aside.append(el('div', '', n.by + ': ' + n.text));
  const body = el('div'); body.id = 'body'; body.append(t, aside);
  const reply = el('form', 'row'); reply.id = 'reply';
  const input = el('input'); input.placeholder = 'Reply to the customer'; input.id = 'replyText';
  reply.append(input, el('button', '', 'Send'));
  reply.onsubmit = async (ev) => { ev.preventDefault(); if (!input.value.trim()) return; try { await api('/v1/agent/escalations/' + id + '/messages', { text: input.value.trim() }); input.value = ''; } catch (err) { alert(err.message); } open(id); };
  const note = el('form', 'row');
  const ninput = el('input'); ninput.placeholder = 'Private note'; ninput.id = 'noteText';
  note.append(ninput, el('button', '', 'Add note'));
  note.onsubmit = async (ev) => { ev.preventDefault(); if (!ninput.value.trim()) return; await api('/v1/agent/escalations/' + id + '/notes', { text: ninput.value.trim() }); ninput.value = ''; open(id); };
  $('detail').replaceChildren(head, body, reply, note);
  t.scrollTop = t.scrollHeight;
  for (const item of document.querySelectorAll('.item')) item.classList.toggle('sel', item.dataset.id === id);
}
$('login').onsubmit = async (ev) => {
  ev.preventDefault();
  try { await api('/v1/agent/login', { username: $('username').value, password: $('password').value }); $('loginError').textContent = ''; start(); }
  catch (err) { $('loginError').textContent = err.message; }
};
$('logout').onclick = async () => { await api('/v1/agent/logout', {}); location.reload(); };
start();
</script>
</body>
</html>`;

export function agentConsole(): Router {
  const router = express.Router();
  router.get('/agent', (_req, res) => {
    // Its Content-Security-Policy comes from app/server.ts (helmet), with the hashes of this page's script and style.
    res.type('html').send(PAGE);
  });
  return router;
}
