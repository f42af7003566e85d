// The messages of every conversation: history, live messages and notices, edits, deletions,
// replies' quotes, reactions; the screen-reader announcer and the unread counts. Each
// conversation has its own list; at most MAX_MESSAGES stay in each (the oldest go first), and
// the ids remembered to skip repeats stay as many.
import { $, el, formatTime, fullDate } from '../dom.js';
import { t } from '../i18n.js';
import { store, conversation, isMe, nameOf, MAX_MESSAGES } from '../store.js';
import { request } from '../connection.js';
import { showNotice, describeError } from './notices.js';
import { pageTitle } from './room.js';
import { tokenize, mentions } from './linkify.js';
import { signal } from './mentions.js';

export const EMOJI = ['👍', '❤️', '😂', '😮', '😢', '🎉'];
const announcer = $('announcer');
// Set by other features: arrived(conversation, meta, li) for a new live message, act(kind, li)
// for the reply and edit buttons.
export const hooks = { arrived() {}, act() {} };

// The conversation's list: the room's is in the page, the others are made when first needed.
export function listOf(c) {
  if (!c.list) {
    c.list = c.key === 'room' ? $('messages') : el('ol', 'log');
    c.list.hidden = c.key !== store.current;
    if (c.key !== 'room') $('messages').parentNode.insertBefore(c.list, $('messages').nextSibling);
  }
  return c.list;
}

// The conversation a message belongs to: the room, or the other person of a private message.
function keyOf(meta) {
  if (!meta.private) return 'room';
  if (meta.kind === 'host') return 'host';
  return isMe(meta.author, meta.authorId) ? meta.to && meta.to.userId : meta.authorId;
}

const find = (id) => document.querySelector(`li[data-id="${Number(id)}"]`);
const nearBottom = (list) => list.scrollHeight - list.scrollTop - list.clientHeight < 80;
const button = (cls, label, text, onClick) => {
  const b = el('button', cls, text);
  b.type = 'button';
  if (label) b.title = b.ariaLabel = label;
  b.onclick = onClick;
  return b;
};

// The text with its http(s) links as links; everything else stays text.
function fillText(node, text) {
  node.replaceChildren(...tokenize(String(text)).map(([kind, s]) => {
    if (kind === 'text') return s;
    const a = el('a', null, s);
    a.href = s;
    a.target = '_blank';
    a.rel = 'noopener noreferrer nofollow';
    return a;
  }));
}

function quoteText(q, r) {
  q.textContent = r.deleted ? t('reply.deleted') : `${r.author}: ${r.excerpt}`;
}

function jumpTo(id) {
  const li = find(id);
  if (!li) { showNotice(t('reply.notShown')); return; }
  li.tabIndex = -1;
  li.scrollIntoView({ block: 'center' });
  li.focus({ preventScroll: true });
  li.classList.add('flash');
  setTimeout(() => li.classList.remove('flash'), 2000);
}

// The server's clock ahead of ours (a live message is stamped by the server as it arrives): a
// phone whose clock is off still shows the edit buttons for as long as the server allows edits.
let skew = 0;
export const withinWindow = (li) => Date.now() + skew - li.ts < store.room.editWindowSeconds * 1000;

