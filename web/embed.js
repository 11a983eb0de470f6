/*
 * Smile's web chat on any site, from one tag:
 *   <script src="https://smile.example/embed.js" data-token="SHOP_JWT" data-locale="ko" async></script>
 * It adds a launcher button and, when opened, a panel (an iframe from Smile's origin). The shop's signed-in customer
 * is the shop-signed JWT in data-token (handed to the panel by postMessage, never in a URL); data-user names a demo
 * user instead when Smile runs without SMILE_REST_JWT_SECRET. Labels come from Smile's prompt catalogue (below).
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__smileChat) return;
  window.__smileChat = true;
  var LABELS = /*SMILE_LABELS*/ { 'en-US': { 'web.launcher': 'Chat with us', 'web.close': 'Close chat' } };
  var origin = new URL(script.src, location.href).origin;
  var token = script.getAttribute('data-token') || '';
  var user = script.getAttribute('data-user') || '';
  var wanted = (script.getAttribute('data-locale') || document.documentElement.lang || 'en').toLowerCase();
  var locale = wanted.indexOf('ko') === 0 ? 'ko-KR' : 'en-US';
  var label = function (key) {
    return (LABELS[locale] || LABELS['en-US'])[key];
  };
  var OPEN_KEY = 'smile.chat.open';
  // The panel's memory (conversation id, language), kept in this site's storage: see web/chat.js.
  var STORE_PREFIX = 'smile.panel.';
  var stored = function () {
    var out = {};
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      if (key && key.indexOf(STORE_PREFIX) === 0) out[key.slice(STORE_PREFIX.length)] = localStorage.getItem(key);
    }
    return out;
  };
  var ready = false;
  var phone = window.matchMedia('(max-width: 520px)');
  var frame = null;
  var unread = 0;

  var launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.id = 'smile-launcher';
  launcher.setAttribute('aria-haspopup', 'dialog');
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'smile-panel');
  Object.assign(launcher.style, {
    position: 'fixed',
    right: '20px',
    bottom: '20px',
    zIndex: '2147483000',
    minWidth: '56px',
    height: '56px',
    padding: '0 18px',
    border: '0',
    borderRadius: '28px',
    background: '#1d4ed8',
    color: '#ffffff',
    font: '600 16px/1 system-ui, -apple-system, "Segoe UI", "Apple SD Gothic Neo", "Noto Sans KR", "Noto Sans CJK KR", sans-serif',
    boxShadow: '0 6px 20px rgba(0,0,0,.25)',
    cursor: 'pointer',
  });
  var launcherText = document.createElement('span');
  launcherText.textContent = label('web.launcher');
  var badge = document.createElement('span');
  badge.id = 'smile-unread';
  Object.assign(badge.style, {
    display: 'none',
    marginLeft: '8px',
    minWidth: '22px',
    padding: '3px 6px',
    borderRadius: '11px',
    background: '#ffffff',
    color: '#1d4ed8',
    fontSize: '13px',
  });
  launcher.append(launcherText, badge);

  var panel = document.createElement('div');
  panel.id = 'smile-panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', label('web.launcher'));
  panel.hidden = true;
  Object.assign(panel.style, { position: 'fixed', zIndex: '2147483001', background: '#ffffff', overflow: 'hidden' });
  var place = function () {
    var full = phone.matches;
    Object.assign(panel.style, {
      right: full ? '0' : '20px',
      bottom: full ? '0' : '88px',
      width: full ? '100vw' : '380px',
      height: full ? '100dvh' : 'min(620px, calc(100vh - 110px))',
      borderRadius: full ? '0' : '14px',
      boxShadow: full ? 'none' : '0 12px 40px rgba(0,0,0,.3)',
    });
    launcher.style.display = full && !panel.hidden ? 'none' : '';
  };
  place();
  phone.addEventListener('change', place);

  var post = function (message) {
    if (ready && frame && frame.contentWindow) frame.contentWindow.postMessage(message, origin);
  };
  var showUnread = function () {
    badge.textContent = String(unread);
    badge.style.display = unread ? 'inline-block' : 'none';
    launcher.setAttribute('aria-label', label('web.launcher') + (unread ? ' (' + unread + ')' : ''));
  };
  var open = function () {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.title = label('web.launcher');
      frame.src = origin + '/embed/chat?locale=' + (locale === 'ko-KR' ? 'ko' : 'en');
      frame.allow = 'clipboard-write';
      Object.assign(frame.style, { border: '0', width: '100%', height: '100%', display: 'block' });
      panel.append(frame);
    }
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    unread = 0;
    showUnread();
    place();
    sessionStorage.setItem(OPEN_KEY, '1');
    post({ type: 'smile:open' });
    frame.focus();
  };
  var close = function () {
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    place();
    sessionStorage.removeItem(OPEN_KEY);
    post({ type: 'smile:closed' });
    launcher.focus();
  };
  launcher.addEventListener('click', function () {
    if (panel.hidden) open();
    else close();
  });
  window.addEventListener('message', function (event) {
    if (!frame || event.origin !== origin || event.source !== frame.contentWindow) return;
    var data = event.data || {};
    if (data.type === 'smile:ready') {
      ready = true;
      post({ type: 'smile:init', token: token, user: user, locale: locale, open: !panel.hidden, stored: stored() });
    } else if (data.type === 'smile:store' && typeof data.key === 'string' && typeof data.value === 'string' && data.key.length < 200)
      localStorage.setItem(STORE_PREFIX + data.key, data.value);
    else if (data.type === 'smile:close') close();
    else if (data.type === 'smile:message' && panel.hidden) {
      unread += 1;
      showUnread();
    }
  });
  showUnread();
  var mount = function () {
    document.body.append(panel, launcher);
    if (sessionStorage.getItem(OPEN_KEY)) open();
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
