// Replies, reactions and edits/deletions of one's own messages (issue 13) with the official
// socket.io-client: what every page sees live, and what history carries after a reconnect.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, connect, connected, waitFor, waitForText, sleep } from './helpers.mjs';

const CHATHOST = process.env.CHATHOST_BIN;
assert.ok(CHATHOST, 'CHATHOST_BIN must be set');
const THUMBS = '\u{1F44D}';
const HEART = '\u2764\uFE0F';
const PARTY = '\u{1F389}';
const EDIT_WINDOW_S = 2;

async function person(url, nickname, extra = {}) {
  const s = connect(url, 'websocket', { auth: { nickname }, ...extra });
  s.events = [];
  s.onAny((event, ...a) => s.events.push([event, ...a]));
  s.welcome = waitFor(s, 'welcome');
  s.history = waitFor(s, 'history');
  await connected(s);
  await s.history;
  return s;
}

const ack = (s, event, ...a) => s.timeout(3000).emitWithAck(event, ...a);

// The next event of this name that satisfies check.
function next(s, event, check = () => true, timeoutMs = 3000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { s.off(event, on); reject(new Error(`no matching ${event}`)); }, timeoutMs);
    function on(...a) { if (check(...a)) { clearTimeout(timer); s.off(event, on); resolve(a); } }
    s.on(event, on);
  });
}

