// The workbench page: Gmail and Sheets views of the emulated world, Baton's sidebar (a card stack
// driven by card actions), and the controls (user, clock, executions, quotas and stores).
import { readFormInputs, renderCard } from './cards.js';

const $ = (selector) => document.querySelector(selector);
const state = {
  app: 'gmail',
  user: '',
  label: 'INBOX',
  threadId: '',
  openMessage: null,
  tab: '',
  world: null,
  stack: [],
  lastExecution: 0,
};

async function api(path, body) {
  const res = await fetch(
    `/api/${path}`,
    body === undefined
      ? {}
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
  );
  const data = await res.json();
  if (!res.ok) throw new Error(data.error ?? `HTTP ${res.status}`);
  return data;
}

function h(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== false)
      node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of [].concat(children))
    if (child !== undefined && child !== null) node.append(child);
  return node;
}

export function toast(text, kind = 'info') {
  const node = h(
    'div',
    { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    text,
  );
  $('#toasts').append(node);
  setTimeout(() => node.remove(), kind === 'error' ? 8000 : 3500);
  // Keep the stack short: the newest three.
  while ($('#toasts').children.length > 3) $('#toasts').firstElementChild.remove();
}

const formatTime = (ms) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
const me = () => state.world.people.find((p) => p.email === state.user);
const hasBaton = () => me()?.role === 'addon-user';

// ---------- routing ----------
function readHash() {
  const [app, user] = location.hash.replace(/^#\/?/, '').split('/');
  state.app = app === 'sheets' ? 'sheets' : 'gmail';
  state.user = decodeURIComponent(user ?? '') || state.world.demo.recruiter;
}
function go(app, user = state.user) {
  location.hash = `#/${app}/${encodeURIComponent(user)}`;
}

// ---------- world state and controls ----------
async function refreshWorld() {
  state.world = await api('state');
  $('#clock').textContent = formatTime(state.world.now);
  const next = state.world.nextTriggerAt;
  $('#clock').title = next ? `Next trigger: ${formatTime(next)}` : 'No trigger installed';
}

function fillUserSelect() {
  const select = $('#user');
  select.replaceChildren(
    ...['addon-user', 'candidate'].map((role) =>
      h(
        'optgroup',
        { label: role === 'addon-user' ? 'With Baton' : 'Candidates' },
        state.world.people
          .filter((p) => p.role === role)
          .map((p) =>
            h(
              'option',
              { value: p.email, selected: p.email === state.user },
              `${p.name} <${p.email}>`,
            ),
          ),
      ),
    ),
  );
}

async function advance(by) {
  const buttons = document.querySelectorAll('[data-advance]');
  buttons.forEach((b) => (b.disabled = true));
  const progress = $('#clock-progress');
  progress.hidden = false;
  progress.value = 0;
  try {
    const res = await fetch('/api/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ by }),
    });
    if (!res.ok) throw new Error((await res.json()).error);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const lines = buffer.split('\n');
      buffer = lines.pop();
      for (const line of lines.filter(Boolean)) {
        const step = JSON.parse(line);
        $('#clock').textContent = formatTime(step.now);
        if (step.progress !== undefined) {
          progress.value = step.progress;
          $('#clock-status').textContent = `${step.executions} execution(s) ran`;
        }
      }
    }
  } catch (error) {
    toast(error.message, 'error');
  } finally {
    progress.hidden = true;
    buttons.forEach((b) => (b.disabled = false));
    setTimeout(() => ($('#clock-status').textContent = ''), 4000);
    await refreshAll();
  }
}

// ---------- the add-on sidebar ----------
function hostContext() {
  const base = { user: state.user, host: state.app };
  if (state.app === 'sheets') base.spreadsheetId = state.world.demo.spreadsheetId;
  if (state.app === 'gmail' && state.openMessage) base.message = state.openMessage;
  return base;
}

