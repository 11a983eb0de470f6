/*
 * The agent console (GET /agent). One conversation is open at a time; its reply box is built once when it opens and
 * live updates only redraw the transcript, the header and the summary, so a half-written reply is never lost (drafts
 * are also kept per conversation when switching). Unread conversations are marked in the queue and counted in the
 * tab's title. Shortcuts: Alt+↓/↑ next/previous conversation, Alt+C claim, Alt+R resolve, Alt+B hand back,
 * Alt+1…5 insert a canned reply, "/" search, Enter send, Shift+Enter new line.
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
  var TITLE = 'Smile — agent console';

  async function api(path, body) {
    var res = await fetch(
      path,
      body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
    var json = await res.json().catch(function () {
      return {};
    });
    if (!res.ok) throw new Error(json.error ? json.error.message : res.statusText);
    return json;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  var age = function (s) {
    return s < 60 ? s + 's' : s < 3600 ? Math.round(s / 60) + 'm' : Math.round(s / 3600) + 'h';
  };
  var langName = function (locale) {
    return locale === 'ko-KR' ? '한국어' : 'English';
  };
  var when = function (iso) {
    return iso ? new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }) : '';
  };
  var money = function (amount, currency) {
    try {
      return new Intl.NumberFormat(currency === 'KRW' ? 'ko-KR' : 'en-US', { style: 'currency', currency: currency }).format(amount);
    } catch (_e) {
      return amount + ' ' + currency;
    }
  };
  var nameOf = function (e) {
    return (e.customer && e.customer.name) || e.customerId || 'Unknown customer';
  };
  var announce = function (text) {
    $('announce').textContent = text;
  };
  function showTitle() {
    document.title = (unread.size ? '(' + unread.size + ') ' : '') + TITLE;
  }

  async function start() {
    try {
      me = (await api('/v1/agent/me')).agent;
    } catch (_e) {
      me = null;
    }
    $('loginView').hidden = !!me;
    $('app').hidden = !me;
    $('me').hidden = !me;
    if (!me) {
      $('username').focus();
      return;
    }
    $('who').textContent = (me.displayName || me.username) + ' · ' + me.role;
    await refreshQueue();
    listen();
  }

  function listen() {
    if (events) events.close();
    events = new EventSource('/v1/agent/events');
    var kinds = ['escalation_created', 'claimed', 'resolved', 'handed_back', 'customer_message', 'agent_message', 'note', 'callback_requested'];
    kinds.forEach(function (kind) {
      events.addEventListener(kind, function (e) {
        var ev = JSON.parse(e.data);
        if ((kind === 'customer_message' || kind === 'escalation_created') && (ev.escalationId !== current || document.hidden)) {
          unread.add(ev.escalationId);
          showTitle();
          if (kind === 'escalation_created') announce('A new conversation is waiting.');
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
    if (unread.has(e.id)) top.append(el('span', 'dot', 'new'));
    button.append(top);
    var meta = el('span', 'meta');
    if (e.priority === 'high') meta.append(el('span', 'high', 'high'), document.createTextNode(' · '));
    meta.append(
      document.createTextNode(
        (e.status === 'active' ? 'with ' + (e.claimedBy === me.username ? 'you' : e.claimedBy) : e.status) +
          ' · ' +
          e.channel +
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
        : [el('li', 'empty', 'No one is waiting.')],
    );
  }

  function action(label, path, key) {
    var b = el('button', path === 'claim' ? 'primary' : '', label);
    b.type = 'button';
    b.dataset.action = path;
    b.title = label + ' (Alt+' + key + ')';
    b.addEventListener('click', function () {
      act(path);
    });
    return b;
  }
  async function act(path) {
    if (!current) return;
    try {
      await api('/v1/agent/escalations/' + current + '/' + path, {});
      announce(path === 'claim' ? 'Claimed.' : path === 'resolve' ? 'Resolved.' : 'Handed back to the bot.');
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
    title.append(el('h2', '', (customer && customer.name) || e.customerId || 'Unknown customer'));
    title.append(el('span', 'pill', langName(e.locale)), el('span', 'pill ' + (e.priority === 'high' ? 'high' : ''), e.priority));
    head.append(title);
    head.append(
      el(
        'p',
        'meta',
        e.status +
          (e.claimedBy ? ' · with ' + e.claimedBy : '') +
          ' · ' +
          e.channel +
          ' · reply due ' +
          when(e.slaDueAt) +
          (e.callback ? ' · call back ' + e.callback.phone : ''),
      ),
    );
    var actions = el('div', 'actions');
    if (e.status === 'queued') actions.append(action('Claim', 'claim', 'C'));
    if (e.status === 'active') actions.append(action('Resolve', 'resolve', 'R'), action('Hand back to bot', 'handback', 'B'));
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
    var t = $('transcript');
    var atBottom = t.scrollHeight - t.scrollTop - t.clientHeight < 40;
    t.replaceChildren();
    transcript.forEach(function (line) {
      var row = el('div', 'line ' + line.from);
      var who =
        line.from === 'customer'
          ? (customer && customer.name) || 'Customer'
          : line.from === 'bot'
            ? 'Smile'
            : line.from === 'agent'
              ? 'Agent'
              : 'System';
      row.append(el('span', 'by', who + ' · ' + when(line.at)), el('span', 'text', line.text));
      t.append(row);
    });
    if (atBottom || !t.dataset.drawn) t.scrollTop = t.scrollHeight;
    t.dataset.drawn = '1';
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
    $('replyHint').textContent = mine
      ? 'Enter sends · Shift+Enter new line · Alt+1…5 canned replies'
      : e.status === 'queued'
        ? 'Claim it to reply.'
        : '';
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
    aside.append(el('h2', '', c ? c.name : 'Customer'));
    if (c) aside.append(el('p', 'meta', langName(c.locale) + ' · ' + currentEsc.customerId));
    var section = function (title, rows, draw) {
      aside.append(el('h3', '', title + ' (' + rows.length + ')'));
      var ul = el('ul', 'facts');
      rows.forEach(function (r) {
        ul.append(draw(r));
      });
      if (!rows.length) ul.append(el('li', 'meta', 'None'));
      aside.append(ul);
    };
    section('Orders', data.orders, function (o) {
      var li = el('li');
      li.append(el('strong', '', o.id + ' · ' + o.status));
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
    section('Shipments', data.shipments, function (s) {
      var li = el('li');
      li.append(el('strong', '', s.id + ' · ' + s.status), el('span', '', s.place.label + ' · ' + when(s.window.start)));
      return li;
    });
    section('Returns', data.returns, function (r) {
      var li = el('li');
      li.append(
        el('strong', '', r.id + ' · ' + r.status),
        el('span', '', r.method.replace('_', ' ') + (r.dropoffCode ? ' · drop-off code ' + r.dropoffCode : '') + ' · ' + r.reason),
      );
      return li;
    });
    section('Notices received', data.notices, function (n) {
      var li = el('li');
      li.append(el('strong', '', n.kind + ' · ' + n.channel + ' · ' + when(n.sentAt)), el('span', '', n.text));
      return li;
    });
    var notes = el('h3', '', 'Notes (' + currentEsc.notes.length + ')');
    aside.append(notes);
    var ul = el('ul', 'facts');
    currentEsc.notes.forEach(function (n) {
      ul.append(el('li', '', n.by + ': ' + n.text));
    });
    aside.append(ul);
  }

  async function refreshOpen() {
    var id = current;
    var d = await api('/v1/agent/escalations/' + id);
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
    transcript.setAttribute('aria-label', 'Transcript');
    transcript.tabIndex = 0;

    // The reply box: built here once, never redrawn by live updates.
    var composer = el('div');
    composer.id = 'composer';
    var cannedList = el('div', 'canned');
    cannedList.id = 'cannedList';
    cannedList.setAttribute('role', 'group');
    cannedList.setAttribute('aria-label', 'Canned replies');
    var reply = el('form', 'reply');
    reply.id = 'reply';
    var label = el('label', 'sr-only', 'Reply to the customer');
    label.htmlFor = 'replyText';
    var input = el('textarea');
    input.id = 'replyText';
    input.rows = 2;
    input.placeholder = 'Reply to the customer';
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
    var send = el('button', 'primary', 'Send');
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
    var nlabel = el('label', 'sr-only', 'Private note');
    nlabel.htmlFor = 'noteText';
    var ninput = el('input');
    ninput.id = 'noteText';
    ninput.placeholder = 'Private note (the customer never sees it)';
    var nbutton = el('button', '', 'Add note');
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
    summary.setAttribute('aria-label', 'Summary');
    summary.append(brief);
    conv.replaceChildren(head, summary, transcript, composer);
    $('customer').replaceChildren(el('p', 'meta', 'Loading…'));

    await refreshOpen();
    api('/v1/agent/escalations/' + id + '/canned').then(function (r) {
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
          : [el('li', 'empty', 'Nothing found.')],
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
      $('loginError').textContent = err.message;
    }
  });
  $('logout').addEventListener('click', async function () {
    await api('/v1/agent/logout', {});
    location.reload();
  });
  $('presence').addEventListener('change', function () {
    api('/v1/agent/presence', { status: $('presence').value }).then(function (r) {
      announce('You are ' + r.status + '.');
    });
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
