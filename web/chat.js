/*
 * The chat panel (GET /embed/chat, inside the embed's iframe). It waits for the embed to say who the customer is
 * (the shop's JWT, or a demo user), then shows the conversation kept for them (its id in localStorage, its messages
 * from /v1/conversations/:id/history) or a welcome with starter suggestions (/v1/web-chat/welcome). Sending keeps
 * one message id per message, so "Try again" after a failure can never act twice. What people write and delivery
 * notices arrive on the conversation's event stream.
 */
(function () {
  'use strict';
  var LABELS = JSON.parse(document.getElementById('smile-labels').textContent);
  var $ = function (id) {
    return document.getElementById(id);
  };
  var log = $('log');
  var input = $('text');
  var sendButton = $('send');
  var suggestions = $('suggestions');
  var locale = document.documentElement.lang === 'ko' ? 'ko-KR' : 'en-US';
  var who = null; // { token, user }
  var conversationId = null;
  var cursor = '';
  var busy = false;
  var failed = null; // { text, messageId } of the message that did not go through
  var stream = null;
  var embedded = window.parent !== window;

  var t = function (key) {
    return (LABELS[locale] || LABELS['en-US'])[key];
  };
  var uuid = function () {
    if (crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(b, function (x) {
      return x.toString(16).padStart(2, '0');
    }).join('');
  };
  var subject = function () {
    if (!who.token) return who.user;
    try {
      var part = who.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(part)).sub || 'shop';
    } catch (_e) {
      return 'shop';
    }
  };
  var storageKey = function (what) {
    return 'smile.' + what + '.' + subject();
  };
  var headers = function (json) {
    var h = json ? { 'content-type': 'application/json' } : {};
    if (who.token) h.authorization = 'Bearer ' + who.token;
    return h;
  };
  var withUser = function (path) {
    return who.token ? path : path + (path.indexOf('?') >= 0 ? '&' : '?') + 'userId=' + encodeURIComponent(who.user);
  };
  var tell = function (message) {
    if (embedded) window.parent.postMessage(message, '*');
  };
  // What the panel remembers (the conversation id, the language) lives in the shop page's own storage, handed over
  // in the init message: browsers that block third-party storage would otherwise forget the conversation on reload.
  var kept = {};
  var keep = function (key, value) {
    kept[key] = value;
    if (embedded) tell({ type: 'smile:store', key: key, value: value });
    else
      try {
        localStorage.setItem(key, value);
      } catch (_e) {
        // storage refused: remembered for this page only
      }
  };
  var recall = function (key) {
    if (key in kept) return kept[key];
    if (embedded) return null;
    try {
      return localStorage.getItem(key);
    } catch (_e) {
      return null;
    }
  };

  function applyLabels() {
    document.documentElement.lang = locale === 'ko-KR' ? 'ko' : 'en';
    document.title = t('web.title');
    $('title').textContent = t('web.title');
    $('close').setAttribute('aria-label', t('web.close'));
    $('close').hidden = !embedded;
    $('restart').textContent = t('web.new');
    log.setAttribute('aria-label', t('web.log'));
    $('textLabel').textContent = t('web.input');
    input.placeholder = t('web.placeholder');
    sendButton.textContent = t('web.send');
    $('typingText').textContent = t('web.typing');
    $('retry').textContent = t('web.retry');
    suggestions.setAttribute('aria-label', t('web.suggestions'));
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  var initials = function (name) {
    return name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map(function (w) {
        return w[0];
      })
      .join('')
      .toUpperCase();
  };

  /** One message: mine on the right; Smile's, a person's (with name and avatar) and notices on the left. */
  function add(m) {
    var kind = m.from === 'customer' ? 'me' : m.from === 'agent' ? 'person' : m.from === 'system' ? 'system' : 'bot';
    var row = el('div', 'row ' + kind);
    var name = kind === 'me' ? t('web.you') : kind === 'person' ? m.name || t('agent.unnamed') : kind === 'bot' ? t('web.bot') : t('web.notice');
    if (kind === 'bot') {
      var img = el('img', 'avatar');
      img.src = '/web/smile.svg';
      img.alt = '';
      row.append(img);
    } else if (kind === 'person') {
      row.append(el('span', 'avatar initials', initials(name)));
    }
    var bubble = el('div', 'bubble');
    var by = el('div', kind === 'person' ? 'who' : 'who sr-only', name);
    bubble.append(by, el('div', 'text', m.text));
    // A card with lines (an order, a return) shows its product's picture beside the labelled fields; a choice's
    // card has only its options' pictures, which go on the suggestion buttons instead.
    if (m.card && m.card.lines && m.card.lines.length) {
      var card = el('div', 'card');
      var pictured = (m.card.products || []).filter(function (p) {
        return p.imageUrl;
      })[0];
      if (pictured) card.append(picture(pictured, pictured.name, 'card-picture'));
      var body = el('div', 'card-body');
      body.append(el('div', 'card-title', m.card.title));
      var list = el('ul', 'fields');
      m.card.lines.forEach(function (line) {
        list.append(el('li', '', line));
      });
      body.append(list);
      card.append(body);
      bubble.append(card);
    }
    row.append(bubble);
    log.append(row);
    log.scrollTop = log.scrollHeight;
    if (kind !== 'me') tell({ type: 'smile:message' });
  }

  /** A product's picture: a fixed size (no layout shift), loaded lazily, its alt text given (empty beside its name). */
  function picture(product, alt, cls) {
    var img = el('img', cls);
    img.src = product.imageUrl;
    img.alt = alt;
    img.loading = 'lazy';
    img.decoding = 'async';
    img.width = cls === 'card-picture' ? 64 : 32;
    img.height = img.width;
    return img;
  }

  /** The suggested answers as buttons; a product among them shows its picture (the button's text names it). */
  function suggest(list, card) {
    suggestions.replaceChildren();
    var products = (card && card.products) || [];
    (list || []).forEach(function (s) {
      var b = el('button', 'chip');
      b.type = 'button';
      var product = products.filter(function (p) {
        return p.name === s && p.imageUrl;
      })[0];
      if (product) {
        b.classList.add('with-picture');
        b.append(picture(product, '', 'chip-picture'));
      }
      b.append(document.createTextNode(s));
      b.addEventListener('click', function () {
        send(s);
      });
      suggestions.append(b);
    });
  }

  function setBusy(on) {
    busy = on;
    sendButton.disabled = on;
    $('typing').hidden = !on;
    log.setAttribute('aria-busy', on ? 'true' : 'false');
    if (on) log.scrollTop = log.scrollHeight;
  }

  function showError(message) {
    $('errorText').textContent = message || t('web.failed');
    $('error').hidden = false;
  }

  async function send(text, retry) {
    if (busy) return;
    var message = retry ? failed : { text: text, messageId: uuid() };
    if (!retry) {
      add({ from: 'customer', text: text });
      suggest([]);
    }
    failed = null;
    $('error').hidden = true;
    setBusy(true);
    input.focus();
    try {
      var res = await fetch('/v1/chat', {
        method: 'POST',
        headers: headers(true),
        body: JSON.stringify(
          Object.assign({ text: message.text, conversationId: conversationId, messageId: message.messageId }, who.token ? {} : { userId: who.user }),
        ),
      });
      var body = await res.json().catch(function () {
        return {};
      });
      if (!res.ok) {
        failed = message;
        showError(res.status < 500 && body.error ? body.error.message : null);
        return;
      }
      if (body.locale && body.locale !== locale) {
        locale = body.locale;
        keep(storageKey('locale'), locale);
        applyLabels();
      }
      body.messages.forEach(function (m) {
        add({ from: 'bot', text: m.text, card: m.card });
      });
      var last = body.messages[body.messages.length - 1];
      suggest(last && last.suggestions, last && last.card);
      listen();
    } catch (_e) {
      failed = message;
      showError(null);
    } finally {
      setBusy(false);
      input.focus();
    }
  }

  /**
   * What people wrote, notices, and the answer to a request resumed after sign-in, since the cursor (after a stream
   * event, and whenever the stream reconnects).
   */
  async function catchUp() {
    var res = await fetch(withUser('/v1/conversations/' + conversationId + '/messages?after=' + encodeURIComponent(cursor)), {
      headers: headers(false),
    });
    if (!res.ok) return;
    var body = await res.json();
    (body.messages || []).forEach(function (m) {
      if (m.at > cursor) {
        add(m);
        cursor = m.at;
        // Smile's answer to a request resumed after sign-in: its buttons ("Yes", "No") are offered here too.
        if (m.from === 'bot') suggest(m.suggestions || []);
      }
    });
  }

  /** The conversation's Server-Sent Events, read with fetch so the shop's token goes in a header, not the URL. */
  async function listen() {
    if (stream) return;
    var control = new AbortController();
    stream = control;
    try {
      var res = await fetch(withUser('/v1/conversations/' + conversationId + '/events'), { headers: headers(false), signal: control.signal });
      if (!res.ok || !res.body) throw new Error('no stream');
      await catchUp();
      var reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      var buffer = '';
      for (;;) {
        var chunk = await reader.read();
        if (chunk.done) break;
        buffer += chunk.value;
        var end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          var block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: /m.test(block)) await catchUp();
        }
      }
    } catch (_e) {
      // dropped or aborted: reconnect below unless this stream was replaced
    }
    if (stream === control) {
      stream = null;
      setTimeout(listen, 5000);
    }
  }

  async function loadHistory() {
    var res = await fetch(withUser('/v1/conversations/' + conversationId + '/history'), { headers: headers(false) });
    if (!res.ok) return false;
    var body = await res.json();
    if (!body.messages || !body.messages.length) return false;
    log.replaceChildren();
    body.messages.forEach(function (m) {
      add(m);
    });
    cursor = body.cursor || '';
    var last = body.messages[body.messages.length - 1];
    suggest(last.from === 'bot' ? last.suggestions : [], last.card);
    return true;
  }

  async function welcome() {
    log.replaceChildren();
    try {
      var res = await fetch(withUser('/v1/web-chat/welcome?locale=' + locale), { headers: headers(false) });
      if (!res.ok) throw new Error('welcome ' + res.status);
      var body = await res.json();
      add({ from: 'bot', text: body.text });
      suggest(body.suggestions);
    } catch (_e) {
      suggest([]);
    }
  }

  async function start() {
    locale = recall(storageKey('locale')) || locale;
    applyLabels();
    conversationId = recall(storageKey('conversation'));
    if (conversationId) {
      try {
        if (await loadHistory()) {
          listen();
          return;
        }
      } catch (_e) {
        // unreachable now: start afresh below; the stored id stays for the next load
      }
    } else {
      conversationId = uuid();
      keep(storageKey('conversation'), conversationId);
    }
    await welcome();
  }

  function restart() {
    if (stream) stream.abort();
    stream = null;
    cursor = '';
    conversationId = uuid();
    keep(storageKey('conversation'), conversationId);
    $('error').hidden = true;
    welcome();
    input.focus();
  }

  $('form').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || busy) return;
    input.value = '';
    send(text);
  });
  $('retry').addEventListener('click', function () {
    if (failed) send(failed.text, true);
  });
  $('restart').addEventListener('click', restart);
  $('close').addEventListener('click', function () {
    tell({ type: 'smile:close' });
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') tell({ type: 'smile:close' });
  });
  applyLabels();

  var started = false;
  var begin = function (data) {
    if (started) return;
    started = true;
    who = { token: data.token || null, user: data.user || null };
    kept = data.stored && typeof data.stored === 'object' ? data.stored : {};
    if (data.locale === 'ko-KR' || data.locale === 'en-US') locale = data.locale;
    start().then(function () {
      if (data.open !== false) input.focus();
    });
  };
  if (embedded) {
    window.addEventListener('message', function (event) {
      if (event.source !== window.parent || !event.data) return;
      if (event.data.type === 'smile:init') begin(event.data);
      else if (event.data.type === 'smile:open') input.focus();
    });
    tell({ type: 'smile:ready' });
  } else {
    // Opened on its own (no shop around it): a demo user from the address, e.g. /embed/chat?user=demo.
    var params = new URLSearchParams(location.search);
    begin({ user: params.get('user') || 'demo', locale: params.get('locale') === 'ko' ? 'ko-KR' : 'en-US' });
  }
})();
