// The nickname dialog: the first choice (then the page connects) and renames later on.
import { $, openDialog } from '../dom.js';
import { t } from '../i18n.js';
import { store } from '../store.js';
import { connection, connect, request, storeNickname } from '../connection.js';
import { describeError } from '../features/notices.js';
import { renderPeople } from '../features/people.js';

const dialog = $('nick-dialog');
const input = $('nick-input');
const error = $('nick-error');

export function askNickname(initial) {
  input.value = initial || '';
  error.textContent = '';
  openDialog(dialog, input);
}

// done(errorText or null)
function chooseNickname(name, done) {
  if (!connection.socket) {
    storeNickname(name);
    connect(name);
    done(null);
    return;
  }
  request('set nickname', name, (err, reply) => {
    if (err) { done(t('error.noAnswer')); return; }
    if (!reply || reply.ok !== true) { done(describeError(reply && reply.error)); return; }
    store.me.nickname = reply.nickname;
    storeNickname(reply.nickname);
    renderPeople();
    done(null);
  });
}

$('nick-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const name = input.value.trim();
  if (name === '') { error.textContent = t('nick.empty'); return; }
  chooseNickname(name, (problem) => {
    if (problem) { error.textContent = problem; return; }
    dialog.close();
  });
});
$('nick-guest').addEventListener('click', () => {
  dialog.close();
  if (!connection.socket) connect(null);
});
$('rename').addEventListener('click', () => askNickname(store.me.nickname));
