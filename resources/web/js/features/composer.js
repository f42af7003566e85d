// Writing: Enter sends (Shift+Enter makes a new line), the box grows with the text, and the
// text is cleared only once the server confirmed it. Writes to the conversation shown; a reply
// or an edit is shown above the box until sent or cancelled (Escape).
import { $ } from '../dom.js';
import { t } from '../i18n.js';
import { store } from '../store.js';
import { isConnected, request, connection } from '../connection.js';
import { showNotice, describeError } from './notices.js';
import { messageSent } from './typing.js';
import { hooks, withinWindow } from './messages.js';
import { completionKey } from './mentions.js';

const input = $('input');
const sendButton = $('send');
const context = $('context');
let replyTo = null; // the message answered
let editing = null; // the own message being edited

function autoSize() {
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
}

function setContext(reply, edit) {
  replyTo = reply;
  editing = edit;
  context.hidden = !reply && !edit;
  if (reply) $('context-text').textContent = t('reply.to', { author: reply.author, text: reply.text.split('\n')[0].slice(0, 120) });
  if (edit) $('context-text').textContent = t('edit.editing');
}

hooks.act = (kind, li) => {
  if (kind === 'reply') setContext(li, null);
  else {
    if (!withinWindow(li)) { showNotice(t('edit.over')); return; }
    setContext(null, li);
    input.value = li.text;
    autoSize();
  }
  input.focus();
};
$('context-cancel').addEventListener('click', () => { if (editing) input.value = ''; setContext(null, null); input.focus(); });

function sendMessage() {
  const text = input.value;
  if (text.trim() === '' || !isConnected()) return;
  sendButton.disabled = true;
  const done = (err, reply) => {
    sendButton.disabled = !connection.socket.connected;
    if (err) { showNotice(t('composer.unconfirmed')); return; }
    if (!reply || reply.ok !== true) { showNotice(describeError(reply && reply.error)); return; }
    if (input.value === text) input.value = '';
    setContext(null, null);
    autoSize();
  };
  const answer = replyTo ? Number(replyTo.dataset.id) : undefined;
  if (editing) request('edit message', { id: Number(editing.dataset.id), text }, done);
  else if (store.current !== 'room') request('private message', { to: store.current, text, replyTo: answer }, done);
  else if (replyTo) request('chat message', text, { replyTo: answer }, done);
  else request('chat message', text, done);
  messageSent();
}

$('composer').addEventListener('submit', (e) => { e.preventDefault(); sendMessage(); });
input.addEventListener('keydown', (e) => {
  if (e.isComposing || completionKey(e)) return;
  if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); sendMessage(); }
  if (e.key === 'Escape' && !context.hidden) { if (editing) input.value = ''; setContext(null, null); }
});
input.addEventListener('input', autoSize);
