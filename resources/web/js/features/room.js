// The room: its title (header and tab), the rules banner (locked, slow mode), the length limit.
import { $ } from '../dom.js';
import { t } from '../i18n.js';
import { store } from '../store.js';

export function pageTitle() {
  const title = store.room.title || t('app.title');
  return store.unread > 0 ? t('messages.unreadTitle', { n: store.unread, title }) : title;
}

function applyRoom(room) {
  if (!room) return;
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
  if (!document.hidden) { store.unread = 0; document.title = pageTitle(); }
});

export default {
  events: {
    welcome: (info) => {
      if (info.limits && info.limits.maxMessageLength) $('input').maxLength = info.limits.maxMessageLength;
      applyRoom(info.room);
    },
    room: applyRoom,
  },
};
