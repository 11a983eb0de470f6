/*
 * The agent console (GET /agent). One conversation is open at a time; its reply box is built once when it opens and
 * live updates only redraw the transcript, the header and the summary, so a half-written reply is never lost (drafts
 * are also kept per conversation when switching). Unread conversations are marked in the queue and counted in the
 * tab's title. Shortcuts: Alt+↓/↑ next/previous conversation, Alt+C claim, Alt+R resolve, Alt+B hand back,
 * Alt+1…5 insert a canned reply, "/" search, Enter send, Shift+Enter new line. Every label is drawn in the agent's
 * language (the switch in the header, kept in this browser; else Smile's SMILE_AGENT_LOCALE), times too. A sound
 * alert (off until the agent turns it on, which also satisfies the browser's autoplay rule) plays on a new
 * conversation or a customer's message.
 */
(function () {
  'use strict';
  var $ = function (id) {
    return document.getElementById(id);
  };
  var me = null;
  var current = null; // id of the open escalation
  var currentEsc = null;
  var queue = [];
  var unread = new Set();
  var drafts = new Map();
  var canned = [];
  var events = null;
  var LABELS = JSON.parse($('console-labels').textContent);
  var locale = recall('smile.console.locale') || LABELS['default'];
  var soundOn = recall('smile.console.sound') === 'on';
  /** A label in the agent's language, its {marks} filled. */
  var t = function (key, values) {
    var text = (LABELS[locale] || LABELS['en-US'])[key] || LABELS['en-US'][key] || key;
    return text.replace(/\{(\w+)\}/g, function (_m, k) {
      return values && values[k] !== undefined ? values[k] : '';
    });
  };
  function recall(key) {
    try {
      return localStorage.getItem(key);
    } catch (_e) {
      return null;
    }
  }
  function keep(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch (_e) {
      // storage blocked: the choice lasts for this page only
    }
  }
  /** Draws every static label, aria-label and placeholder in the agent's language. */
  function applyLabels() {
    document.documentElement.lang = locale === 'ko-KR' ? 'ko' : 'en';
    $('uiLang').value = locale;
    document.querySelectorAll('[data-l]').forEach(function (e) {
      e.textContent = t(e.dataset.l);
    });
    document.querySelectorAll('[data-l-aria]').forEach(function (e) {
      e.setAttribute('aria-label', t(e.dataset.lAria));
    });
    document.querySelectorAll('[data-l-placeholder]').forEach(function (e) {
      e.placeholder = t(e.dataset.lPlaceholder);
    });
    $('sound').setAttribute('aria-pressed', soundOn ? 'true' : 'false');
    if (me) $('who').textContent = (me.displayName || me.username) + ' · ' + t('role.' + me.role);
    showTitle();
  }
  /** The sound alert: only when the agent turned it on (a click on the switch, so the browser lets it play). */
  function ding() {
    if (!soundOn) return;
    var audio = $('alert');
    audio.currentTime = 0;
    var played = audio.play();
    if (played && played.catch) played.catch(function () {});
  }

  async function api(path, body) {
    var res = await fetch(
      path,
      body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
    var json = await res.json().catch(function () {
      return {};
    });
    if (!res.ok) {
      var err = new Error(json.error ? json.error.message : res.statusText);
      err.status = res.status;
      throw err;
    }
    return json;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  var age = function (s) {
    return s < 60 ? t('age.s', { count: s }) : s < 3600 ? t('age.m', { count: Math.round(s / 60) }) : t('age.h', { count: Math.round(s / 3600) });
  };
  var langName = function (l) {
    return l === 'ko-KR' ? t('lang.ko') : t('lang.en');
  };
  var channelName = function (c) {
    var key = 'channel.' + c;
    return t(key) === key ? c : t(key);
  };
  var statusName = function (st) {
    var key = 'status.' + st;
    return t(key) === key ? st : t(key);
  };
  /** A time in the agent's language ("Nov 22, 12:00 PM" / "11월 22일 오후 12:00"), in this browser's zone. */
  var when = function (iso) {
    return iso ? new Date(iso).toLocaleString(locale, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }) : '';
  };
  var money = function (amount, currency) {
    try {
      return new Intl.NumberFormat(currency === 'KRW' ? 'ko-KR' : 'en-US', { style: 'currency', currency: currency }).format(amount);
    } catch (_e) {
      return amount + ' ' + currency;
    }
  };
  var nameOf = function (e) {
    return (e.customer && e.customer.name) || e.customerId || t('unknown_customer');
  };
  var announce = function (text) {
    $('announce').textContent = text;
  };
  function showTitle() {
    document.title = (unread.size ? '(' + unread.size + ') ' : '') + t('title');
  }

  async function start() {
    try {
      var who = await api('/v1/agent/me');
      me = who.agent;
      if (!recall('smile.console.locale') && who.locale) locale = who.locale;
    } catch (_e) {
      me = null;
    }
    applyLabels();
    $('loginView').hidden = !!me;
    $('app').hidden = !me;
    $('me').hidden = !me;
    if (!me) {
      $('username').focus();
      return;
    }
    $('who').textContent = (me.displayName || me.username) + ' · ' + t('role.' + me.role);
    await refreshQueue();
    listen();
  }

  function listen() {
    if (events) events.close();
    events = new EventSource('/v1/agent/events');
    // Connected (or connected again): the queue is read once more, so nothing that came while connecting is missed.
    events.addEventListener('open', function () {
      document.body.setAttribute('data-live', 'on');
      refreshQueue();
    });
    events.addEventListener('error', function () {
      document.body.setAttribute('data-live', 'off');
    });
    var kinds = ['escalation_created', 'claimed', 'resolved', 'handed_back', 'customer_message', 'agent_message', 'note', 'callback_requested'];
    kinds.forEach(function (kind) {
      events.addEventListener(kind, function (e) {
        var ev = JSON.parse(e.data);
        if ((kind === 'customer_message' || kind === 'escalation_created') && (ev.escalationId !== current || document.hidden)) {
          unread.add(ev.escalationId);
          showTitle();
          ding();
          if (kind === 'escalation_created') announce(t('new_waiting'));
        }
        refreshQueue();
        if (current && ev.escalationId === current) refreshOpen();
      });
    });
  }

  function filtered() {
    var view = $('fView').value;
    var priority = $('fPriority').value;
    var lang = $('fLang').value;
    return queue.filter(function (e) {
      if (e.status !== 'queued' && e.status !== 'active') return false;
      if (view === 'mine' && e.claimedBy !== me.username) return false;
      if (view === 'unassigned' && e.claimedBy) return false;
      if (priority && e.priority !== priority) return false;
      if (lang && e.locale !== lang) return false;
      return true;
    });
  }

  function queueItem(e, onOpen) {
    var li = el('li', 'item' + (e.id === current ? ' sel' : '') + (unread.has(e.id) ? ' unread' : ''));
    li.dataset.id = e.id;
    var button = el('button', 'open');
    button.type = 'button';
    var top = el('span', 'line1');
    top.append(el('span', 'name', nameOf(e)), el('span', 'lang', langName(e.locale)));
    if (unread.has(e.id)) top.append(el('span', 'dot', t('unread')));
    button.append(top);
    var meta = el('span', 'meta');
    if (e.priority === 'high') meta.append(el('span', 'high', t('high')), document.createTextNode(' · '));
    meta.append(
      document.createTextNode(
        (e.status === 'active' ? (e.claimedBy === me.username ? t('with_you') : t('with', { agent: e.claimedBy })) : statusName(e.status)) +
          ' · ' +
          channelName(e.channel) +
          (e.ageSeconds !== undefined ? ' · ' + age(e.ageSeconds) : e.closedAt ? ' · ' + when(e.closedAt) : ''),
      ),
    );
    button.append(meta, el('span', 'snippet', e.match || (e.summary || '').split('\n')[0]));
    button.addEventListener('click', onOpen);
    li.append(button);
    return li;
  }

  async function refreshQueue() {
    queue = (await api('/v1/agent/escalations')).escalations;
    var list = filtered();
    $('queueCount').textContent = '(' + list.length + ')';
    $('queue').replaceChildren.apply(
      $('queue'),
      list.length
        ? list.map(function (e) {
            return queueItem(e, function () {
              open(e.id);
            });
          })
        : [el('li', 'empty', t('nobody_waiting'))],
    );
  }

  function action(label, path, key) {
    var b = el('button', path === 'claim' ? 'primary' : '', label);
    b.type = 'button';
    b.dataset.action = path;
    b.title = label + ' (Alt+' + key + ')';
    b.setAttribute('aria-keyshortcuts', 'Alt+' + key);
    b.addEventListener('click', function () {
      act(path);
    });
    return b;
  }
  async function act(path) {
    if (!current) return;
    try {
      await api('/v1/agent/escalations/' + current + '/' + path, {});
      announce(path === 'claim' ? t('claimed') : path === 'resolve' ? t('resolved') : t('handed_back'));
    } catch (err) {
      announce(err.message);
      $('convError').textContent = err.message;
    }
    await refreshOpen();
    refreshQueue();
  }

  /** The parts of the open conversation that live updates redraw (never the reply box). */
  function drawHead(e, customer) {
    var head = $('convHead');
    head.replaceChildren();
    var title = el('div', 'title');
    title.append(el('h2', '', (customer && customer.name) || e.customerId || t('unknown_customer')));
    title.append(
      el('span', 'pill', langName(e.locale)),
      el('span', 'pill ' + (e.priority === 'high' ? 'high' : ''), t(e.priority === 'high' ? 'high' : 'normal')),
    );
    head.append(title);
    head.append(
      el(
        'p',
        'meta',
        [
          // "with you" / "with alice" says it is active; other states are named.
          e.claimedBy && e.status === 'active'
            ? e.claimedBy === me.username
              ? t('with_you')
              : t('with', { agent: e.claimedBy })
            : statusName(e.status),
          channelName(e.channel),
          t('reply_due', { time: when(e.slaDueAt) }),
          e.callback ? t('call_back') + ' ' + e.callback.phone : '',
        ]
          .filter(Boolean)
          .join(' · '),
      ),
    );
    var actions = el('div', 'actions');
    if (e.status === 'queued') actions.append(action(t('claim'), 'claim', 'C'));
    if (e.status === 'active') actions.append(action(t('resolve'), 'resolve', 'R'), action(t('handback'), 'handback', 'B'));
    head.append(actions);
    var error = el('p', 'error');
    error.id = 'convError';
    error.setAttribute('role', 'alert');
    head.append(error);
  }
  function drawBrief(lines) {
    var dl = $('brief');
    dl.replaceChildren();
    lines.forEach(function (l) {
      dl.append(el('dt', '', l.label), el('dd', '', l.value));
    });
  }
  function drawTranscript(transcript, customer) {
    var box = $('transcript');
    var atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    box.replaceChildren();
    transcript.forEach(function (line) {
      var row = el('div', 'line ' + line.from);
      var who =
        line.from === 'customer'
          ? (customer && customer.name) || t('customer')
          : line.from === 'bot'
            ? t('bot')
            : line.from === 'agent'
              ? t('agent')
              : t('system');
      row.append(el('span', 'by', who + ' · ' + when(line.at)), el('span', 'text', line.text));
      box.append(row);
    });
    if (atBottom || !box.dataset.drawn) box.scrollTop = box.scrollHeight;
    box.dataset.drawn = '1';
  }
  function drawComposer(e) {
    var composer = $('composer');
    composer.hidden = e.status !== 'active' && e.status !== 'queued';
    var mine = e.status === 'active' && (e.claimedBy === me.username || me.role === 'supervisor');
    $('replyText').disabled = !mine;
    $('replySend').disabled = !mine;
    $('cannedList')
      .querySelectorAll('button')
      .forEach(function (b) {
        b.disabled = !mine;
      });
    $('replyHint').textContent = mine ? t('hint') : e.status === 'queued' ? t('claim_to_reply') : '';
  }

  function money2(o) {
    return money(o.total, o.currency);
  }
  async function drawCustomer() {
    var aside = $('customer');
    var id = current;
    var data;
    try {
      data = await api('/v1/agent/escalations/' + id + '/customer');
    } catch (err) {
      aside.replaceChildren(el('p', 'error', err.message));
      return;
    }
    if (id !== current) return;
    aside.replaceChildren();
    var c = data.customer;
    aside.append(el('h2', '', c ? c.name : t('customer')));
    if (c) aside.append(el('p', 'meta', langName(c.locale) + ' · ' + currentEsc.customerId));
    var section = function (title, rows, draw) {
      aside.append(el('h3', '', title + ' (' + rows.length + ')'));
      var ul = el('ul', 'facts');
      rows.forEach(function (r) {
        ul.append(draw(r));
      });
      if (!rows.length) ul.append(el('li', 'meta', t('none')));
      aside.append(ul);
    };
    section(t('orders'), data.orders, function (o) {
      var li = el('li');
      li.append(el('strong', '', o.id + ' · ' + statusName(o.status)));
      li.append(
        el(
          'span',
          '',
          o.items
            .map(function (i) {
              return i.quantity + ' × ' + i.name;
            })
            .join(', ') +
            ' · ' +
            money2(o),
        ),
      );
      return li;
    });
    section(t('shipments'), data.shipments, function (s) {
      var li = el('li');
      li.append(el('strong', '', s.id + ' · ' + statusName(s.status)), el('span', '', s.place.label + ' · ' + when(s.window.start)));
      return li;
    });
    section(t('returns'), data.returns, function (r) {
      var li = el('li');
      var method = t('method.' + r.method) === 'method.' + r.method ? r.method.replace('_', ' ') : t('method.' + r.method);
      li.append(
        el('strong', '', r.id + ' · ' + statusName(r.status)),
        el('span', '', method + (r.dropoffCode ? ' · ' + t('dropoff_code', { code: r.dropoffCode }) : '') + ' · ' + r.reason),
      );
      return li;
    });
    section(t('notices'), data.notices, function (n) {
      var li = el('li');
      li.append(el('strong', '', channelName(n.channel) + ' · ' + when(n.sentAt)), el('span', '', n.text));
      return li;
    });
    var notes = el('h3', '', t('notes') + ' (' + currentEsc.notes.length + ')');
    aside.append(notes);
    var ul = el('ul', 'facts');
    currentEsc.notes.forEach(function (n) {
      ul.append(el('li', '', n.by + ': ' + n.text));
    });
    aside.append(ul);
  }

  async function refreshOpen() {
    var id = current;
    var d = await api('/v1/agent/escalations/' + id + '?locale=' + locale);
    if (id !== current) return;
    currentEsc = d.escalation;
    drawHead(d.escalation, d.customer);
    drawBrief(d.brief);
    drawTranscript(d.transcript, d.customer);
    drawComposer(d.escalation);
  }

  function insertCanned(i) {
    var c = canned[i];
    var input = $('replyText');
    if (!c || input.disabled) return;
    input.value = input.value ? input.value.replace(/\s*$/, ' ') + c.text : c.text;
    drafts.set(current, input.value);
    input.focus();
  }

  async function open(id) {
    if (current && $('replyText')) drafts.set(current, $('replyText').value);
    current = id;
    unread.delete(id);
    showTitle();
    document.querySelectorAll('#queue .item').forEach(function (item) {
      item.classList.toggle('sel', item.dataset.id === id);
      if (item.dataset.id === id) {
        item.classList.remove('unread');
        var dot = item.querySelector('.dot');
        if (dot) dot.remove();
      }
    });
    var conv = $('conv');
    var head = el('div');
    head.id = 'convHead';
    var brief = el('dl');
    brief.id = 'brief';
    var transcript = el('div');
    transcript.id = 'transcript';
    transcript.setAttribute('role', 'log');
    transcript.setAttribute('aria-label', t('transcript'));
    transcript.tabIndex = 0;

    // The reply box: built here once, never redrawn by live updates.
    var composer = el('div');
    composer.id = 'composer';
    var cannedList = el('div', 'canned');
    cannedList.id = 'cannedList';
    cannedList.setAttribute('role', 'group');
    cannedList.setAttribute('aria-label', t('canned'));
    var reply = el('form', 'reply');
    reply.id = 'reply';
    var label = el('label', 'sr-only', t('reply'));
    label.htmlFor = 'replyText';
    var input = el('textarea');
    input.id = 'replyText';
    input.rows = 2;
    input.placeholder = t('reply');
    input.value = drafts.get(id) || '';
    input.addEventListener('input', function () {
      drafts.set(id, input.value);
    });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
        ev.preventDefault();
        reply.requestSubmit();
      }
    });
    var send = el('button', 'primary', t('send'));
    send.id = 'replySend';
    send.type = 'submit';
    reply.append(label, input, send);
    reply.addEventListener('submit', async function (ev) {
      ev.preventDefault();
      var text = input.value.trim();
      if (!text) return;
      send.disabled = true;
      try {
        await api('/v1/agent/escalations/' + id + '/messages', { text: text });
        input.value = '';
        drafts.delete(id);
      } catch (err) {
        $('convError').textContent = err.message;
      }
      send.disabled = false;
      input.focus();
      if (id === current) refreshOpen();
    });
    var hint = el('p', 'hint');
    hint.id = 'replyHint';
    var note = el('form', 'note');
    var nlabel = el('label', 'sr-only', t('note'));
    nlabel.htmlFor = 'noteText';
    var ninput = el('input');
    ninput.id = 'noteText';
    ninput.placeholder = t('note_placeholder');
    var nbutton = el('button', '', t('add_note'));
    nbutton.type = 'submit';
    note.append(nlabel, ninput, nbutton);
    note.addEventListener('submit', async function (ev) {
      ev.preventDefault();
      if (!ninput.value.trim()) return;
      await api('/v1/agent/escalations/' + id + '/notes', { text: ninput.value.trim() });
      ninput.value = '';
      drawCustomer();
    });
    composer.append(cannedList, reply, hint, note);
    var summary = el('section', 'summary');
    summary.setAttribute('aria-label', t('summary'));
    summary.append(brief);
    conv.replaceChildren(head, summary, transcript, composer);
    $('customer').replaceChildren(el('p', 'meta', t('loading')));

    await refreshOpen();
    api('/v1/agent/escalations/' + id + '/canned?locale=' + locale).then(function (r) {
      if (id !== current) return;
      canned = r.replies;
      cannedList.replaceChildren();
      canned.forEach(function (c, i) {
        var b = el('button', 'chip', c.title);
        b.type = 'button';
        b.title = c.text + ' (Alt+' + (i + 1) + ')';
        b.addEventListener('click', function () {
          insertCanned(i);
        });
        cannedList.append(b);
      });
      drawComposer(currentEsc);
    });
    drawCustomer();
  }

  async function search(q) {
    var results = $('results');
    try {
      var found = (await api('/v1/agent/history?q=' + encodeURIComponent(q))).escalations;
      results.replaceChildren.apply(
        results,
        found.length
          ? found.map(function (e) {
              return queueItem(e, function () {
                open(e.id);
              });
            })
          : [el('li', 'empty', t('nothing_found'))],
      );
    } catch (err) {
      results.replaceChildren(el('li', 'error', err.message));
    }
  }

  $('login').addEventListener('submit', async function (ev) {
    ev.preventDefault();
    try {
      await api('/v1/agent/login', { username: $('username').value, password: $('password').value });
      $('loginError').textContent = '';
      $('password').value = '';
      start();
    } catch (err) {
      $('loginError').textContent = err.status === 401 ? t('login_failed') : err.status === 429 ? t('login_locked') : t('failed');
    }
  });
  $('logout').addEventListener('click', async function () {
    await api('/v1/agent/logout', {});
    location.reload();
  });
  $('presence').addEventListener('change', function () {
    api('/v1/agent/presence', { status: $('presence').value }).then(function (r) {
      announce(t('presence_now') + ' ' + t(r.status));
    });
  });
  $('uiLang').addEventListener('change', function () {
    locale = $('uiLang').value;
    keep('smile.console.locale', locale);
    applyLabels();
    if (me) {
      refreshQueue();
      // The open conversation is drawn again in the new language; its draft is kept.
      if (current) open(current);
    }
  });
  $('sound').addEventListener('click', function () {
    soundOn = !soundOn;
    keep('smile.console.sound', soundOn ? 'on' : 'off');
    $('sound').setAttribute('aria-pressed', soundOn ? 'true' : 'false');
    announce(t(soundOn ? 'sound_on' : 'sound_off'));
    // Loaded (not played) inside the click, so the browser allows it to play later without one.
    if (soundOn) $('alert').load();
  });
  ['fView', 'fPriority', 'fLang'].forEach(function (id) {
    $(id).addEventListener('change', refreshQueue);
  });
  $('search').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var q = $('q').value.trim();
    if (q.length >= 2) search(q);
  });
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && current) {
      unread.delete(current);
      showTitle();
    }
  });
  document.addEventListener('keydown', function (ev) {
    if (!me) return;
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (ev.key === '/' && !typing) {
      ev.preventDefault();
      $('q').focus();
      return;
    }
    if (!ev.altKey) return;
    var list = filtered();
    var at = list.findIndex(function (e) {
      return e.id === current;
    });
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      var next = list[ev.key === 'ArrowDown' ? Math.min(at + 1, list.length - 1) : Math.max(at - 1, 0)];
      if (next) open(next.id);
    } else if (/^Digit[1-5]$/.test(ev.code)) {
      ev.preventDefault();
      insertCanned(Number(ev.code.slice(5)) - 1);
    } else {
      // By the key's place (ev.code): Alt+letter types a symbol on some keyboards.
      var path = { KeyC: 'claim', KeyR: 'resolve', KeyB: 'handback' }[ev.code];
      var button = path && document.querySelector('[data-action="' + path + '"]');
      if (button) {
        ev.preventDefault();
        act(path);
      }
    }
  });
  start();
})();
