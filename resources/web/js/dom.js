// Small DOM helpers. Text is always set with textContent: what people write never becomes HTML.
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

export function formatTime(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
