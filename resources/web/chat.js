// ChatHost's built-in chat page. Everything users write is inserted as text (textContent), never
// as HTML. Protocol: see docs/chat-protocol.md.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const els = {
    title: $('title'), status: $('status'), rename: $('rename'), count: $('count'), users: $('users'),
    messages: $('messages'), typing: $('typing'), composer: $('composer'), input: $('input'),
    send: $('send'), notice: $('notice'), rules: $('rules'), announcer: $('announcer'), dialog: $('nick-dialog'),
    nickForm: $('nick-form'), nickInput: $('nick-input'), nickError: $('nick-error'),
    nickGuest: $('nick-guest'), pwDialog: $('pw-dialog'), pwForm: $('pw-form'), pwInput: $('pw-input'),
    pwError: $('pw-error'),
  };
  const STORAGE_KEY = 'chathost.nickname';
  const state = {
    nickname: null, lastId: null, seen: new Set(), unread: 0, baseTitle: document.title,
    typingUsers: new Map(), typingSentAt: 0, typingTimer: null, socket: null, password: null,
  };

  function storedNickname() {
    try { return localStorage.getItem(STORAGE_KEY); } catch (e) { return null; }
  }
  function storeNickname(name) {
    try { localStorage.setItem(STORAGE_KEY, name); } catch (e) { /* private mode: fine */ }
  }

  function setStatus(kind, text) {
    els.status.className = 'status ' + kind;
    els.status.textContent = text;
    const online = kind === 'connected';
    els.input.disabled = !online;
    els.send.disabled = !online;
  }

  // sticky: stays until replaced (e.g. being muted or removed)
  function showNotice(text, sticky) {
    els.notice.textContent = text;
    els.notice.hidden = false;
    clearTimeout(showNotice.timer);
    if (!sticky) showNotice.timer = setTimeout(() => { els.notice.hidden = true; }, 8000);
  }

  function applyRoom(room) {
    if (!room) return;
    const rules = [];
    if (room.locked) rules.push('The room is locked: only the host can write.');
    if (room.slowModeSeconds > 0) rules.push(`Slow mode: one message every ${room.slowModeSeconds} s.`);
    els.rules.textContent = rules.join(' ');
    els.rules.hidden = rules.length === 0;
  }

  function formatTime(ms) {
    const d = new Date(ms);
    return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function nearBottom() {
    const m = els.messages;
    return m.scrollHeight - m.scrollTop - m.clientHeight < 80;
  }

  function addMessage(text, meta, announce) {
    if (!meta || typeof meta.id !== 'number') {
      // A plain relay (the tutorial's pages), or a live notice that is not stored (renames).
      const notice = meta && meta.kind === 'system';
      meta = { id: null, kind: notice ? 'system' : 'user', author: null, timestamp: (notice && meta.timestamp) || Date.now() };
    } else {
      if (state.seen.has(meta.id)) return; // never twice, e.g. after a catch-up
      state.seen.add(meta.id);
      if (state.lastId === null || meta.id > state.lastId) state.lastId = meta.id;
    }
    const stick = nearBottom();
    const li = document.createElement('li');
    li.className = meta.kind || 'user';
    if (meta.id !== null) li.dataset.id = String(meta.id);
    const mine = meta.authorId && state.userId ? meta.authorId === state.userId : meta.author === state.nickname;
    if (meta.kind === 'user' && mine) li.classList.add('mine');
    if (meta.kind !== 'system') {
      const head = document.createElement('div');
      head.className = 'meta';
      const author = document.createElement('span');
      author.className = 'author';
      author.textContent = meta.author || '';
      head.append(author);
      if (meta.kind === 'host') {
        const badge = document.createElement('span');
        badge.className = 'badge';
        badge.textContent = 'host announcement';
        head.append(badge);
      }
      const time = document.createElement('time');
      time.dateTime = new Date(meta.timestamp).toISOString();
      time.textContent = formatTime(meta.timestamp);
      head.append(time);
      li.append(head);
    }
    const body = document.createElement('div');
    body.className = 'text';
    if (meta.deleted) {
      li.classList.add('deleted');
      body.textContent = 'This message was deleted.';
    } else {
      body.textContent = String(text);
    }
    li.append(body);
    els.messages.append(li);
    if (stick || (meta.kind === 'user' && meta.author === state.nickname)) {
      els.messages.scrollTop = els.messages.scrollHeight;
    }
    if (announce) {
      const line = document.createElement('p');
      line.textContent = meta.kind === 'system' ? String(text) : `${meta.author}: ${text}`;
      els.announcer.append(line);
      while (els.announcer.childNodes.length > 5) els.announcer.firstChild.remove();
      if (document.hidden && meta.kind !== 'system') { // notices such as "X joined" are not unread messages
        state.unread += 1;
        document.title = `(${state.unread}) ${state.baseTitle}`;
      }
    }
  }

  function markDeleted(id) {
    const li = els.messages.querySelector(`li[data-id="${Number(id)}"]`);
    if (!li) return;
    li.classList.add('deleted');
    const body = li.querySelector('.text');
    if (body) body.textContent = 'This message was deleted.';
  }

  // Who is here, by nickname: the full list comes with `welcome`, then changes with `presence`.
  const people = new Map();
  let peopleCount = 0; // in a big room the server names only some people; this is how many in all
  function setPeople(users, count) {
    people.clear();
    for (const u of users) people.set(u.nickname, u);
    peopleCount = typeof count === 'number' ? count : users.length;
    renderUsers();
  }
  function applyPresence(p) {
    if (typeof p.count === 'number') peopleCount = p.count;
    for (const name of p.left || []) people.delete(name);
    for (const u of p.joined || []) people.set(u.nickname, u);
    for (const r of p.renamed || []) {
      const u = people.get(r.from);
      people.delete(r.from);
      people.set(r.to, Object.assign({}, u || {}, { nickname: r.to }));
    }
    renderUsers();
  }

  function renderUsers() {
    const users = [...people.values()].sort((a, b) => (a.joinedAt || 0) - (b.joinedAt || 0));
    els.users.replaceChildren();
    for (const u of users) {
      const li = document.createElement('li');
      li.textContent = u.nickname;
      if (u.nickname === state.nickname) {
        li.classList.add('me');
        li.append(document.createTextNode(' (you)'));
      }
      els.users.append(li);
    }
    const total = Math.max(peopleCount, users.length);
    if (total > users.length) {
      const more = document.createElement('li');
      more.className = 'more';
      more.textContent = `and ${total - users.length} more`;
      els.users.append(more);
    }
    els.count.textContent = String(total);
    els.count.setAttribute('aria-label', `${total} ${total === 1 ? 'person' : 'people'} here`);
  }

  function renderTyping() {
    const names = [...state.typingUsers.keys()];
    if (names.length === 0) els.typing.textContent = '';
    else if (names.length === 1) els.typing.textContent = `${names[0]} is typing…`;
    else if (names.length <= 3) els.typing.textContent = `${names.join(', ')} are typing…`;
    else els.typing.textContent = 'Several people are typing…';
  }

  function describeError(error) {
    if (!error) return 'The server refused that.';
    return error.message || String(error.code || error);
  }

  function connect(nickname) {
    // auth is read again at every reconnection: the server then sends exactly what was missed.
    const socket = io({
      auth: (cb) => {
        const auth = {};
        const name = state.nickname || nickname;
        if (name) auth.nickname = name;
        if (state.resumeToken) auth.resumeToken = state.resumeToken; // keeps our nickname
        if (state.lastId !== null) auth.lastId = state.lastId;
        if (state.password) auth.password = state.password;
        cb(auth);
      },
    });
    state.socket = socket;
    setStatus('connecting', 'Connecting…');
    socket.on('connect', () => setStatus('connected', 'Connected'));
    socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') setStatus('offline', state.kicked ? 'Removed by the host' : 'Disconnected by the host');
      else setStatus('reconnecting', 'Reconnecting…');
      state.typingUsers.clear();
      renderTyping();
    });
    socket.io.on('reconnect_attempt', () => setStatus('reconnecting', 'Reconnecting…'));
    socket.on('connect_error', (err) => {
      // Refused by the server (banned, room full): socket.io does not retry those by itself.
      if (err && err.data && (err.data.code === 'password-required' || err.data.code === 'wrong-password')) {
        setStatus('offline', 'Password needed');
        askPassword(err.data.code === 'wrong-password' ? err.message : '');
        return;
      }
      if (err && err.data && err.data.code) {
        setStatus('offline', 'Not connected');
        showNotice(err.message, true);
        if (err.data.code === 'room-full') setTimeout(() => socket.connect(), 10000);
        return;
      }
      setStatus('reconnecting', 'Cannot reach the chat, retrying…');
    });
    socket.on('welcome', (info) => {
      state.nickname = info.nickname;
      state.resumeToken = info.resumeToken;
      state.userId = info.userId || null;
      // Kept for this tab only: a reload comes back as the same person (mutes and limits too).
      try { sessionStorage.setItem(STORAGE_KEY + '.resume', info.resumeToken || ''); } catch (e) { /* fine */ }
      if (info.room && info.room.title) {
        els.title.textContent = info.room.title;
        state.baseTitle = info.room.title;
        if (!document.hidden) document.title = info.room.title;
      }
      if (info.limits && info.limits.maxMessageLength) els.input.maxLength = info.limits.maxMessageLength;
      applyRoom(info.room);
      setPeople(info.users || [], info.count);
    });
    socket.on('history', (h) => {
      for (const m of h.messages || []) addMessage(m.text, m, false);
      if (h.catchUp && h.complete === false) showNotice('Some older messages were skipped while you were away.');
    });
    socket.on('chat message', (text, meta) => {
      addMessage(text, meta, true);
      if (meta && meta.author) { state.typingUsers.delete(meta.author); renderTyping(); }
    });
    socket.on('presence', (p) => applyPresence(p));
    socket.on('typing', (t) => {
      if (!t || !t.nickname || t.nickname === state.nickname) return;
      clearTimeout(state.typingUsers.get(t.nickname));
      if (t.typing === false) state.typingUsers.delete(t.nickname);
      else state.typingUsers.set(t.nickname, setTimeout(() => { state.typingUsers.delete(t.nickname); renderTyping(); }, 5000));
      renderTyping();
    });
    socket.on('message deleted', (info) => markDeleted(info && info.id));
    socket.on('chat error', (error) => showNotice(describeError(error)));
    socket.on('kicked', (info) => {
      state.kicked = true;
      showNotice(info && info.reason ? `The host removed you from the chat: ${info.reason}` : 'The host removed you from the chat.', true);
    });
    socket.on('muted', (info) => {
      const until = info && typeof info.until === 'number' ? ` until ${formatTime(info.until)}` : '';
      showNotice(`The host muted you${until}${info && info.reason ? `: ${info.reason}` : '.'}`, true);
    });
    socket.on('unmuted', () => showNotice('You can write again.'));
    socket.on('room', (room) => applyRoom(room));
  }

  function askPassword(error) {
    els.pwError.textContent = error || '';
    els.pwInput.value = '';
    if (typeof els.pwDialog.showModal === 'function') { if (!els.pwDialog.open) els.pwDialog.showModal(); }
    else els.pwDialog.setAttribute('open', '');
    els.pwInput.focus();
  }
  els.pwForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (els.pwInput.value === '') { els.pwError.textContent = 'Please enter the password.'; return; }
    state.password = els.pwInput.value;
    els.pwDialog.close();
    setStatus('connecting', 'Connecting…');
    state.socket.connect();
  });

  function sendMessage() {
    const text = els.input.value;
    if (text.trim() === '' || !state.socket || !state.socket.connected) return;
    els.send.disabled = true;
    state.socket.timeout(10000).emit('chat message', text, (err, reply) => {
      els.send.disabled = !state.socket.connected;
      if (err) { showNotice('The server did not confirm your message; it may not have been sent.'); return; }
      if (!reply || reply.ok !== true) { showNotice(describeError(reply && reply.error)); return; }
      if (els.input.value === text) els.input.value = '';
      autoSize();
    });
    state.typingSentAt = 0;
  }

  function autoSize() {
    els.input.style.height = 'auto';
    els.input.style.height = `${Math.min(els.input.scrollHeight, 128)}px`;
  }

  els.composer.addEventListener('submit', (e) => { e.preventDefault(); sendMessage(); });
  els.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); sendMessage(); }
  });
  els.input.addEventListener('input', () => {
    autoSize();
    const now = Date.now();
    if (state.socket && state.socket.connected && els.input.value !== '' && now - state.typingSentAt > 2000) {
      state.typingSentAt = now;
      state.socket.emit('typing', true);
    }
  });

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) { state.unread = 0; document.title = state.baseTitle; }
  });

  function askNickname(initial, onChosen) {
    els.nickInput.value = initial || '';
    els.nickError.textContent = '';
    els.dialog.onChosen = onChosen;
    if (typeof els.dialog.showModal === 'function') els.dialog.showModal();
    else els.dialog.setAttribute('open', '');
    els.nickInput.focus();
  }
  els.nickForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const name = els.nickInput.value.trim();
    if (name === '') { els.nickError.textContent = 'Please choose a nickname.'; return; }
    els.dialog.onChosen(name, (error) => {
      if (error) { els.nickError.textContent = error; return; }
      els.dialog.close();
    });
  });
  els.nickGuest.addEventListener('click', () => {
    els.dialog.close();
    if (!state.socket) connect(null);
  });

  function chooseNickname(name, done) {
    if (!state.socket) {
      storeNickname(name);
      connect(name);
      done(null);
      return;
    }
    state.socket.timeout(10000).emit('set nickname', name, (err, reply) => {
      if (err) { done('The server did not answer; try again.'); return; }
      if (!reply || reply.ok !== true) { done(describeError(reply && reply.error)); return; }
      state.nickname = reply.nickname;
      storeNickname(reply.nickname);
      renderUsers();
      done(null);
    });
  }
  els.rename.addEventListener('click', () => askNickname(state.nickname, chooseNickname));

  try { state.resumeToken = sessionStorage.getItem(STORAGE_KEY + '.resume') || null; } catch (e) { /* fine */ }
  const saved = storedNickname();
  if (saved) connect(saved);
  else askNickname('', chooseNickname);
})();
