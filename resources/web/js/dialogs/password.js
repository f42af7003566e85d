// The password dialog: shown when the server asks for the room's password or refuses it.
import { $, openDialog } from '../dom.js';
import { t } from '../i18n.js';
import { store } from '../store.js';
import { connection } from '../connection.js';
import { setStatus } from '../features/status.js';

const dialog = $('pw-dialog');
const input = $('pw-input');
const error = $('pw-error');

function askPassword(message) {
  error.textContent = message || '';
  input.value = '';
  openDialog(dialog, input);
}

$('pw-form').addEventListener('submit', (e) => {
  e.preventDefault();
  if (input.value === '') { error.textContent = t('password.empty'); return; }
  store.me.password = input.value;
  dialog.close();
  setStatus('connecting', t('status.connecting'));
  connection.socket.connect();
});

export default {
  events: {
    connect_error: (err) => {
      const code = err && err.data && err.data.code;
      if (code === 'password-required') askPassword('');
      else if (code === 'wrong-password') askPassword(err.message);
    },
  },
};