function render(text, meta) {
  const li = el('li', meta.kind || 'user');
  if (meta.id !== null) li.dataset.id = String(meta.id);
  const mine = meta.kind === 'user' && isMe(meta.author, meta.authorId);
  if (mine) li.classList.add('mine');
  if (meta.kind === 'system') { li.append(el('div', 'text', text)); return li; }
  if (meta.authorId) store.names.set(meta.authorId, meta.author);
  li.ts = meta.timestamp;
  li.author = meta.author || '';
  const head = el('div', 'meta');
  head.append(el('span', 'author', meta.author || ''));
  if (meta.kind === 'host') head.append(el('span', 'badge', t('messages.hostBadge')));
  const time = el('time', null, formatTime(meta.timestamp));
  time.dateTime = new Date(meta.timestamp).toISOString();
  time.title = fullDate.format(meta.timestamp);
  head.append(time);
  li.append(head);
  if (meta.replyTo) {
    const q = button('quote', null, null, () => jumpTo(meta.replyTo.id));
    q.dataset.to = meta.replyTo.id;
    quoteText(q, meta.replyTo);
    li.append(q);
  }
  li.append(el('div', 'text'));
  if (meta.deleted) { markDeleted(li); return li; }
  setText(li, text, meta.edited);
  if (!mine && mentions(text, store.me.nickname)) li.classList.add('mention');
  if (meta.id === null) return li;
  li.reactions = {};
  for (const [emoji, ids] of Object.entries(meta.reactions || {})) li.reactions[emoji] = new Set(ids);
  li.append(el('div', 'reacts'));
  drawReactions(li);
  const acts = el('div', 'acts');
  acts.append(button(null, t('reply.button'), '↩', () => hooks.act('reply', li)),
    button(null, t('reactions.button'), '☺', () => { li.classList.toggle('picking'); drawReactions(li); }));
  if (mine && withinWindow(li)) {
    acts.append(button('own', t('edit.button'), '✎', () => hooks.act('edit', li)),
      button('own', t('edit.delete'), '🗑', () => request('delete message', { id: meta.id }, done)));
  }
  head.append(acts);
  return li;
}

function setText(li, text, edited) {
  li.text = String(text);
  fillText(li.querySelector('.text'), text);
  if (edited) {
    const head = li.querySelector('.meta');
    const mark = head.querySelector('.edited') || head.insertBefore(el('span', 'edited', t('edit.marker')), head.querySelector('time').nextSibling);
    mark.title = fullDate.format(edited);
  }
}

// The reactions under a message: those given, or all six while choosing.
function drawReactions(li) {
  const box = li.querySelector('.reacts');
  if (!box) return;
  box.replaceChildren();
  for (const emoji of EMOJI) {
    const ids = li.reactions[emoji] || new Set();
    if (ids.size === 0 && !li.classList.contains('picking')) continue;
    const names = [...ids].map((id) => nameOf(id) || t('reactions.someone')).join(', ');
    const label = ids.size ? t('reactions.who', { emoji, names }) : t('reactions.add', { emoji });
    const on = ids.has(store.me.userId);
    const b = button(null, label, ids.size ? `${emoji} ${ids.size}` : emoji, () => {
      li.classList.remove('picking');
      request('react', { id: Number(li.dataset.id), emoji, on: !on }, done);
    });
    b.ariaPressed = String(on);
    box.append(b);
  }
}

function done(err, reply) {
  if (err) showNotice(t('error.noAnswer'));
  else if (!reply || reply.ok !== true) showNotice(describeError(reply && reply.error));
}

function markDeleted(li) {
  li.classList.add('deleted');
  li.querySelector('.text').textContent = t('messages.deleted');
  for (const part of li.querySelectorAll('.reacts, .acts, .edited')) part.remove();
  for (const q of document.querySelectorAll(`.quote[data-to="${li.dataset.id}"]`)) quoteText(q, { deleted: true });
}

// Drops the oldest elements beyond the bound, and their ids with them.
function trim(c) {
  const list = listOf(c);
  while (list.childElementCount > MAX_MESSAGES) {
    const oldest = list.firstElementChild;
    if (oldest.dataset.id !== undefined) {
      const id = Number(oldest.dataset.id);
      c.seen.delete(id);
      if (c.droppedThrough === null || id > c.droppedThrough) c.droppedThrough = id;
    }
    oldest.remove();
  }
}

function announce(text, meta, li) {
  let line = text;
  if (meta.kind !== 'system') {
    if (li.classList.contains('mention')) line = t('mentions.announce', { author: meta.author, text });
    else line = meta.private ? t('pm.announce', { author: meta.author, text }) : t('messages.announce', { author: meta.author, text });
  }
  announcer.append(el('p', null, line));
  while (announcer.childNodes.length > 5) announcer.firstChild.remove();
  if (document.hidden && meta.kind !== 'system') { // notices such as "X joined" are not unread messages
    store.unread += 1;
    if (li.classList.contains('mention')) store.mentions += 1;
    document.title = pageTitle();
  }
}

