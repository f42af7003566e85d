// What the host did to me: removed, muted, unmuted (each says so in the notice); and this page
// being replaced by another of mine.
import { formatTime } from '../dom.js';
import { t } from '../i18n.js';
import { store } from '../store.js';
import { showNotice } from './notices.js';

export default {
  events: {
    kicked: (info) => {
      store.me.kicked = true;
      const reason = info && info.reason;
      showNotice(reason ? t('moderation.kickedReason', { reason }) : t('moderation.kicked'), true);
    },
    // The same person opened the chat again (a duplicated tab copies the session): this page is
    // closed and stays so, or the two would take the place from each other.
    replaced: () => {
      store.me.replaced = true;
      showNotice(t('session.replaced'), true);
    },
    muted: (info) => {
      const reason = info && info.reason;
      const time = info && typeof info.until === 'number' ? formatTime(info.until) : null;
      let text;
      if (time) text = reason ? t('moderation.mutedUntilReason', { time, reason }) : t('moderation.mutedUntil', { time });
      else text = reason ? t('moderation.mutedReason', { reason }) : t('moderation.muted');
      showNotice(text, true);
    },
    unmuted: () => showNotice(t('moderation.unmuted')),
  },
};