/** Runs Baton as the current user in the current host; the sidebar shows it is busy meanwhile. */
async function callAddon(call) {
  const sidebar = $('#sidebar');
  sidebar.dataset.busy = String(Number(sidebar.dataset.busy ?? 0) + 1);
  sidebar.classList.add('loading');
  try {
    const result = await api('addon', { ...hostContext(), ...call });
    if (result.error) {
      toast(result.error, 'error');
      return undefined;
    }
    return result.json;
  } catch (error) {
    toast(error.message, 'error');
    return undefined;
  } finally {
    // An execution moves the clock (its simulated time) and may install a trigger.
    await refreshWorld();
    refreshPanels();
    // The caller applies the response right after; the busy mark drops once that is done.
    setTimeout(() => {
      sidebar.dataset.busy = String(Number(sidebar.dataset.busy) - 1);
      if (sidebar.dataset.busy === '0') sidebar.classList.remove('loading');
    }, 0);
  }
}

/** The first render of the sidebar: the homepage, or the contextual cards when a message is open. */
async function loadSidebar() {
  if (!hasBaton()) {
    state.stack = [];
    $('#sidebar-body').replaceChildren(
      h('p', { class: 'muted' }, `Baton is not installed for ${state.user}.`),
    );
    return;
  }
  const contextual = state.app === 'gmail' && state.openMessage;
  const json = await callAddon({ kind: contextual ? 'contextual' : 'homepage' });
  state.stack = cardsOf(json);
  renderSidebar();
}

function cardsOf(json) {
  if (!json) return [];
  if (Array.isArray(json)) return json.map(unwrapCard);
  if (json.renderActions)
    return (json.renderActions.action?.navigations ?? [])
      .map((n) => n.pushCard ?? n.updateCard)
      .filter(Boolean);
  if (json.cards) return json.cards.map(unwrapCard);
  return [unwrapCard(json)];
}
const unwrapCard = (c) => c.card ?? c;

function renderSidebar() {
  const card = state.stack[state.stack.length - 1];
  if (!card) {
    $('#sidebar-body').replaceChildren(h('p', { class: 'muted' }, 'No card.'));
    return;
  }
  const universal = (state.world.universalActions ?? []).map((u) => ({
    label: u.label,
    run: () => universalAction(u),
  }));
  const dom = renderCard(card, {
    runAction: (action) => runAction(action, dom),
    openLink,
    pushCard: (c) => {
      state.stack.push(c);
      renderSidebar();
    },
    menu: universal,
  });
  const back =
    state.stack.length > 1
      ? h(
          'button',
          {
            type: 'button',
            class: 'card-back',
            onclick: () => {
              state.stack.pop();
              renderSidebar();
            },
          },
          '← Back',
        )
      : undefined;
  $('#sidebar-body').replaceChildren(...[back, dom].filter(Boolean));
}

function openLink(url) {
  toast(`Opening ${url}`);
  window.open(url, '_blank', 'noopener');
}

async function runAction(action, cardDom) {
  const parameters = Object.fromEntries((action.parameters ?? []).map((p) => [p.key, p.value]));
  const json = await callAddon({
    kind: 'action',
    fn: action.function,
    parameters,
    formInputs: readFormInputs(cardDom),
  });
  if (json) applyResponse(json);
  refreshView();
}

async function universalAction(u) {
  if (u.openLink) return openLink(u.openLink);
  const json = await callAddon({ kind: 'universal', fn: u.runFunction });
  // displayAddOnCards replaces the sidebar's cards; a link response opens the link.
  const cards = cardsOf(json);
  if (cards.length) {
    state.stack = cards;
    renderSidebar();
  } else if (json) applyResponse(json);
}

