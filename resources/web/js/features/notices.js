// The notice under the composer: refusals from the server, moderation, connection refusals.
import { $ } from '../dom.js';
import { t } from '../i18n.js';
import { connection } from '../connection.js';

const notice = $('notice');
let timer = null;

// sticky: stays until replaced (e.g. being muted or removed)
export function showNotice(text, sticky) {
  notice.textContent = text;
  notice.hidden = false;
  clearTimeout(timer);
  if (!sticky) timer = setTimeout(() => { notice.hidden = true; }, 8000);
}

// The server's own message (it is already in the host's language), else a generic refusal.
export function describeError(error) {
  if (!error) return t('error.refused');
  return error.message || String(error.code || error);
}

export default {
  events: {
    'chat error': (error) => showNotice(describeError(error)),
    connect_error: (err) => {
      const code = err && err.data && err.data.code;
      if (!code || code === 'password-required' || code === 'wrong-password') return;
      showNotice(err.message, true); // banned, room full...
      if (code === 'room-full') setTimeout(() => connection.socket.connect(), 10000);
    },
  },
};
