// The room: its title (header and tab), the rules banner (locked, slow mode), the length limit,
// private messages on or off, the edit window.
import { $ } from '../dom.js';
import { t } from '../i18n.js';
import { store } from '../store.js';

export function pageTitle() {
  const title = store.room.title || t('app.title');
  if (store.mentions > 0) return t('messages.mentionTitle', { n: store.unread, m: store.mentions, title });
  return store.unread > 0 ? t('messages.unreadTitle', { n: store.unread, title }) : title;
}

// Called when private messages are switched on or off (set by the conversations).
export const roomHooks = { changed() {} };

function applyRoom(room) {
  if (!room) return;
  if (typeof room.privateMessages === 'boolean') store.room.privateMessages = room.privateMessages;
  if (typeof room.editWindowSeconds === 'number') store.room.editWindowSeconds = room.editWindowSeconds;
  roomHooks.changed();
  store.room.locked = Boolean(room.locked);
  store.room.slowModeSeconds = room.slowModeSeconds || 0;
  if (room.title) {
    store.room.title = room.title;
    $('title').textContent = room.title;
    document.title = pageTitle();
  }
  const rules = [];
  if (store.room.locked) rules.push(t('rules.locked'));
  if (store.room.slowModeSeconds > 0) rules.push(t('rules.slowMode', { n: store.room.slowModeSeconds }));
  const banner = $('rules');
  banner.textContent = rules.join(' ');
  banner.hidden = rules.length === 0;
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden) { store.unread = store.mentions = 0; document.title = pageTitle(); }
});

const pick = (info) => {
  const o = {};
  for (const k of ['privateMessages', 'editWindowSeconds']) if (k in info) o[k] = info[k];
  return o;
};

export default {
  events: {
    welcome: (info) => {
      if (info.limits && info.limits.maxMessageLength) $('input').maxLength = info.limits.maxMessageLength;
      applyRoom(Object.assign({}, info.room, pick(info)));
    },
    room: applyRoom,
  },
};