/** Applies an action response: navigations, notification, link (the render-actions JSON). */
function applyResponse(json) {
  const action = json.renderActions?.action ?? json.action;
  if (!action) {
    const cards = cardsOf(json);
    if (cards.length) {
      state.stack = cards;
      renderSidebar();
    }
    return;
  }
  for (const nav of action.navigations ?? []) {
    if (nav.pushCard) state.stack.push(nav.pushCard);
    else if (nav.updateCard) state.stack[Math.max(0, state.stack.length - 1)] = nav.updateCard;
    else if (nav.popCard || nav.pop) state.stack.length = Math.max(1, state.stack.length - 1);
    else if (nav.popToRoot) state.stack.length = Math.min(1, state.stack.length);
    else if (nav.popToCard) {
      const i = state.stack.findLastIndex((c) => c.name === nav.popToCard);
      if (i >= 0) state.stack.length = i + 1;
    }
  }
  if (action.navigations?.length) renderSidebar();
  if (action.notification?.text) toast(action.notification.text);
  if (action.link?.url) openLink(action.link.url);
}

// ---------- Gmail ----------
async function renderGmail() {
  const [labels, threads] = await Promise.all([
    api(`labels?user=${encodeURIComponent(state.user)}`),
    api(`threads?user=${encodeURIComponent(state.user)}&label=${encodeURIComponent(state.label)}`),
  ]);
  const labelList = h('nav', { class: 'labels', 'aria-label': 'Labels' }, [
    h('button', { type: 'button', class: 'compose', onclick: () => compose() }, 'Compose'),
    ...labels.map((l) =>
      h(
        'a',
        {
          href: '#',
          class: l.id === state.label ? 'label active' : 'label',
          'data-label': l.name,
          onclick: (e) => {
            e.preventDefault();
            state.label = l.id;
            state.threadId = '';
            state.openMessage = null;
            refreshView();
            loadSidebar();
          },
        },
        [
          h('span', {}, l.name),
          l.unread ? h('span', { class: 'count' }, String(l.unread)) : undefined,
        ],
      ),
    ),
  ]);
  const content = state.threadId ? await threadView() : threadList(threads);
  $('#app-view').replaceChildren(h('div', { class: 'gmail' }, [labelList, content]));
}

function threadList(threads) {
  if (!threads.length) return h('div', { class: 'threads empty' }, 'No conversations.');
  return h(
    'ul',
    { class: 'threads' },
    threads.map((t) =>
      h(
        'li',
        {
          class: t.unread ? 'thread unread' : 'thread',
          'data-thread': t.id,
          onclick: () => openThread(t.id),
        },
        [
          h('span', { class: 'from' }, t.from.replace(/<.*>/, '').trim() || t.from),
          h('span', { class: 'subject' }, [
            t.subject,
            t.count > 1 ? h('span', { class: 'muted' }, ` (${t.count})`) : undefined,
          ]),
          h('span', { class: 'snippet' }, ` — ${t.snippet}`),
          h(
            'span',
            { class: 'tags' },
            t.labels
              .filter((l) => !/^(INBOX|UNREAD|SENT|IMPORTANT|CATEGORY_)/.test(l))
              .map((l) => h('span', { class: 'tag' }, l)),
          ),
          h('span', { class: 'date' }, formatTime(t.date).slice(5, 16)),
        ],
      ),
    ),
  );
}

async function openThread(id) {
  state.threadId = id;
  await api('read', { user: state.user, threadId: id });
  const messages = await api(
    `thread?user=${encodeURIComponent(state.user)}&id=${encodeURIComponent(id)}`,
  );
  const last = messages[messages.length - 1];
  state.openMessage = last ? { messageId: last.id, threadId: last.threadId } : null;
  await refreshView();
  loadSidebar();
}

