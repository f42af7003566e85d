// Who else is typing (expires after 5 s without news), and telling the others that I am.
import { $ } from '../dom.js';
import { t } from '../i18n.js';
import { store } from '../store.js';
import { connection, isConnected } from '../connection.js';

const typists = new Map(); // nickname -> expiry timer
let sentAt = 0;

function render() {
  const names = [...typists.keys()];
  const [a, b, c] = names;
  let text = '';
  if (names.length === 1) text = t('typing.one', { a });
  else if (names.length === 2) text = t('typing.two', { a, b });
  else if (names.length === 3) text = t('typing.three', { a, b, c });
  else if (names.length > 3) text = t('typing.many');
  $('typing').textContent = text;
}

function stopped(nickname) {
  clearTimeout(typists.get(nickname));
  typists.delete(nickname);
}

// The composer calls this when a message goes out: the next keystroke says "typing" again.
export function messageSent() { sentAt = 0; }

$('input').addEventListener('input', () => {
  const now = Date.now();
  if (isConnected() && $('input').value !== '' && now - sentAt > 2000) {
    sentAt = now;
    connection.socket.emit('typing', true);
  }
});

export default {
  events: {
    typing: (info) => {
      if (!info || !info.nickname || info.nickname === store.me.nickname) return;
      stopped(info.nickname);
      if (info.typing !== false) typists.set(info.nickname, setTimeout(() => { typists.delete(info.nickname); render(); }, 5000));
      render();
    },
    'chat message': (text, meta) => {
      if (meta && meta.author && typists.has(meta.author)) { stopped(meta.author); render(); }
    },
    disconnect: () => {
      for (const name of [...typists.keys()]) stopped(name);
      render();
    },
  },
};
