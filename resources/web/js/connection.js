// The Socket.IO connection: setup, the auth sent at every (re)connection (nickname, resume token,
// the last message id, password), and the features' event tables. The client comes from
// client.js (bundled into main.js).
import { io } from './client.js';
import { store } from './store.js';

// Still reachable as the global `io`, as when the client was a script of its own (the browser
// tests wrap it to see the page's sockets; people poke at it from the console).
window.io = io;

// WebSocket first: no long-polling handshake, upgrade probe and last poll (about 2 KB fewer on a
// phone's first load and on every reload). If the WebSocket can't open (a proxy that refuses it),
// tryAllTransports falls back to long-polling at once; and after any failed attempt that was not
// the server's refusal (also a WebSocket a proxy accepts but never answers: the 20 s connect
// timeout), the next attempts start with long-polling and upgrade as the client does by default.
const WEBSOCKET_FIRST = ['websocket', 'polling'];
const POLLING_FIRST = ['polling', 'websocket'];

const STORAGE_KEY = 'chathost.nickname';
const RESUME_KEY = `${STORAGE_KEY}.resume`;

export const connection = { socket: null };
const features = [];

// A feature is {events?: {name: handler}, managerEvents?: {name: handler}, connecting?(socket)}:
// the socket's events, those of its Manager (reconnect_attempt...), and a call when the socket is
// made. Registered before connect(); several features may handle the same event.
export function register(feature) { features.push(feature); }

export function storedNickname() {
  try { return localStorage.getItem(STORAGE_KEY); } catch (e) { return null; }
}
export function storeNickname(name) {
  try { localStorage.setItem(STORAGE_KEY, name); } catch (e) { /* private mode: fine */ }
}

// Kept for this tab only: a reload comes back as the same person (mutes and limits too).
try { store.me.resumeToken = sessionStorage.getItem(RESUME_KEY) || null; } catch (e) { /* fine */ }

const own = {
  welcome(info) {
    store.me.nickname = info.nickname;
    store.me.resumeToken = info.resumeToken;
    store.me.userId = info.userId || null;
    try { sessionStorage.setItem(RESUME_KEY, info.resumeToken || ''); } catch (e) { /* fine */ }
  },
};

export const isConnected = () => Boolean(connection.socket && connection.socket.connected);

export function connect(nickname) {
  // auth is read again at every reconnection: the server then sends exactly what was missed.
  const socket = window.io({
    // Without a WebSocket at all (some locked-down browsers), the client would never try polling.
    transports: typeof window.WebSocket === 'function' ? WEBSOCKET_FIRST : POLLING_FIRST,
    tryAllTransports: true,
    auth: (cb) => {
      const auth = {};
      const name = store.me.nickname || nickname;
      if (name) auth.nickname = name;
      if (store.me.resumeToken) auth.resumeToken = store.me.resumeToken; // keeps our nickname
      if (store.lastId !== null) auth.lastId = store.lastId;
      if (store.me.password) auth.password = store.me.password;
      cb(auth);
    },
  });
  connection.socket = socket;
  socket.on('connect_error', (err) => {
    if (!(err && err.data)) socket.io.opts.transports = POLLING_FIRST; // not a refusal: the way there
  });
  for (const [name, handler] of Object.entries(own)) socket.on(name, handler);
  for (const f of features) {
    for (const [name, handler] of Object.entries(f.events || {})) socket.on(name, handler);
    for (const [name, handler] of Object.entries(f.managerEvents || {})) socket.io.on(name, handler);
  }
  for (const f of features) if (f.connecting) f.connecting(socket);
  return socket;
}

// Emits with an ack within 10 s: done(err, reply) as socket.io's timeout() gives it.
export function request(event, ...args) {
  connection.socket.timeout(10000).emit(event, ...args);
}
