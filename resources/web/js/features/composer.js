// Writing: Enter sends (Shift+Enter makes a new line), the box grows with the text, and the
// text is cleared only once the server confirmed it. No socket events of its own.
import { $ } from '../dom.js';
import { t } from '../i18n.js';
import { isConnected, request, connection } from '../connection.js';
import { showNotice, describeError } from './notices.js';
import { messageSent } from './typing.js';

const input = $('input');
const sendButton = $('send');

function autoSize() {
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, 128)}px`;
}

function sendMessage() {
  const text = input.value;
  if (text.trim() === '' || !isConnected()) return;
  sendButton.disabled = true;
  request('chat message', text, (err, reply) => {
    sendButton.disabled = !connection.socket.connected;
    if (err) { showNotice(t('composer.unconfirmed')); return; }
    if (!reply || reply.ok !== true) { showNotice(describeError(reply && reply.error)); return; }
    if (input.value === text) input.value = '';
    autoSize();
  });
  messageSent();
}

$('composer').addEventListener('submit', (e) => { e.preventDefault(); sendMessage(); });
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); sendMessage(); }
});
input.addEventListener('input', autoSize);