// The message's conversation if it is new, else null (meta filled in for plain relays).
function accept(meta) {
  if (!meta || typeof meta.id !== 'number') {
    // A plain relay (the tutorial's pages), or a live notice that is not stored (renames).
    const notice = meta && meta.kind === 'system';
    return [conversation('room'), { id: null, kind: notice ? 'system' : 'user', author: null, timestamp: (notice && meta.timestamp) || Date.now() }];
  }
  const c = conversation(keyOf(meta) || 'room');
  // never twice (e.g. after a catch-up), and nothing older than what was dropped for the bound
  if (c.seen.has(meta.id) || (c.droppedThrough !== null && meta.id <= c.droppedThrough)) return [c, null];
  c.seen.add(meta.id);
  if (c.lastId === null || meta.id > c.lastId) c.lastId = meta.id;
  if (store.lastId === null || meta.id > store.lastId) store.lastId = meta.id;
  if (meta.private) c.name = meta.kind === 'host' || !isMe(meta.author, meta.authorId) ? meta.author : meta.to.nickname;
  return [c, meta];
}

function append(c, nodes, scroll) {
  const list = listOf(c);
  const stick = scroll || nearBottom(list);
  list.append(...nodes);
  trim(c);
  if (stick) list.scrollTop = list.scrollHeight;
}

export function addMessage(text, meta) {
  const [c, m] = accept(meta);
  if (!m) return;
  if (m.id !== null) skew = m.timestamp - Date.now();
  const mine = m.kind === 'user' && isMe(m.author, m.authorId);
  const li = render(text, m);
  append(c, [li], mine);
  announce(String(text), m, li);
  if (m.kind === 'system' || mine) return;
  hooks.arrived(c);
  if (m.private || li.classList.contains('mention')) signal(m, text);
}

function addHistory(messages) {
  const nodes = new Map();
  for (const m of messages) {
    const [c, meta] = accept(m);
    if (!meta) continue;
    if (!nodes.has(c)) nodes.set(c, []);
    nodes.get(c).push(render(m.text, meta));
  }
  // Only the newest MAX_MESSAGES can stay; the seen ids of the others go with them in trim().
  for (const [c, list] of nodes) append(c, list, false);
  hooks.arrived();
}

export default {
  events: {
    history: (h) => {
      addHistory((h && Array.isArray(h.messages) && h.messages) || []);
      if (h && h.catchUp && h.complete === false) showNotice(t('messages.skipped'));
    },
    'chat message': (text, meta) => addMessage(text, meta),
    'private message': (text, meta) => meta && addMessage(text, Object.assign({}, meta, { private: true })),
    'message deleted': (info) => { const li = find(info && info.id); if (li) markDeleted(li); },
    'message edited': (info) => {
      const li = find(info && info.id);
      if (!li || li.classList.contains('deleted')) return;
      setText(li, info.text, info.edited || Date.now());
      for (const q of document.querySelectorAll(`.quote[data-to="${li.dataset.id}"]`)) quoteText(q, { author: li.author, excerpt: String(info.text).split('\n')[0].slice(0, 120) });
    },
    reaction: (r) => {
      const li = r && find(r.id);
      if (!li || !li.reactions || !EMOJI.includes(r.emoji)) return;
      const ids = li.reactions[r.emoji] || (li.reactions[r.emoji] = new Set());
      if (r.on) ids.add(r.userId); else ids.delete(r.userId);
      drawReactions(li);
    },
  },
};

// Own messages lose their edit and delete buttons when the edit window is over.
setInterval(() => {
  for (const b of document.querySelectorAll('.own')) if (!withinWindow(b.closest('li'))) b.remove();
}, 1000);
