// Who is here, by user id: the list comes with `welcome`, then changes with `presence`.
import { $, el } from '../dom.js';
import { t } from '../i18n.js';
import { store, personKey, isMe, findPersonByNickname } from '../store.js';
import { show } from './conversations.js';

export function renderPeople() {
  for (const u of store.people.values()) if (u.userId) store.names.set(u.userId, u.nickname);
  const users = [...store.people.values()].sort((a, b) => (a.joinedAt || 0) - (b.joinedAt || 0));
  const list = $('users');
  list.replaceChildren();
  for (const u of users) {
    const li = el('li', null, u.nickname);
    if (isMe(u.nickname, u.userId)) {
      li.classList.add('me');
      li.append(document.createTextNode(` ${t('people.you')}`));
    } else if (u.userId) {
      // start a private conversation (hidden while the host has them off)
      const b = li.appendChild(el('button', 'pm', '✉'));
      b.type = 'button';
      b.title = b.ariaLabel = t('pm.start', { name: u.nickname });
      b.onclick = () => { show(u.userId, u.nickname); $('input').focus(); };
    }
    list.append(li);
  }
  const total = Math.max(store.peopleCount, users.length);
  if (total > users.length) list.append(el('li', 'more', t('people.more', { n: total - users.length })));
  const count = $('count');
  count.textContent = String(total);
  count.setAttribute('aria-label', t('people.here', { n: total }));
}

function applyPresence(p) {
  if (!p) return;
  if (typeof p.count === 'number') store.peopleCount = p.count;
  const left = p.left || [];
  left.forEach((name, i) => {
    const id = p.leftIds && p.leftIds[i];
    store.people.delete(id && store.people.has(id) ? id : findPersonByNickname(name));
  });
  for (const u of p.joined || []) store.people.set(personKey(u), u);
  for (const r of p.renamed || []) {
    const key = r.userId && store.people.has(r.userId) ? r.userId : findPersonByNickname(r.from);
    const u = key !== null ? store.people.get(key) : { userId: r.userId };
    store.people.delete(key);
    const renamed = Object.assign({}, u, { nickname: r.to });
    store.people.set(personKey(renamed), renamed);
  }
  renderPeople();
}

export default {
  events: {
    welcome: (info) => {
      store.people.clear();
      for (const u of info.users || []) store.people.set(personKey(u), u);
      store.peopleCount = typeof info.count === 'number' ? info.count : store.people.size;
      renderPeople();
    },
    presence: applyPresence,
  },
};
