// The room's messages: history, live messages and notices, deletions; the screen-reader
// announcer and the unread count in the tab's title. At most MAX_MESSAGES stay in the DOM (the
// oldest go first), and the ids remembered to skip repeats stay as many.
import { $, el, formatTime } from '../dom.js';
import { t } from '../i18n.js';
import { store, conversation, isMe, MAX_MESSAGES } from '../store.js';
import { showNotice } from './notices.js';
import { pageTitle } from './room.js';

const list = $('messages');
const announcer = $('announcer');
const room = conversation('room');

function nearBottom() {
  return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
}

function render(text, meta) {
  const li = el('li', meta.kind || 'user');
  if (meta.id !== null) li.dataset.id = String(meta.id);
  if (meta.kind === 'user' && isMe(meta.author, meta.authorId)) li.classList.add('mine');
  if (meta.kind !== 'system') {
    const head = el('div', 'meta');
    head.append(el('span', 'author', meta.author || ''));
    if (meta.kind === 'host') head.append(el('span', 'badge', t('messages.hostBadge')));
    const time = el('time', null, formatTime(meta.timestamp));
    time.dateTime = new Date(meta.timestamp).toISOString();
    head.append(time);
    li.append(head);
  }
  if (meta.deleted) {
    li.classList.add('deleted');
    li.append(el('div', 'text', t('messages.deleted')));
  } else {
    li.append(el('div', 'text', text));
  }
  return li;
}

// Drops the oldest elements beyond the bound, and their ids with them.
function trim() {
  while (list.childElementCount > MAX_MESSAGES) {
    const oldest = list.firstElementChild;
    if (oldest.dataset.id !== undefined) {
      const id = Number(oldest.dataset.id);
      room.seen.delete(id);
      if (room.droppedThrough === null || id > room.droppedThrough) room.droppedThrough = id;
    }
    oldest.remove();
  }
}

function announce(text, meta) {
  announcer.append(el('p', null, meta.kind === 'system' ? text : t('messages.announce', { author: meta.author, text })));
  while (announcer.childNodes.length > 5) announcer.firstChild.remove();
  if (document.hidden && meta.kind !== 'system') { // notices such as "X joined" are not unread messages
    store.unread += 1;
    document.title = pageTitle();
  }
}

// The message as shown (meta filled in for notices and plain relays), or null if it is shown already.
function accept(meta) {
  if (!meta || typeof meta.id !== 'number') {
    // A plain relay (the tutorial's pages), or a live notice that is not stored (renames).
    const notice = meta && meta.kind === 'system';
    return { id: null, kind: notice ? 'system' : 'user', author: null, timestamp: (notice && meta.timestamp) || Date.now() };
  }
  // never twice (e.g. after a catch-up), and nothing older than what was dropped for the bound
  if (room.seen.has(meta.id) || (room.droppedThrough !== null && meta.id <= room.droppedThrough)) return null;
  room.seen.add(meta.id);
  if (room.lastId === null || meta.id > room.lastId) room.lastId = meta.id;
  return meta;
}

function append(nodes, scroll) {
  const stick = scroll || nearBottom();
  list.append(...nodes);
  trim();
  if (stick) list.scrollTop = list.scrollHeight;
}

export function addMessage(text, meta) {
  meta = accept(meta);
  if (!meta) return;
  append([render(text, meta)], meta.kind === 'user' && isMe(meta.author, meta.authorId));
  announce(String(text), meta);
}

function addHistory(messages) {
  const nodes = [];
  for (const m of messages) {
    const meta = accept(m);
    if (meta) nodes.push(render(m.text, meta));
  }
  // Only the newest MAX_MESSAGES can stay; the seen ids of the others go with them in trim().
  if (nodes.length > 0) append(nodes, false);
}

function markDeleted(id) {
  const li = list.querySelector(`li[data-id="${Number(id)}"]`);
  if (!li) return;
  li.classList.add('deleted');
  const body = li.querySelector('.text');
  if (body) body.textContent = t('messages.deleted');
}

export default {
  events: {
    history: (h) => {
      addHistory((h && Array.isArray(h.messages) && h.messages) || []);
      if (h && h.catchUp && h.complete === false) showNotice(t('messages.skipped'));
    },
    'chat message': (text, meta) => addMessage(text, meta),
    'message deleted': (info) => markDeleted(info && info.id),
  },
};
