// The chat service through chathost --headless with the official Node client: nicknames,
// presence, typing, delivery acks and refusals, limits, history, catch-up, restarts, kill -9.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, connect, connected, waitFor, sleep } from './helpers.mjs';

const CHATHOST = process.env.CHATHOST_BIN;
assert.ok(CHATHOST, 'CHATHOST_BIN must be set');
const freshDir = () => mkdtempSync(join(tmpdir(), 'chathost-chat-'));
const args = (dir, ...more) => ['--headless', '--data-dir', dir, '--ping-interval', '1000', '--ping-timeout', '1000', ...more];

// Connects and collects what the server sends on connect.
async function joinChat(url, auth = {}, mode = 'websocket') {
  const s = connect(url, mode, { auth });
  const welcome = waitFor(s, 'welcome');
  const history = waitFor(s, 'history');
  s.got = { messages: [], presence: [], errors: [], typing: [] };
  s.on('chat message', (text, meta) => s.got.messages.push({ text, ...meta }));
  s.on('presence', (p) => s.got.presence.push(p));
  s.on('chat error', (e) => s.got.errors.push(e));
  s.on('typing', (t) => s.got.typing.push(t));
  await connected(s);
  s.welcome = (await welcome)[0];
  s.history = (await history)[0];
  return s;
}

const userTexts = (s) => s.got.messages.filter((m) => m.kind === 'user').map((m) => m.text);