async function threadView() {
  const messages = await api(
    `thread?user=${encodeURIComponent(state.user)}&id=${encodeURIComponent(state.threadId)}`,
  );
  const close = h(
    'button',
    {
      type: 'button',
      onclick: () => {
        state.threadId = '';
        state.openMessage = null;
        refreshView();
        loadSidebar();
      },
    },
    '← Back to list',
  );
  const last = messages[messages.length - 1];
  return h('article', { class: 'thread-view' }, [
    close,
    h('h2', {}, messages[0]?.subject ?? ''),
    ...messages.map((m) =>
      h('div', { class: 'message', 'data-message': m.id }, [
        h('div', { class: 'message-head' }, [
          h('b', {}, m.from),
          h(
            'span',
            { class: 'muted' },
            ` to ${m.to}${m.cc ? `, cc ${m.cc}` : ''} · ${formatTime(m.date)}`,
          ),
        ]),
        h('pre', { class: 'message-body' }, m.body),
      ]),
    ),
    last
      ? h(
          'button',
          { type: 'button', class: 'reply-button', onclick: () => compose(last) },
          'Reply',
        )
      : undefined,
  ]);
}

function compose(replyTo) {
  const lastFromOther = replyTo && replyTo.from.includes(state.user) ? replyTo.to : replyTo?.from;
  const to = h('input', { name: 'to', value: lastFromOther ?? '', placeholder: 'To' });
  const subject = h('input', {
    name: 'subject',
    value: replyTo
      ? /^re:/i.test(replyTo.subject)
        ? replyTo.subject
        : `Re: ${replyTo.subject}`
      : '',
    placeholder: 'Subject',
  });
  const text = h('textarea', { name: 'body', rows: 8, placeholder: 'Message' });
  const form = h('form', { class: 'composer' }, [
    h('div', { class: 'muted' }, `From ${state.user}`),
    to,
    subject,
    text,
    h('div', {}, [
      h('button', { type: 'submit' }, 'Send'),
      h('button', { type: 'button', onclick: () => form.remove() }, 'Discard'),
    ]),
  ]);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api('send', {
        from: state.user,
        to: to.value,
        subject: subject.value,
        text: text.value,
        inReplyTo: replyTo?.id,
      });
      form.remove();
      toast('Message sent.');
      await refreshAll();
    } catch (error) {
      toast(error.message, 'error');
    }
  });
  document.querySelector('.composer')?.remove();
  $('#app-view').append(form);
  text.focus();
}

// ---------- Sheets ----------
const columnName = (i) =>
  (i >= 26 ? columnName(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

async function renderSheets() {
  const sheet = await api(`sheet?id=${encodeURIComponent(state.world.demo.spreadsheetId)}`);
  const tab = sheet.tabs.find((t) => t.name === state.tab) ?? sheet.tabs[0];
  state.tab = tab?.name ?? '';
  const width = Math.max(1, ...(tab?.values ?? []).map((r) => r.length));
  const table = h('table', { class: 'grid', 'data-tab': state.tab }, [
    h(
      'thead',
      {},
      h('tr', {}, [
        h('th', {}, ''),
        ...Array.from({ length: width }, (_, c) => h('th', {}, columnName(c))),
      ]),
    ),
    h(
      'tbody',
      {},
      (tab?.values ?? []).map((row, r) =>
        h('tr', {}, [
          h('th', {}, String(r + 1)),
          ...Array.from({ length: width }, (_, c) => cell(row[c] ?? '', r, c)),
        ]),
      ),
    ),
  ]);
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': 'Sheets' },
    sheet.tabs.map((t) =>
      h(
        'button',
        {
          type: 'button',
          class: t.name === state.tab ? 'tab active' : 'tab',
          'data-tab': t.name,
          onclick: () => {
            state.tab = t.name;
            refreshView();
          },
        },
        t.name,
      ),
    ),
  );
  const canOpen = sheet.owner === state.user || sheet.editors.includes(state.user);
  const shared = `Owner ${sheet.owner}${sheet.editors.length ? ` · editors ${sheet.editors.join(', ')}` : ''}${canOpen ? '' : ` · not shared with ${state.user}: Baton cannot open it as this user`}`;
  $('#app-view').replaceChildren(
    h('div', { class: 'sheets' }, [
      h('h2', {}, sheet.name),
      h('div', { class: 'muted' }, shared),
      h('div', { class: 'grid-wrap' }, table),
      tabs,
    ]),
  );
}

function cell(value, row, col) {
  const td = h('td', { contenteditable: 'true', spellcheck: 'false' }, String(value));
  td.addEventListener('blur', async () => {
    if (td.textContent === String(value)) return;
    try {
      await api('cell', {
        id: state.world.demo.spreadsheetId,
        tab: state.tab,
        row,
        col,
        value: td.textContent,
      });
      value = td.textContent;
    } catch (error) {
      toast(error.message, 'error');
    }
  });
  td.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      td.blur();
    }
  });
  return td;
}

