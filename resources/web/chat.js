// ChatHost's built-in page: the tutorial's chat, with every text shown as text.
'use strict';
(function () {
  const socket = io();
  const status = document.getElementById('status');
  const list = document.getElementById('messages');
  const input = document.getElementById('m');
  socket.on('connect', () => { status.textContent = 'Connected'; });
  socket.on('disconnect', () => { status.textContent = 'Reconnecting…'; });
  socket.on('chat message', (msg) => {
    const item = document.createElement('li');
    item.textContent = String(msg);
    list.appendChild(item);
    window.scrollTo(0, document.body.scrollHeight);
  });
  document.getElementById('form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (input.value.trim() !== '') socket.emit('chat message', input.value);
    input.value = '';
  });
})();