describe('chat service', () => {
  let server;
  before(async () => { server = await startServer(CHATHOST, args(freshDir(), '--host-name', 'Boss', '--title', 'Team room')); });
  after(async () => { await server.stop(); });

  it('lets a client that never names itself chat as a guest (the tutorial page)', async () => {
    const a = await joinChat(server.url);
    const b = await joinChat(server.url);
    assert.match(a.welcome.nickname, /^Guest-\d{4}$/);
    assert.notEqual(a.welcome.nickname, b.welcome.nickname);
    const got = waitFor(b, 'chat message');
    a.emit('chat message', 'plain text like the tutorial');
    // An extra notice may come first: wait for the user message.
    let [text, meta] = await got;
    while (meta.kind !== 'user') [text, meta] = await waitFor(b, 'chat message');
    assert.equal(text, 'plain text like the tutorial');
    assert.equal(meta.author, a.welcome.nickname);
    assert.equal(meta.kind, 'user');
    assert.equal(typeof meta.id, 'number');
    assert.ok(Math.abs(meta.timestamp - Date.now()) < 10000);
    a.close(); b.close();
  });

  it('welcomes with the room, the limits and the user list, and keeps the list current', async () => {
    const a = await joinChat(server.url, { nickname: 'Ann' });
    assert.equal(a.welcome.nickname, 'Ann');
    assert.equal(a.welcome.room.title, 'Team room');
    assert.equal(a.welcome.room.hostName, 'Boss');
    assert.equal(a.welcome.limits.maxMessageLength, 2000);
    assert.ok(a.welcome.users.some((u) => u.nickname === 'Ann' && typeof u.joinedAt === 'number'));
    const benJoined = new Promise((resolve) => a.on('presence', (p) => { if (p.joined.some((x) => x.nickname === 'Ben')) resolve(p); }));
    const b = await joinChat(server.url, { nickname: 'Ben' });
    const joined = await benJoined;
    assert.equal(typeof joined.joined.find((x) => x.nickname === 'Ben').joinedAt, 'number');
    assert.ok(joined.count >= 2);
    const notices = () => a.got.messages.filter((m) => m.kind === 'system').map((m) => m.text);
    const benLeft = new Promise((resolve) => a.on('presence', (p) => { if (p.left.includes('Ben')) resolve(p); }));
    b.close();
    await benLeft;
    await sleep(100);
    assert.ok(notices().some((n) => /Ben joined$/.test(n)), notices().join('|'));
    assert.ok(notices().includes('Ben left'), notices().join('|'));
    a.close();
  });

  it('refuses taken, reserved and invalid nicknames with clear errors', async () => {
    const a = await joinChat(server.url, { nickname: 'Cleo' });
    // The same name on connect: the newcomer becomes a guest and is told why.
    const b = await joinChat(server.url, { nickname: 'cleo' });
    assert.match(b.welcome.nickname, /^Guest-/);
    await sleep(100);
    assert.equal(b.got.errors[0].code, 'nickname-taken');
    for (const [name, code] of [['CLEO', 'nickname-taken'], ['Boss', 'nickname-reserved'], ['admin', 'nickname-reserved'],
                                ['', 'nickname-empty'], ['x'.repeat(33), 'nickname-too-long'], ['a\u202eb', 'nickname-invalid-character'],
                                [42, 'nickname-not-text']]) {
      const reply = await b.timeout(3000).emitWithAck('set nickname', name);
      assert.equal(reply.ok, false, String(name));
      assert.equal(reply.error.code, code, String(name));
      assert.ok(reply.error.message.length > 5);
    }
    const renamed = new Promise((resolve) => a.on('chat message', (t, m) => { if (m.kind === 'system' && t.includes('Dora')) resolve(t); }));
    const renamedPresence = new Promise((resolve) => a.on('presence', (p) => { if (p.renamed) resolve(p.renamed[0]); }));
    const ok = await b.timeout(3000).emitWithAck('set nickname', '  Dora  ');
    assert.deepEqual(ok, { ok: true, nickname: 'Dora' });
    assert.match(await renamed, /is now known as Dora$/);
    assert.equal((await renamedPresence).to, 'Dora');
    a.close(); b.close();
  });

  it('acknowledges a stored message with its id and timestamp', async () => {
    const a = await joinChat(server.url, { nickname: 'Eve' });
    const reply = await a.timeout(3000).emitWithAck('chat message', 'with ack');
    assert.equal(reply.ok, true);
    assert.equal(typeof reply.id, 'number');
    assert.equal(typeof reply.timestamp, 'number');
    await sleep(100);
    const echoed = a.got.messages.find((m) => m.text === 'with ack');
    assert.equal(echoed.id, reply.id);
    assert.equal(echoed.author, 'Eve');
    a.close();
  });

  it('refuses empty, non-text and too long messages, by ack or by a chat error event', async () => {
    const a = await joinChat(server.url, { nickname: 'Finn' });
    for (const [payload, code] of [['   ', 'empty'], [{ x: 1 }, 'not-text'], [12, 'not-text'], ['x'.repeat(2001), 'too-long']]) {
      const reply = await a.timeout(3000).emitWithAck('chat message', payload);
      assert.deepEqual([reply.ok, reply.error.code], [false, code]);
    }
    const okReply = await a.timeout(3000).emitWithAck('chat message', '😀'.repeat(2000)); // 2000 characters
    assert.equal(okReply.ok, true);
    const err = waitFor(a, 'chat error');
    a.emit('chat message', 'y'.repeat(2001)); // no ack asked: an event instead
    assert.equal((await err)[0].code, 'too-long');
    a.close();
  });

  it('limits the rate per sender (5 per 5 s with a burst) with a retry hint', async () => {
    const a = await joinChat(server.url, { nickname: 'Gus' });
    const b = await joinChat(server.url, { nickname: 'Hal' });
    const replies = [];
    for (let i = 0; i < 7; i++) replies.push(await a.timeout(3000).emitWithAck('chat message', `burst ${i}`));
    assert.deepEqual(replies.map((r) => r.ok), [true, true, true, true, true, false, false]);
    assert.equal(replies[5].error.code, 'rate-limited');
    assert.ok(replies[5].error.retryAfterMs > 0 && replies[5].error.retryAfterMs <= 1000);
    // Others are not affected.
    assert.equal((await b.timeout(3000).emitWithAck('chat message', 'me too')).ok, true);
    await sleep(1100);
    assert.equal((await a.timeout(3000).emitWithAck('chat message', 'after a second')).ok, true);
    a.close(); b.close();
  });

  it('forwards typing to the others, throttled, and clears it when the message is sent', async () => {
    const a = await joinChat(server.url, { nickname: 'Ivy' });
    const b = await joinChat(server.url, { nickname: 'Jon' });
    for (let i = 0; i < 10; i++) a.emit('typing', true);
    await sleep(300);
    assert.deepEqual(b.got.typing.filter((t) => t.nickname === 'Ivy'), [{ nickname: 'Ivy', typing: true }]);
    assert.equal(a.got.typing.length, 0);
    await a.timeout(3000).emitWithAck('chat message', 'done typing');
    await sleep(200);
    assert.deepEqual(b.got.typing.filter((t) => t.nickname === 'Ivy').at(-1), { nickname: 'Ivy', typing: false });
    a.close(); b.close();
  });

  it('gives a reconnecting page its nickname back with its resume token, quietly', async () => {
    const a = await joinChat(server.url, { nickname: 'Kim' });
    const watcher = await joinChat(server.url, { nickname: 'Lou' });
    // Another connection claims Kim with the right token while the first is still open.
    const again = await joinChat(server.url, { nickname: 'Kim', resumeToken: a.welcome.resumeToken });
    assert.equal(again.welcome.nickname, 'Kim');
    await sleep(200);
    assert.equal(a.connected, false);
    await sleep(300); // one presence batch
    const notices = watcher.got.messages.filter((m) => m.kind === 'system' && m.text.includes('Kim'));
    assert.deepEqual(notices, []);
    // Without the token, the name stays taken.
    const thief = await joinChat(server.url, { nickname: 'Kim', resumeToken: 'guess' });
    assert.match(thief.welcome.nickname, /^Guest-/);
    again.close(); watcher.close(); thief.close();
  });
});

