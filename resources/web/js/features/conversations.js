// The conversations: the room (the default) and one private conversation per person, with
// unread counts; blocking a person; private messages switched off by the host.
import { $, el } from '../dom.js';
import { t } from '../i18n.js';
import { store, conversation, nameOf, writable } from '../store.js';
import { request, isConnected } from '../connection.js';
import { showNotice, describeError } from './notices.js';
import { hooks, listOf } from './messages.js';
import { roomHooks } from './room.js';

const nav = $('convs');
const bar = $('convbar');
const input = $('input');

const nameFor = (c) => (c.key === 'room' ? t('pm.room') : nameOf(c.key) || c.name || c.key);

function draw() {
  const keys = [...store.conversations.keys()];
  nav.hidden = keys.length < 2;
  nav.replaceChildren(...keys.map((key) => {
    const c = conversation(key);
    const b = el('button', 'conv', nameFor(c));
    b.type = 'button';
    if (key === store.current) b.setAttribute('aria-current', 'true');
    if (c.unread > 0) {
      const n = b.appendChild(el('span', 'count', c.unread));
      n.ariaLabel = t('pm.unread', { n: c.unread });
    }
    b.onclick = () => show(key);
    return b;
  }));
  document.body.classList.toggle('nopm', !store.room.privateMessages);
  const c = conversation(store.current);
  bar.hidden = c.key === 'room';
  if (bar.hidden) return;
  const blocked = store.me.blocked.has(c.key);
  const info = [t('pm.with', { name: nameFor(c) }), t('pm.hostSees')];
  if (!store.room.privateMessages) info.push(t('pm.off'));
  else if (c.key === 'host') info.push(t('pm.hostOnly'));
  $('convinfo').textContent = info.join(' ');
  const block = $('block');
  block.hidden = c.key === 'host';
  block.textContent = blocked ? t('pm.unblock', { name: nameFor(c) }) : t('pm.block', { name: nameFor(c) });
  block.ariaPressed = String(blocked);
}

// Shows a conversation (made if new: `name` for a person not written to yet).
export function show(key, name) {
  const c = conversation(key);
  if (name) c.name = name;
  if (!$('context').hidden) $('context-cancel').click(); // a reply or an edit stays where it began
  listOf(conversation(store.current)).hidden = true;
  store.current = key;
  const list = listOf(c);
  list.hidden = false;
  list.scrollTop = list.scrollHeight;
  c.unread = 0;
  input.placeholder = key === 'room' ? t('composer.placeholder') : t('pm.placeholder', { name: nameFor(c) });
  input.disabled = !isConnected() || !writable();
  draw();
}

$('block').addEventListener('click', () => {
  const userId = store.current;
  request('block', { userId, blocked: !store.me.blocked.has(userId) }, (err, reply) => {
    if (err) showNotice(t('error.noAnswer'));
    else if (!reply || reply.ok !== true) showNotice(describeError(reply && reply.error));
    else { store.me.blocked = new Set(reply.blocked || []); draw(); }
  });
});

hooks.arrived = (c) => {
  if (c && c.key !== store.current) c.unread += 1;
  draw();
};
roomHooks.changed = () => {
  input.disabled = !isConnected() || !writable();
  draw();
};