describe('replies, reactions, edits', () => {
  let server;
  let dir;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chathost-actions-'));
    server = await startServer(CHATHOST, ['--headless', '--data-dir', dir, '--rate', '0/1',
      '--edit-window', String(EDIT_WINDOW_S)]);
  });
  after(async () => { await server.stop(); });

  it('announces the edit window in welcome and room', async () => {
    const a = await person(server.url, 'Wendy');
    const [welcome] = await a.welcome;
    assert.equal(welcome.room.editWindowSeconds, EDIT_WINDOW_S);
    assert.equal(welcome.editWindowSeconds, EDIT_WINDOW_S);
    a.close();
  });

  it('two people react and un-react, a third sees the counts, one event per change', async () => {
    const a = await person(server.url, 'Ada');
    const b = await person(server.url, 'Ben');
    const c = await person(server.url, 'Cleo');
    const posted = await ack(a, 'chat message', 'react to this');
    assert.equal(posted.ok, true);
    const id = posted.id;
    const aId = (await a.welcome)[0].userId;
    const bId = (await b.welcome)[0].userId;

    let seen = next(c, 'reaction', (r) => r.id === id && r.userId === aId);
    assert.deepEqual(await ack(a, 'react', { id, emoji: THUMBS, on: true }), { ok: true });
    assert.deepEqual((await seen)[0], { id, emoji: THUMBS, userId: aId, on: true, count: 1 });
    seen = next(c, 'reaction', (r) => r.id === id && r.userId === bId);
    assert.deepEqual(await ack(b, 'react', { id, emoji: THUMBS, on: true }), { ok: true });
    assert.deepEqual((await seen)[0], { id, emoji: THUMBS, userId: bId, on: true, count: 2 });
    // The same toggle again changes nothing and tells nobody.
    const before = c.events.filter(([e]) => e === 'reaction').length;
    assert.deepEqual(await ack(b, 'react', { id, emoji: THUMBS, on: true }), { ok: true });
    seen = next(c, 'reaction', (r) => r.id === id && r.userId === aId && !r.on);
    assert.deepEqual(await ack(a, 'react', { id, emoji: THUMBS, on: false }), { ok: true });
    assert.deepEqual((await seen)[0], { id, emoji: THUMBS, userId: aId, on: false, count: 1 });
    assert.equal(c.events.filter(([e]) => e === 'reaction').length, before + 1);
    await ack(b, 'react', { id, emoji: PARTY, on: true });

    // Refusals.
    assert.equal((await ack(a, 'react', { id, emoji: '\u{1F4A9}', on: true })).error.code, 'bad-reaction');
    assert.equal((await ack(a, 'react', { id: 999999, emoji: THUMBS, on: true })).error.code, 'no-such-message');
    assert.equal((await ack(a, 'react', 'nonsense')).error.code, 'bad-request');

    // A newcomer's history carries the reactions.
    const d = await person(server.url, 'Dora');
    const [history] = await d.history;
    const entry = history.messages.find((m) => m.id === id);
    assert.deepEqual(entry.reactions, { [THUMBS]: [bId], [PARTY]: [bId] });
    for (const s of [a, b, c, d]) s.close();
  });

  it('limits reactions per person', async () => {
    const a = await person(server.url, 'Rita');
    const { id } = await ack(a, 'chat message', 'many reactions');
    let refused = null;
    for (let i = 0; i < 40 && !refused; i++) {
      const r = await ack(a, 'react', { id, emoji: HEART, on: i % 2 === 0 });
      if (!r.ok) refused = r.error;
    }
    assert.ok(refused, 'the budget never ran out');
    assert.equal(refused.code, 'rate-limited');
    assert.ok(refused.retryAfterMs > 0);
    a.close();
  });

  it('a reply carries the excerpt, and history marks a deleted original', async () => {
    const a = await person(server.url, 'Olga');
    const b = await person(server.url, 'Paul');
    const long = 'x'.repeat(200);
    const original = await ack(a, 'chat message', `${long}\nsecond line`);
    const meta = waitForText(a, 'I agree');
    const reply = await ack(b, 'chat message', 'I agree', { replyTo: original.id });
    assert.equal(reply.ok, true);
    const live = await meta;
    assert.equal(live.replyTo.id, original.id);
    assert.equal(live.replyTo.author, 'Olga');
    assert.equal(live.replyTo.authorId, (await a.welcome)[0].userId);
    assert.equal(live.replyTo.excerpt, 'x'.repeat(120));
    assert.equal((await ack(b, 'chat message', 'to nothing', { replyTo: 999999 })).error.code, 'no-such-message');

    assert.deepEqual(await ack(a, 'delete message', { id: original.id }), { ok: true });
    const [history] = await (await person(server.url, 'Quinn')).history;
    const entry = history.messages.find((m) => m.id === reply.id);
    assert.deepEqual(entry.replyTo, { id: original.id, author: 'Olga', authorId: live.replyTo.authorId, excerpt: '', deleted: true });
    a.close();
    b.close();
  });

  it('edits within the window are seen by all and kept; after the window they are refused', async () => {
    const a = await person(server.url, 'Edda');
    const b = await person(server.url, 'Finn');
    const { id } = await ack(a, 'chat message', 'tpyo');
    const seen = next(b, 'message edited', (e) => e.id === id);
    const edited = await ack(a, 'edit message', { id, text: 'typo' });
    assert.equal(edited.ok, true);
    assert.ok(edited.edited > 0);
    assert.deepEqual((await seen)[0], { id, text: 'typo', edited: edited.edited });
    assert.equal((await ack(b, 'edit message', { id, text: 'mine now' })).error.code, 'not-yours');
    assert.equal((await ack(b, 'delete message', { id })).error.code, 'not-yours');
    assert.equal((await ack(a, 'edit message', { id, text: '' })).error.code, 'empty');

    // Catch-up after a reconnect carries the edit.
    const lastId = id - 1;
    const c = await person(server.url, 'Gus', { auth: { nickname: 'Gus', lastId } });
    const [history] = await c.history;
    const entry = history.messages.find((m) => m.id === id);
    assert.equal(entry.text, 'typo');
    assert.equal(entry.edited, edited.edited);

    await sleep(EDIT_WINDOW_S * 1000 + 500);
    assert.equal((await ack(a, 'edit message', { id, text: 'too late' })).error.code, 'edit-window-over');
    assert.equal((await ack(a, 'delete message', { id })).error.code, 'edit-window-over');
    for (const s of [a, b, c]) s.close();
  });

  it('deleting one\'s own message removes it for everyone', async () => {
    const a = await person(server.url, 'Hana');
    const b = await person(server.url, 'Ivo');
    const { id } = await ack(a, 'chat message', 'oops');
    const gone = next(b, 'message deleted', (e) => e.id === id);
    assert.deepEqual(await ack(a, 'delete message', { id }), { ok: true });
    assert.deepEqual((await gone)[0], { id });
    assert.equal((await ack(a, 'delete message', { id })).error.code, 'no-such-message');
    assert.equal((await ack(a, 'react', { id, emoji: THUMBS, on: true })).error.code, 'no-such-message');
    a.close();
    b.close();
  });
});
