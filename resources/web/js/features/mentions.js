// @name completion in the composer (Tab or the suggestion list, keyboard usable), and the signals
// for a message addressed to me (a mention or a private message): a short beep and a system
// notification, which the browser allows only after the "Notify me" click in a secure context.
import { $, el } from '../dom.js';
import { t } from '../i18n.js';
import { store, isMe } from '../store.js';
import { showNotice } from './notices.js';

const input = $('input');
const box = $('suggest');
const notify = $('notify');
let items = [];
let active = 0;
let token = null; // where the @word being completed is in the input

function draw() {
  box.replaceChildren(...items.map((name, i) => {
    const li = el('li', null, `@${name}`);
    li.id = `sg${i}`;
    li.setAttribute('role', 'option');
    li.ariaSelected = String(i === active);
    li.onmousedown = (e) => { e.preventDefault(); pick(i); };
    return li;
  }));
  box.hidden = items.length === 0;
  input.ariaExpanded = String(!box.hidden);
  if (box.hidden) input.removeAttribute('aria-activedescendant');
  else input.setAttribute('aria-activedescendant', `sg${active}`);
}

function update() {
  const end = input.selectionStart;
  const m = /(?:^|\s)@([^\s@]*)$/.exec(input.value.slice(0, end));
  items = [];
  if (m) {
    const prefix = m[1].toLowerCase();
    token = [end - m[1].length - 1, end];
    for (const u of store.people.values()) {
      if (!isMe(u.nickname, u.userId) && u.nickname.toLowerCase().startsWith(prefix)) items.push(u.nickname);
    }
    items = items.sort((a, b) => a.localeCompare(b)).slice(0, 8);
    if (items.length === 1 && items[0].toLowerCase() === prefix) items = []; // typed in full already
  }
  active = 0;
  draw();
}

function pick(i) {
  input.setRangeText(`@${items[i]} `, token[0], token[1], 'end');
  items = [];
  draw();
  input.dispatchEvent(new Event('input'));
}

// The composer's keys go here first: true if completion used the key.
export function completionKey(e) {
  if (items.length === 0) return false;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
  else if (e.key === 'Enter' || e.key === 'Tab') { pick(active); e.preventDefault(); return true; }
  else if (e.key === 'Escape') items = [];
  else return false;
  e.preventDefault();
  draw();
  return true;
}

input.addEventListener('input', update);
input.addEventListener('blur', () => { items = []; draw(); });

// Sound: WebAudio, started by the first click or key (browsers allow it only after one).
let audio = null;
const unlock = () => { if (!audio && window.AudioContext) audio = new AudioContext(); };
addEventListener('pointerdown', unlock, { once: true });
addEventListener('keydown', unlock, { once: true });

function beep() {
  if (!audio) return;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  const now = audio.currentTime;
  osc.frequency.value = 880;
  gain.gain.setValueAtTime(0.15, now);
  gain.gain.exponentialRampToValueAtTime(0.001, now + 0.25);
  osc.connect(gain).connect(audio.destination);
  osc.start(now);
  osc.stop(now + 0.25);
}

const canNotify = () => window.isSecureContext && 'Notification' in window;
notify.hidden = canNotify() && Notification.permission === 'granted';
notify.addEventListener('click', async () => {
  if (!canNotify()) { showNotice(t('notify.insecure')); return; }
  const answer = await Notification.requestPermission();
  notify.hidden = answer === 'granted';
  if (answer !== 'granted') showNotice(t('notify.denied'));
});

// A message for me arrived: beep, and a notification while the page is not looked at.
export function signal(meta, text) {
  beep();
  if (!canNotify() || Notification.permission !== 'granted' || (!document.hidden && document.hasFocus())) return;
  const title = meta.private ? t('pm.notifyTitle', { author: meta.author }) : t('mentions.notifyTitle', { author: meta.author });
  new Notification(title, { body: String(text).slice(0, 200), tag: `chathost-${meta.id}` });
}
