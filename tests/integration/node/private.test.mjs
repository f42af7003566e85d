// Private messages through chathost --headless with the official Node client and a raw Socket.IO
// listener (Engine.IO polling by hand): a private message reaches its two people only, live and
// in history and catch-up; the third person and the raw listener never see it in any form.
// Refusals (self, nobody, malformed, blocked, switched off) come back in the ack.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, connect, connected, waitFor, sleep } from './helpers.mjs';

const CHATHOST = process.env.CHATHOST_BIN;
assert.ok(CHATHOST, 'CHATHOST_BIN must be set');
const freshDir = () => mkdtempSync(join(tmpdir(), 'chathost-private-'));
const args = (dir, ...more) => ['--headless', '--data-dir', dir, '--ping-interval', '1000', '--ping-timeout', '2000', ...more];

async function joinChat(url, auth = {}, mode = 'websocket') {
  const s = connect(url, mode, { auth });
  const welcome = waitFor(s, 'welcome');
  const history = waitFor(s, 'history');
  s.got = { messages: [], privates: [], deleted: [], any: [] };
  s.on('chat message', (text, meta) => s.got.messages.push({ text, ...meta }));
  s.on('private message', (text, meta) => s.got.privates.push({ text, ...meta }));
  s.on('message deleted', (d) => s.got.deleted.push(d.id));
  s.onAny((event, ...a) => s.got.any.push(JSON.stringify([event, ...a])));
  await connected(s);
  s.welcome = (await welcome)[0];
  s.history = (await history)[0];
  return s;
}

const ask = (s, event, ...a) => s.timeout(5000).emitWithAck(event, ...a);

// A Socket.IO client written by hand over Engine.IO long-polling: it keeps every packet it is
// sent as text, so nothing can hide in an event the official client would drop.
async function rawListener(url) {
  const base = `${url}/socket.io/?EIO=4&transport=polling`;
  const open = await (await fetch(base)).text();
  const sid = JSON.parse(open.slice(1)).sid;
  const at = `${base}&sid=${sid}`;
  const post = (body) => fetch(at, { method: 'POST', body, headers: { 'content-type': 'text/plain;charset=UTF-8' } });
  await post('40');
  const listener = { frames: [], stopped: false, done: null };
  listener.done = (async () => {
    for (let i = 0; i < 600 && !listener.stopped; ++i) {
      const res = await fetch(at);
      if (res.status !== 200) break;
      for (const packet of (await res.text()).split('\x1e')) {
        listener.frames.push(packet);
        if (packet === '2') await post('3');
        if (packet === '1') return;
      }
    }
  })();
  listener.stop = async () => { listener.stopped = true; await post('1').catch(() => {}); await listener.done.catch(() => {}); };
  return listener;
}

