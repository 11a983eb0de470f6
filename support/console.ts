import express, { type Router } from 'express';

/**
 * GET /agent: the agent console (its script and styles are static files, web/console.js and web/console.css).
 * Layout: a fixed header (presence, name, sign out); the queue with filters and the search of resolved conversations |
 * the conversation (summary, transcript, reply with canned replies, notes) | the customer (orders, shipments,
 * returns, notices). Live through /v1/agent/events; a half-written reply is never touched by a live update.
 */
export const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Smile — agent console</title>
<link rel="stylesheet" href="/web/base.css">
<link rel="stylesheet" href="/web/console.css">
<script src="/web/console.js" defer></script>
</head>
<body>
<header id="top">
  <h1>Smile — agent console</h1>
  <div id="me" hidden>
    <label for="presence">Status</label>
    <select id="presence"><option value="available">Available</option><option value="away">Away</option></select>
    <span id="who"></span>
    <button type="button" id="logout">Sign out</button>
  </div>
</header>
<main id="loginView">
  <form id="login">
    <h2>Sign in</h2>
    <label for="username">Username</label>
    <input id="username" autocomplete="username" required>
    <label for="password">Password</label>
    <input id="password" type="password" autocomplete="current-password" required>
    <button type="submit">Sign in</button>
    <div id="loginError" role="alert"></div>
  </form>
</main>
<div id="app" hidden>
  <nav id="side" aria-label="Conversations">
    <div class="filters" role="group" aria-label="Filter the queue">
      <label class="sr-only" for="fView">Show</label>
      <select id="fView"><option value="open">All open</option><option value="mine">Mine</option><option value="unassigned">Unassigned</option></select>
      <label class="sr-only" for="fPriority">Priority</label>
      <select id="fPriority"><option value="">Any priority</option><option value="high">High priority</option></select>
      <label class="sr-only" for="fLang">Language</label>
      <select id="fLang"><option value="">Any language</option><option value="en-US">English</option><option value="ko-KR" lang="ko">한국어</option></select>
    </div>
    <h2 class="section">Queue <span id="queueCount"></span></h2>
    <ul id="queue" aria-live="polite"></ul>
    <form id="search" role="search">
      <label for="q" class="section">Search resolved conversations</label>
      <div class="row"><input id="q" type="search" minlength="2" placeholder="Name, product, words…"><button type="submit">Search</button></div>
    </form>
    <ul id="results"></ul>
  </nav>
  <section id="conv" aria-label="Conversation"><p class="empty">Choose a conversation from the queue.</p></section>
  <aside id="customer" aria-label="Customer" tabindex="0"></aside>
</div>
<p id="announce" class="sr-only" aria-live="polite"></p>
</body>
</html>`;

export function agentConsole(): Router {
  const router = express.Router();
  router.get('/agent', (_req, res) => {
    res.type('html').send(PAGE);
  });
  return router;
}
