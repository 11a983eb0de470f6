import express, { type Router } from 'express';
import type { Locale } from '../domain/locale.js';
import { promptKeys, sayAny } from '../prompts/index.js';

/** The console's labels in both languages, from the prompt catalogue (`console.*`), for the page to switch between. */
export function consoleLabels(locale: Locale): Record<string, string> {
  return Object.fromEntries(
    promptKeys(locale).flatMap((k) => (k.startsWith('console.') ? [[k.slice('console.'.length), sayAny(locale, k, MARKS)]] : [])),
  );
}
/** A label's values are drawn as marks ("{agent} 상담 중"), which the page fills. */
const MARKS: Record<string, string> = { name: '{name}', agent: '{agent}', time: '{time}', code: '{code}', count: '{count}' };
/** JSON inside an HTML data block: `<` escaped so no value can close the block. */
const inHtml = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * GET /agent: the agent console (its script and styles are static files, web/console.js, web/base.css and
 * web/console.css). Layout: a fixed header (language, presence, sound alerts, name, sign out); the queue with filters
 * and the search of resolved conversations | the conversation (summary, transcript, reply with canned replies, notes)
 * | the customer (orders, shipments, returns, notices). Live through /v1/agent/events; a half-written reply is never
 * touched by a live update. Every label, aria-label and placeholder is named by a `data-l*` attribute and drawn by the
 * script in the agent's language (their switch, else SMILE_AGENT_LOCALE); the markup below carries the default's.
 */
export function consolePage(locale: Locale): string {
  const l = consoleLabels(locale);
  const lang = locale === 'ko-KR' ? 'ko' : 'en';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${l.title}</title>
<link rel="stylesheet" href="/web/base.css">
<link rel="stylesheet" href="/web/console.css">
<script type="application/json" id="console-labels">${inHtml({ default: locale, 'en-US': consoleLabels('en-US'), 'ko-KR': consoleLabels('ko-KR') })}</script>
<script src="/web/console.js" defer></script>
</head>
<body>
<header id="top">
  <h1 data-l="title">${l.title}</h1>
  <label class="sr-only" for="uiLang" data-l="language">${l.language}</label>
  <select id="uiLang"><option value="en-US" lang="en">English</option><option value="ko-KR" lang="ko">한국어</option></select>
  <div id="me" hidden>
    <label for="presence" data-l="status">${l.status}</label>
    <select id="presence"><option value="available" data-l="available">${l.available}</option><option value="away" data-l="away">${l.away}</option></select>
    <button type="button" id="sound" aria-pressed="false" data-l="sound">${l.sound}</button>
    <span id="who"></span>
    <button type="button" id="logout" data-l="sign_out">${l.sign_out}</button>
  </div>
</header>
<main id="loginView">
  <form id="login">
    <h2 data-l="sign_in">${l.sign_in}</h2>
    <label for="username" data-l="username">${l.username}</label>
    <input id="username" autocomplete="username" required>
    <label for="password" data-l="password">${l.password}</label>
    <input id="password" type="password" autocomplete="current-password" required>
    <button type="submit" data-l="sign_in">${l.sign_in}</button>
    <div id="loginError" role="alert"></div>
  </form>
</main>
<div id="app" hidden>
  <nav id="side" data-l-aria="conversations" aria-label="${l.conversations}">
    <div class="filters" role="group" data-l-aria="filters" aria-label="${l.filters}">
      <label class="sr-only" for="fView" data-l="show">${l.show}</label>
      <select id="fView"><option value="open" data-l="all_open">${l.all_open}</option><option value="mine" data-l="mine">${l.mine}</option><option value="unassigned" data-l="unassigned">${l.unassigned}</option></select>
      <label class="sr-only" for="fPriority" data-l="priority">${l.priority}</label>
      <select id="fPriority"><option value="" data-l="any_priority">${l.any_priority}</option><option value="high" data-l="high_priority">${l.high_priority}</option></select>
      <label class="sr-only" for="fLang" data-l="language">${l.language}</label>
      <select id="fLang"><option value="" data-l="any_language">${l.any_language}</option><option value="en-US" data-l="lang.en">${l['lang.en']}</option><option value="ko-KR" data-l="lang.ko">${l['lang.ko']}</option></select>
    </div>
    <h2 class="section"><span data-l="queue">${l.queue}</span> <span id="queueCount"></span></h2>
    <ul id="queue" aria-live="polite"></ul>
    <form id="search" role="search">
      <label for="q" class="section" data-l="search_label">${l.search_label}</label>
      <div class="row"><input id="q" type="search" minlength="2" data-l-placeholder="search_placeholder" placeholder="${l.search_placeholder}"><button type="submit" data-l="search">${l.search}</button></div>
    </form>
    <ul id="results"></ul>
  </nav>
  <section id="conv" data-l-aria="conversation" aria-label="${l.conversation}"><p class="empty" data-l="choose">${l.choose}</p></section>
  <aside id="customer" data-l-aria="customer" aria-label="${l.customer}" tabindex="0"></aside>
</div>
<audio id="alert" src="/web/alert.wav" preload="auto"></audio>
<p id="announce" class="sr-only" aria-live="polite"></p>
</body>
</html>`;
}
/** The page in English (kept for callers that read the markup). */
export const PAGE = consolePage('en-US');

export function agentConsole(locale: Locale = 'en-US'): Router {
  const router = express.Router();
  const page = consolePage(locale);
  router.get('/agent', (_req, res) => {
    res.type('html').send(page);
  });
  return router;
}