describe('private messages', () => {
  let server;
  before(async () => { server = await startServer(CHATHOST, args(freshDir(), '--host-name', 'Boss')); });
  after(async () => { await server.stop(); });

  it('reach the two people only, live and in history, never a third person or a raw listener', async () => {
    const raw = await rawListener(server.url);
    const ann = await joinChat(server.url, { nickname: 'Ann' });
    const bob = await joinChat(server.url, { nickname: 'Bob' }, 'polling');
    const cy = await joinChat(server.url, { nickname: 'Cy' });
    assert.equal(ann.welcome.privateMessages, true);
    assert.equal(ann.welcome.room.privateMessages, true);
    const secret = 'the cake is in the fridge 4711';
    const bobGot = waitFor(bob, 'private message');
    const ack = await ask(ann, 'private message', { to: bob.welcome.userId, text: secret });
    assert.equal(ack.ok, true, JSON.stringify(ack));
    assert.ok(Number.isInteger(ack.id));
    const [text, meta] = await bobGot;
    assert.equal(text, secret);
    assert.deepEqual(
      { id: meta.id, author: meta.author, authorId: meta.authorId, kind: meta.kind, private: meta.private, to: meta.to },
      { id: ack.id, author: 'Ann', authorId: ann.welcome.userId, kind: 'user', private: true, to: { userId: bob.welcome.userId, nickname: 'Bob' } });
    // The sender's own page gets it too (its other views of the conversation).
    for (let i = 0; i < 50 && ann.got.privates.length === 0; ++i) await sleep(50);
    assert.deepEqual(ann.got.privates.map((m) => m.id), [ack.id]);
    // A room message after it: when the third person has that, the private one would have come.
    await ask(ann, 'chat message', 'room after');
    for (let i = 0; i < 100 && !cy.got.messages.some((m) => m.text === 'room after'); ++i) await sleep(50);
    for (let i = 0; i < 100 && !raw.frames.some((f) => f.includes('room after')); ++i) await sleep(50);
    assert.ok(raw.frames.some((f) => f.includes('room after')), 'the raw listener hears the room');
    assert.deepEqual(cy.got.privates, []);
    assert.ok(!cy.got.any.some((f) => f.includes(secret)), 'the third person never sees it');
    assert.ok(!raw.frames.some((f) => f.includes(secret) || f.includes('private message')),
      'the raw listener never sees it');
    assert.deepEqual(bob.got.privates.map((m) => m.text), [secret]);

    // History: the two people have it, with private and to; nobody else.
    const annHistory = await ask(ann, 'history', { afterId: 0 });
    assert.ok(annHistory.messages.some((m) => m.id === ack.id && m.private === true && m.to.userId === bob.welcome.userId));
    const cyHistory = await ask(cy, 'history', { afterId: 0 });
    assert.equal(cyHistory.complete, true);
    assert.ok(!cyHistory.messages.some((m) => m.text === secret || m.private));
    const cyRecent = await ask(cy, 'history', {});
    assert.ok(!cyRecent.messages.some((m) => m.private));
    // A newcomer and a page that reconnects.
    const di = await joinChat(server.url, { nickname: 'Di' });
    assert.ok(!JSON.stringify(di.history).includes(secret));
    const bobToken = bob.welcome.resumeToken;
    bob.disconnect();
    const bobAgain = await joinChat(server.url, { nickname: 'Bob', resumeToken: bobToken, lastId: ack.id - 1 });
    assert.equal(bobAgain.welcome.userId, bob.welcome.userId);
    assert.ok(bobAgain.history.messages.some((m) => m.id === ack.id && m.text === secret && m.private));
    const cyToken = cy.welcome.resumeToken;
    cy.disconnect();
    const cyAgain = await joinChat(server.url, { nickname: 'Cy', resumeToken: cyToken, lastId: ack.id - 1 });
    assert.ok(!JSON.stringify(cyAgain.history).includes(secret));
    assert.equal(cyAgain.history.complete, true);

    // The answer goes back the same way, to the reconnected page.
    const annGot = waitFor(ann, 'private message');
    const reply = await ask(bobAgain, 'private message', { to: ann.welcome.userId, text: 'thanks!' });
    assert.equal(reply.ok, true);
    assert.equal((await annGot)[0], 'thanks!');
    await sleep(300);
    assert.deepEqual(cyAgain.got.privates, []);
    assert.deepEqual(di.got.privates, []);
    await raw.stop();
    assert.ok(!raw.frames.some((f) => f.includes('thanks!')));
    for (const s of [ann, bobAgain, cyAgain, di]) s.disconnect();
  });

  it('one connection per person: a second tab with the same token replaces the first, which is told why; the live tab gets everything, a third person nothing', async () => {
    const raw = await rawListener(server.url);
    const first = await joinChat(server.url, { nickname: 'Gus' });
    const bob = await joinChat(server.url, { nickname: 'Hal' });
    const cy = await joinChat(server.url, { nickname: 'Ida' });
    // The second tab of the same person: the token and nickname from the first tab's storage.
    const replaced = waitFor(first, 'replaced');
    const closed = waitFor(first, 'disconnect');
    const second = await joinChat(server.url, { nickname: 'Gus', resumeToken: first.welcome.resumeToken });
    assert.equal(second.welcome.userId, first.welcome.userId);
    assert.equal(second.welcome.nickname, 'Gus');
    const [why] = await replaced;
    assert.ok(typeof why.reason === 'string' && why.reason.length > 0, JSON.stringify(why));
    assert.equal((await closed)[0], 'io server disconnect');
    assert.equal(first.connected, false);

    const secret = 'only for the live tab 5150';
    const got = waitFor(second, 'private message');
    const ack = await ask(bob, 'private message', { to: second.welcome.userId, text: secret });
    assert.equal(ack.ok, true, JSON.stringify(ack));
    const [text, meta] = await got;
    assert.equal(text, secret);
    assert.equal(meta.to.userId, second.welcome.userId);
    // Its reaction, edit and deletion reach the live tab (and the sender) as well.
    const reacted = waitFor(second, 'reaction');
    assert.equal((await ask(bob, 'react', { id: ack.id, emoji: '👍', on: true })).ok, true);
    assert.deepEqual((await reacted)[0], { id: ack.id, emoji: '👍', userId: bob.welcome.userId, on: true, count: 1 });
    const edited = waitFor(second, 'message edited');
    assert.equal((await ask(bob, 'edit message', { id: ack.id, text: `${secret} (edited)` })).ok, true);
    assert.equal((await edited)[0].text, `${secret} (edited)`);
    const deleted = waitFor(second, 'message deleted');
    assert.equal((await ask(bob, 'delete message', { id: ack.id })).ok, true);
    assert.equal((await deleted)[0].id, ack.id);
    // A room message after it all: once the third person and the raw listener have it, anything
    // of the private one would have come before.
    await ask(bob, 'chat message', 'room after the tabs');
    for (let i = 0; i < 100 && !cy.got.messages.some((m) => m.text === 'room after the tabs'); ++i) await sleep(50);
    for (let i = 0; i < 100 && !raw.frames.some((f) => f.includes('room after the tabs')); ++i) await sleep(50);
    assert.ok(raw.frames.some((f) => f.includes('room after the tabs')), 'the raw listener hears the room');
    const aboutIt = (f) => f.includes(secret) || f.includes(`"id":${ack.id},`) || f.includes(`"id":${ack.id}}`);
    assert.deepEqual(cy.got.any.filter(aboutIt), []);
    assert.deepEqual(raw.frames.filter(aboutIt), []);
    assert.deepEqual(first.got.privates, [], 'the replaced tab gets nothing more');
    assert.ok(!first.got.any.some(aboutIt));
    assert.deepEqual(second.got.privates.map((m) => m.id), [ack.id]);
    // The replaced tab is not announced as leaving: the person is still here.
    assert.ok(!cy.got.messages.some((m) => /Gus left/.test(m.text || '')));
    await raw.stop();
    for (const s of [second, bob, cy]) s.disconnect();
  });

  it('refuses oneself, nobody, malformed requests and blocked senders', async () => {
    const ann = await joinChat(server.url, { nickname: 'Eve' });
    const bob = await joinChat(server.url, { nickname: 'Fay' });
    const refused = async (payload, code) => {
      const r = await ask(ann, 'private message', payload);
      assert.equal(r.ok, false, JSON.stringify(payload));
      assert.equal(r.error.code, code, JSON.stringify(r));
      assert.ok(r.error.message.length > 0);
    };
    await refused({ to: ann.welcome.userId, text: 'me' }, 'self');
    await refused({ to: 'nobody-here', text: 'hi' }, 'no-such-person');
    await refused({ text: 'hi' }, 'bad-request');
    await refused('just text', 'bad-request');
    await refused({ to: bob.welcome.userId, text: 7 }, 'not-text');
    await refused({ to: bob.welcome.userId, text: 'x'.repeat(2001) }, 'too-long');
    // Without an ack: a chat error.
    const error = waitFor(ann, 'chat error');
    ann.emit('private message', { to: ann.welcome.userId, text: 'me' });
    assert.equal((await error)[0].code, 'self');
    // Fay blocks Eve: Eve learns it, Fay sees nothing.
    const block = await ask(bob, 'block', { userId: ann.welcome.userId, blocked: true });
    assert.deepEqual(block, { ok: true, blocked: [ann.welcome.userId] });
    await refused({ to: bob.welcome.userId, text: 'let me in' }, 'blocked');
    assert.equal((await ask(bob, 'block', { userId: bob.welcome.userId, blocked: true })).error.code, 'self');
    assert.equal((await ask(bob, 'block', { userId: 5 })).error.code, 'bad-request');
    // Fay may still write to Eve; unblocking lets Eve answer.
    assert.equal((await ask(bob, 'private message', { to: ann.welcome.userId, text: 'one way' })).ok, true);
    assert.deepEqual(await ask(bob, 'block', { userId: ann.welcome.userId, blocked: false }), { ok: true, blocked: [] });
    assert.equal((await ask(ann, 'private message', { to: bob.welcome.userId, text: 'now ok' })).ok, true);
    await sleep(200);
    assert.deepEqual(bob.got.privates.map((m) => m.text), ['one way', 'now ok']);
    // The block list follows Fay's reconnect with her resume token.
    await ask(bob, 'block', { userId: ann.welcome.userId, blocked: true });
    const token = bob.welcome.resumeToken;
    bob.disconnect();
    const bobAgain = await joinChat(server.url, { nickname: 'Fay', resumeToken: token });
    await refused({ to: bobAgain.welcome.userId, text: 'again' }, 'blocked');
    ann.disconnect();
    bobAgain.disconnect();
  });

  it('a block outlives a restart between the same two people; a new identity dodges it', async () => {
    const dir = freshDir();
    let own = await startServer(CHATHOST, args(dir));
    try {
      const ann = await joinChat(own.url, { nickname: 'Ann' });
      const bob = await joinChat(own.url, { nickname: 'Bob' });
      assert.deepEqual(await ask(ann, 'block', { userId: bob.welcome.userId, blocked: true }),
        { ok: true, blocked: [bob.welcome.userId] });
      ann.disconnect();
      bob.disconnect();
      await own.stop();
      own = await startServer(CHATHOST, args(dir));
      // Both pages come back with their tokens after the restart: the same people.
      const annAgain = await joinChat(own.url, { nickname: 'Ann', resumeToken: ann.welcome.resumeToken });
      const bobAgain = await joinChat(own.url, { nickname: 'Bob', resumeToken: bob.welcome.resumeToken });
      assert.equal(annAgain.welcome.userId, ann.welcome.userId);
      assert.equal(bobAgain.welcome.userId, bob.welcome.userId);
      assert.deepEqual(await ask(annAgain, 'block', { userId: 'nobody-here', blocked: false }),
        { ok: true, blocked: [bob.welcome.userId] }, 'the list came back');
      const refused = await ask(bobAgain, 'private message', { to: annAgain.welcome.userId, text: 'after the restart' });
      assert.equal(refused.ok, false);
      assert.equal(refused.error.code, 'blocked');
      // A page without its token is a new person, on nobody's list (the host's ban is the tool).
      const stranger = await joinChat(own.url, { nickname: 'Bobby' });
      assert.notEqual(stranger.welcome.userId, bob.welcome.userId);
      assert.equal((await ask(stranger, 'private message', { to: annAgain.welcome.userId, text: 'hi' })).ok, true);
      for (const s of [annAgain, bobAgain, stranger]) s.disconnect();
    } finally {
      await own.stop();
    }
  });

  it('are refused when the host turned them off', async () => {
    const off = await startServer(CHATHOST, args(freshDir(), '--no-private-messages'));
    try {
      const ann = await joinChat(off.url, { nickname: 'Ann' });
      const bob = await joinChat(off.url, { nickname: 'Bob' });
      assert.equal(ann.welcome.privateMessages, false);
      assert.equal(ann.welcome.room.privateMessages, false);
      const r = await ask(ann, 'private message', { to: bob.welcome.userId, text: 'hi' });
      assert.equal(r.error.code, 'private-off');
      // The room still chats.
      assert.equal((await ask(ann, 'chat message', 'hello room')).ok, true);
      ann.disconnect();
      bob.disconnect();
    } finally {
      await off.stop();
    }
  });
});
