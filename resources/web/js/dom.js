// Small DOM helpers. Text is always set with textContent: what people write never becomes HTML.
import { region } from './i18n.js';

export const $ = (id) => document.getElementById(id);

// el('span', 'author', 'Ann') -> <span class="author">Ann</span>
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

export function openDialog(dialog, focus) {
  if (typeof dialog.showModal === 'function') { if (!dialog.open) dialog.showModal(); }
  else dialog.setAttribute('open', '');
  if (focus) focus.focus();
}

const timeOnly = new Intl.DateTimeFormat(region, { hour: '2-digit', minute: '2-digit' });
export const fullDate = new Intl.DateTimeFormat(region, { dateStyle: 'medium', timeStyle: 'short' });

// The time today, the date and time on another day, in the reader's locale.
export function formatTime(ms) {
  const d = new Date(ms);
  return (d.toDateString() === new Date().toDateString() ? timeOnly : fullDate).format(d);
}