describe('presence in a crowd', () => {
  it('batches arrivals: one presence event and one notice for many people', async (ctx) => {
    const server = await startServer(CHATHOST, args(freshDir()));
    ctx.after(() => server.stop()); // also when an assertion fails
    const watcher = await joinChat(server.url, { nickname: 'Watcher' });
    await sleep(400);
    watcher.got.presence.length = 0;
    watcher.got.messages.length = 0;
    const crowd = await Promise.all(Array.from({ length: 20 }, (_, i) => joinChat(server.url, { nickname: `crowd${i}` })));
    await sleep(500);
    const joined = watcher.got.presence.flatMap((p) => p.joined.map((u) => u.nickname));
    assert.equal(new Set(joined).size, 20);
    assert.ok(watcher.got.presence.length <= 3, `${watcher.got.presence.length} presence events for 20 arrivals`);
    const notices = watcher.got.messages.filter((m) => m.kind === 'system');
    assert.ok(notices.length <= 3, notices.map((n) => n.text).join(' | '));
    assert.ok(notices.some((n) => /and \d+ others joined$/.test(n.text)), notices.map((n) => n.text).join(' | '));
    crowd.forEach((c) => c.close());
    watcher.close();
    await server.stop();
  });
});

describe('history', () => {
  it('sends newcomers the recent history, survives a restart, and catches up exactly', async () => {
    const dir = freshDir();
    let server = await startServer(CHATHOST, args(dir, '--history', '20', '--rate', '0/1'));
    const a = await joinChat(server.url, { nickname: 'Max' });
    assert.deepEqual(a.history.messages.filter((m) => m.kind === 'user'), []);
    const ids = [];
    for (let i = 0; i < 30; i++) ids.push((await a.timeout(3000).emitWithAck('chat message', `h${i}`)).id);
    const b = await joinChat(server.url, { nickname: 'Ned' });
    assert.equal(b.history.catchUp, false);
    assert.equal(b.history.messages.length, 20);
    assert.deepEqual(b.history.messages.at(-1).text, 'h29');
    a.close(); b.close();
    await server.stop();

    server = await startServer(CHATHOST, args(dir, '--history', '20', '--rate', '0/1'));
    const c = await joinChat(server.url, { nickname: 'Oli' });
    assert.ok(c.history.messages.some((m) => m.text === 'h29'), 'history survived the restart');
    // A reconnecting client that saw id k receives exactly what came after, once.
    const seen = ids[9];
    const d = await joinChat(server.url, { nickname: 'Pam', lastId: seen });
    assert.equal(d.history.catchUp, true);
    assert.equal(d.history.complete, true);
    const texts = d.history.messages.filter((m) => m.kind === 'user').map((m) => m.text);
    assert.deepEqual(texts, Array.from({ length: 20 }, (_, i) => `h${i + 10}`));
    const allIds = d.history.messages.map((m) => m.id);
    assert.equal(new Set(allIds).size, allIds.length, 'no duplicates');
    assert.ok(allIds.every((id) => id > seen));
    // And what it is sent live afterwards is newer than its catch-up.
    await sleep(100);
    assert.ok(d.got.messages.every((m) => m.id > Math.max(...allIds)));
    c.close(); d.close();
    await server.stop();
  });

  it('keeps a leading U+FEFF of a message, live, in history and after a restart (raw UTF-8)', async () => {
    // JSON.stringify sends the BOM as raw bytes (python-socketio escapes it): both paths count.
    const dir = freshDir();
    let server = await startServer(CHATHOST, args(dir, '--rate', '0/1'));
    const sent = [];
    for (const mode of ['polling', 'websocket']) {
      const s = await joinChat(server.url, { nickname: `Bom${mode.slice(0, 4)}` }, mode);
      const text = `\ufeffhello ${mode}`;
      sent.push(text);
      assert.equal((await s.timeout(3000).emitWithAck('chat message', text)).ok, true);
      await sleep(100);
      assert.deepEqual(userTexts(s).at(-1), text);
      const { messages } = await s.timeout(3000).emitWithAck('history', {});
      assert.deepEqual(messages.filter((m) => m.kind === 'user').map((m) => m.text), sent);
      s.close();
    }
    await server.stop();
    server = await startServer(CHATHOST, args(dir));
    for (const mode of ['polling', 'websocket']) {
      const s = await joinChat(server.url, {}, mode);
      assert.deepEqual(s.history.messages.filter((m) => m.kind === 'user').map((m) => m.text), sent);
      s.close();
    }
    await server.stop();
  });

  it('never loses an acknowledged message when killed with SIGKILL', async () => {
    const dir = freshDir();
    let server = await startServer(CHATHOST, args(dir, '--rate', '0/1'));
    const a = await joinChat(server.url, { nickname: 'Quinn' });
    const acked = [];
    let killed = false;
    // Several messages in flight at once; kill the server right after the 40th ack arrives.
    await new Promise((resolve) => {
      for (let i = 0; i < 200; i++) {
        a.emit('chat message', `k${i}`, (reply) => {
          if (killed || !reply || !reply.ok) return;
          acked.push({ id: reply.id, text: `k${i}` });
          if (acked.length === 40) {
            killed = true;
            server.proc.kill('SIGKILL');
            resolve();
          }
        });
      }
    });
    await new Promise((r) => server.proc.once('exit', r));
    a.close();
    server = await startServer(CHATHOST, args(dir, '--history', '1000'));
    const b = await joinChat(server.url, { nickname: 'Rex' });
    const stored = new Map(b.history.messages.map((m) => [m.id, m.text]));
    for (const m of acked) assert.equal(stored.get(m.id), m.text, `acknowledged message ${m.id} lost`);
    b.close();
    await server.stop();
  });

  it('keeps chatting in memory when the database cannot be opened, and says so', async (ctx) => {
    const dir = freshDir();
    mkdirSync(join(dir, 'history.sqlite')); // a folder where the database file should be
    const server = await startServer(CHATHOST, args(dir));
    ctx.after(() => server.stop()); // also when an assertion fails
    for (let i = 0; i < 40 && !/memory only/.test(server.stderr()); i++) await sleep(50); // separate pipes
    assert.match(server.stderr(), /Warning: .*history\.sqlite.*memory only/s);
    const a = await joinChat(server.url, { nickname: 'Sam' });
    assert.equal((await a.timeout(3000).emitWithAck('chat message', 'in memory')).ok, true);
    const b = await joinChat(server.url, { nickname: 'Tia' });
    assert.ok(b.history.messages.some((m) => m.text === 'in memory'));
    a.close(); b.close();
    await server.stop();
  });
});
