// What the page knows: who I am, the people here (by user id, never by nickname), the
// conversations (by key: 'room', a person's userId, or 'host'), the room's settings. Features
// read and change it; the connection sends `me` and the last id when it (re)connects.
export const MAX_MESSAGES = 1000; // messages kept per conversation, in the DOM and in `seen`

export const store = {
  me: { nickname: null, userId: null, resumeToken: null, password: null, kicked: false, replaced: false, blocked: new Set() },
  room: { title: null, slowModeSeconds: 0, locked: false, maxMessageLength: null, privateMessages: true, editWindowSeconds: 300 },
  people: new Map(), // userId (or 'nick:NAME' for a client without one) -> {nickname, joinedAt, userId}
  names: new Map(), // userId -> the last nickname seen (people who left too), for reactions
  peopleCount: 0, // in a big room the server names only some people; this is how many in all
  conversations: new Map(), // key -> conversation
  current: 'room', // the conversation shown
  lastId: null, // the highest message id of all conversations (ids are shared)
  unread: 0,
  mentions: 0,
};

export function conversation(key) {
  let c = store.conversations.get(key);
  if (!c) {
    // seen: the ids shown, never more than MAX_MESSAGES; droppedThrough: the highest id dropped
    // to keep that bound (anything at or below it is older than what is shown).
    c = { key, lastId: null, seen: new Set(), droppedThrough: null, unread: 0, name: null };
    store.conversations.set(key, c);
  }
  return c;
}

export const personKey = (u) => (u.userId ? u.userId : `nick:${u.nickname}`);

export function isMe(nickname, userId) {
  if (userId && store.me.userId) return userId === store.me.userId;
  return nickname === store.me.nickname;
}

export function findPersonByNickname(nickname) {
  for (const [key, u] of store.people) if (u.nickname === nickname) return key;
  return null;
}

export const nameOf = (userId) => (store.people.get(userId) || {}).nickname || store.names.get(userId);

// Whether the composer can write to the conversation shown.
export const writable = () => store.current === 'room' || (store.room.privateMessages && store.current !== 'host');