// ---------- panels ----------
async function refreshPanels() {
  if (!$('#executions-panel').hidden) {
    const runs = await api(`executions?since=${state.lastExecution}`);
    const body = $('#executions tbody');
    for (const run of runs) {
      state.lastExecution = Math.max(state.lastExecution, run.id);
      const calls = Object.entries(run.calls)
        .map(([service, n]) => `${service} ${n}`)
        .join(', ');
      body.prepend(
        h(
          'tr',
          { class: run.error ? 'failed' : '' },
          [
            run.id,
            formatTime(run.startedAt),
            run.user,
            run.fn,
            run.kind,
            run.simulatedMs,
            calls,
            run.error ?? (run.killed ? 'killed' : ''),
          ].map((v) => h('td', {}, String(v))),
        ),
      );
    }
  }
  if (!$('#usage-panel').hidden) {
    const usage = await api('usage');
    $('#usage').replaceChildren(
      ...usage.map((u) =>
        h('div', { class: 'usage-user' }, [
          h('h3', {}, u.user),
          ...u.quotas.map((q) => meter(q.name, q.used, q.limit)),
          meter('user store (bytes)', u.store.bytes, u.store.limit, `${u.store.keys} keys`),
          h('div', { class: 'muted' }, `${u.triggers} trigger(s) installed`),
        ]),
      ),
    );
  }
}

function meter(label, used, limit, extra = '') {
  return h('div', { class: 'meter' }, [
    h('span', {}, label),
    h('meter', { min: 0, max: limit, value: used, high: limit * 0.8 }),
    h('span', { class: 'muted' }, `${used} / ${limit} ${extra}`),
  ]);
}

// ---------- wiring ----------
async function refreshView() {
  try {
    if (state.app === 'gmail') await renderGmail();
    else await renderSheets();
  } catch (error) {
    toast(error.message, 'error');
  }
}

async function refreshAll() {
  await refreshWorld();
  fillUserSelect();
  await refreshView();
  await refreshPanels();
  if (state.stack.length === 0) loadSidebar();
}

async function onRoute() {
  readHash();
  state.threadId = '';
  state.openMessage = null;
  document
    .querySelectorAll('#apps a')
    .forEach((a) => a.classList.toggle('active', a.dataset.app === state.app));
  fillUserSelect();
  await refreshView();
  await loadSidebar();
}

async function start() {
  await refreshWorld();
  document.querySelectorAll('#apps a').forEach((a) =>
    a.addEventListener('click', (e) => {
      e.preventDefault();
      go(a.dataset.app);
    }),
  );
  $('#user').addEventListener('change', (e) => go(state.app, e.target.value));
  document
    .querySelectorAll('[data-advance]')
    .forEach((b) => b.addEventListener('click', () => advance(b.dataset.advance)));
  const toggle = (panel) => {
    $(panel).hidden = !$(panel).hidden;
    $('#drawer').hidden = $('#executions-panel').hidden && $('#usage-panel').hidden;
    refreshPanels();
  };
  $('#toggle-executions').addEventListener('click', () => toggle('#executions-panel'));
  $('#toggle-usage').addEventListener('click', () => toggle('#usage-panel'));
  window.addEventListener('hashchange', onRoute);
  await onRoute();
  document.body.dataset.ready = 'true';
}

start().catch((error) => toast(error.message, 'error'));
