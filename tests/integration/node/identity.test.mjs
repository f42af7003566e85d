// Who someone is, and the host's decisions about them, outlast a connection: the public user id in
// welcome, presence and messages, stable across a resume; mutes and the slow-mode clock held by
// user id, token and address across resume, new connections and restarts. And requests that cost
// the server more than the sender (history, renames, typing) are budgeted per person: measured as
// another client's latency and the server's memory while one person floods.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { startServer, connect, connected, waitFor, sleep } from './helpers.mjs';

const CHATHOST = process.env.CHATHOST_BIN;
assert.ok(CHATHOST, 'CHATHOST_BIN must be set');
const freshDir = () => mkdtempSync(joinPath(tmpdir(), 'chathost-identity-'));
const args = (dir, ...more) => ['--headless', '--data-dir', dir, '--rate', '0/1', '--ping-interval', '1000',
  '--ping-timeout', '1000', ...more];

// Types a command on the server's terminal and waits for the answer line matching `expect`.
async function command(server, line, expect) {
  const start = server.output().length;
  server.proc.stdin.write(line + '\n');
  for (let i = 0; i < 100; i++) {
    const out = server.output().slice(start);
    if (expect.test(out)) return out;
    await sleep(20);
  }
  throw new Error(`no answer matching ${expect} to ${line}: ${server.output().slice(start)}`);
}

// Connects (from `from`, another loopback address, when given) and collects what comes.
async function join(url, auth = {}, from = undefined) {
  const s = connect(url, 'websocket', { auth, ...(from ? { localAddress: from } : {}) });
  const welcome = waitFor(s, 'welcome');
  const history = waitFor(s, 'history');
  s.got = { messages: [], presence: [], typing: [], muted: [] };
  s.on('chat message', (text, meta) => s.got.messages.push({ text, ...meta }));
  s.on('presence', (p) => s.got.presence.push(p));
  s.on('typing', (t) => s.got.typing.push(t));
  s.on('muted', (m) => s.got.muted.push(m));
  await connected(s);
  s.welcome = (await welcome)[0];
  s.history = (await history)[0];
  return s;
}

const say = (s, text) => s.timeout(5000).emitWithAck('chat message', text);
const rssMb = (server) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.proc.pid}/status`, 'utf8'))[1]) / 1024;

// How long the slowest of a few round trips of another client takes.
async function worstLatency(canary, rounds = 5) {
  let worst = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = Date.now();
    const reply = await say(canary, `canary ${i}`);
    assert.equal(reply.ok, true);
    worst = Math.max(worst, Date.now() - t0);
  }
  return worst;
}

async function closeAndWait(s) {
  const gone = waitFor(s, 'disconnect');
  s.close();
  await gone.catch(() => {});
  await sleep(100);
}

describe('public user ids', () => {
  let server;
  before(async () => { server = await startServer(CHATHOST, args(freshDir())); });
  after(async () => { await server.stop(); });

  it('travel in welcome, presence and message metadata, and survive a resume', async () => {
    const a = await join(server.url, { nickname: 'Ada' });
    assert.match(a.welcome.userId, /^[A-Za-z0-9_-]{8,}$/);
    assert.notEqual(a.welcome.userId, a.id, 'not the socket id');
    assert.notEqual(a.welcome.userId, a.welcome.resumeToken);
    const b = await join(server.url, { nickname: 'Bob' });
    assert.equal(b.welcome.users.find((u) => u.nickname === 'Ada').userId, a.welcome.userId);
    assert.equal(b.welcome.users.find((u) => u.nickname === 'Bob').userId, b.welcome.userId);
    await sleep(400);
    const joined = a.got.presence.flatMap((p) => p.joined || []).find((u) => u.nickname === 'Bob');
    assert.equal(joined.userId, b.welcome.userId);

    const { id } = await say(a, 'hello from Ada');
    await sleep(100);
    assert.equal(b.got.messages.find((m) => m.id === id).authorId, a.welcome.userId);
    const renamed = await a.timeout(3000).emitWithAck('set nickname', 'Ada2');
    assert.equal(renamed.ok, true);
    await sleep(100);
    const r = b.got.presence.flatMap((p) => p.renamed || []).find((x) => x.to === 'Ada2');
    assert.equal(r.userId, a.welcome.userId);

    // The page goes away, then comes back with its token: the same person.
    const token = a.welcome.resumeToken;
    await closeAndWait(a);
    await sleep(400);
    const left = b.got.presence.find((p) => (p.left || []).includes('Ada2'));
    assert.equal(left.leftIds[left.left.indexOf('Ada2')], a.welcome.userId);
    const back = await join(server.url, { nickname: 'Ada2', resumeToken: token, lastId: id });
    assert.equal(back.welcome.userId, a.welcome.userId);
    // A takeover while still connected keeps it too.
    const again = await join(server.url, { nickname: 'Ada2', resumeToken: token });
    assert.equal(again.welcome.userId, a.welcome.userId);
    // History answers carry it as well.
    const reply = await again.timeout(3000).emitWithAck('history', { afterId: id - 1, limit: 5 });
    assert.equal(reply.messages.find((m) => m.id === id).authorId, a.welcome.userId);
    // Someone else is someone else, even under the old nickname.
    const c = await join(server.url, { nickname: 'Ada' });
    assert.notEqual(c.welcome.userId, a.welcome.userId);
    for (const s of [back, again, b, c]) s.close();
  });
});

describe('mutes and slow mode outlast the connection', () => {
  let server;
  let dir;
  before(async () => {
    dir = freshDir();
    server = await startServer(CHATHOST, args(dir));
  });
  after(async () => { await server.stop(); });

  it('a mute holds across a resume, a new connection, the same address and a restart; /unmute lifts it everywhere', async () => {
    const mo = await join(server.url, { nickname: 'Mo' }, '127.0.0.2');
    const other = await join(server.url, { nickname: 'Olga' }, '127.0.0.3');
    await command(server, '/mute Mo 0 spamming', /Muted Mo until/);
    assert.equal((await say(mo, 'one')).error.code, 'muted');
    const token = mo.welcome.resumeToken;
    await closeAndWait(mo);

    // The page reloads and resumes with its token.
    const resumed = await join(server.url, { nickname: 'Mo', resumeToken: token }, '127.0.0.2');
    assert.equal(resumed.welcome.userId, mo.welcome.userId);
    const refused = await say(resumed, 'two');
    assert.equal(refused.error.code, 'muted');
    assert.match(refused.error.message, /spamming/);
    assert.equal(resumed.got.muted.length, 1, 'the page is told it is muted');
    await closeAndWait(resumed);
    // A plain new connection with the same nickname, and one with another nickname, from there.
    const plain = await join(server.url, { nickname: 'Mo' }, '127.0.0.2');
    assert.equal((await say(plain, 'three')).error.code, 'muted');
    const renamed = await join(server.url, { nickname: 'NotMo' }, '127.0.0.2');
    assert.equal((await say(renamed, 'four')).error.code, 'muted');
    renamed.close();
    await closeAndWait(plain);
    // Someone at another address is not concerned.
    assert.equal((await say(other, 'I can talk')).ok, true);

    // A restart with the same data folder keeps it (and the person's id, by the token).
    other.close();
    await server.stop();
    server = await startServer(CHATHOST, args(dir));
    const afterRestart = await join(server.url, { nickname: 'Mo', resumeToken: token }, '127.0.0.2');
    assert.equal(afterRestart.welcome.userId, mo.welcome.userId);
    assert.equal(afterRestart.welcome.resumeToken, token, 'and its token, for the next restart');
    assert.equal((await say(afterRestart, 'five')).error.code, 'muted');
    const sameAddress = await join(server.url, { nickname: 'Mox' }, '127.0.0.2');
    assert.equal((await say(sameAddress, 'six')).error.code, 'muted');

    // Unmute lifts it for the person and for their address.
    const unmuted = waitFor(sameAddress, 'unmuted');
    await command(server, '/unmute Mo', /can write again/);
    await unmuted;
    assert.equal((await say(afterRestart, 'seven')).ok, true);
    assert.equal((await say(sameAddress, 'eight')).ok, true);
    afterRestart.close(); sameAddress.close();
    await sleep(200);
    const later = await join(server.url, { nickname: 'Mo' }, '127.0.0.2');
    assert.equal((await say(later, 'nine')).ok, true);
    later.close();
  });

  it('a mute of someone who left can be lifted by nickname', async () => {
    const zed = await join(server.url, { nickname: 'Zed' }, '127.0.0.4');
    await command(server, '/mute Zed 5', /Muted Zed for 5 minute/);
    await closeAndWait(zed);
    await command(server, '/unmute Zed', /Zed can write again/);
    const back = await join(server.url, { nickname: 'Zed' }, '127.0.0.4');
    assert.equal((await say(back, 'free')).ok, true);
    back.close();
  });

  it('the slow-mode clock survives a reconnect and a new connection from the same address', async () => {
    await command(server, '/slow 60', /Slow mode: one message every 60/);
    const sid = await join(server.url, { nickname: 'Sid' }, '127.0.0.5');
    assert.equal((await say(sid, 'first')).ok, true);
    assert.equal((await say(sid, 'second')).error.code, 'slow-mode');
    const token = sid.welcome.resumeToken;
    await closeAndWait(sid);
    const resumed = await join(server.url, { nickname: 'Sid', resumeToken: token }, '127.0.0.5');
    const refused = await say(resumed, 'after reconnect');
    assert.equal(refused.error.code, 'slow-mode');
    assert.ok(refused.error.retryAfterMs > 50000, `retry after ${refused.error.retryAfterMs}`);
    const fresh = await join(server.url, { nickname: 'Sid2' }, '127.0.0.5');
    assert.equal((await say(fresh, 'new connection')).error.code, 'slow-mode');
    const elsewhere = await join(server.url, { nickname: 'Tess' }, '127.0.0.6');
    assert.equal((await say(elsewhere, 'another address')).ok, true);
    await command(server, '/slow 0', /Slow mode is off/);
    for (const s of [resumed, fresh, elsewhere]) s.close();
  });
});

describe('budgets per person', () => {
  it('history requests: rate-limited, one at a time, capped in bytes; others stay served', async (ctx) => {
    const server = await startServer(CHATHOST, args(freshDir(), '--max-payload', '100000'));
    ctx.after(() => server.stop()); // also when an assertion fails
    const writer = await join(server.url, { nickname: 'Writer' });
    const long = 'x'.repeat(1990);
    await Promise.all(Array.from({ length: 400 }, (_, i) => say(writer, `${i} ${long}`)));
    const canary = await join(server.url, { nickname: 'Canary' });
    const flooder = await join(server.url, { nickname: 'Flooder' });
    const rssBefore = rssMb(server);
    // 300 requests at once (about 12 KB sent), each asking for everything.
    const replies = [];
    const flood = Array.from({ length: 300 }, () => flooder.timeout(30000).emitWithAck('history', { afterId: 0, limit: 1000 })
      .then((r) => replies.push(r), () => replies.push(null)));
    const worst = await worstLatency(canary);
    await Promise.all(flood);
    const rssAfter = rssMb(server);
    const answered = replies.filter((r) => r && r.ok);
    const refused = replies.filter((r) => r && !r.ok);
    console.log(`history flood: ${answered.length} answered, ${refused.length} refused, canary worst ${worst} ms, RSS ${rssBefore.toFixed(0)} -> ${rssAfter.toFixed(0)} MB`);
    assert.ok(answered.length >= 1 && answered.length <= 10, `${answered.length} answered`);
    assert.ok(refused.every((r) => r.error.code === 'rate-limited' && r.error.retryAfterMs >= 0));
    for (const r of answered) {
      assert.ok(JSON.stringify(r).length <= 300 * 1024, `an answer of ${JSON.stringify(r).length} bytes`);
      assert.equal(r.complete, false);
    }
    assert.ok(worst < 1000, `another client waited ${worst} ms`);
    assert.ok(rssAfter - rssBefore < 100, `RSS grew ${rssAfter - rssBefore} MB`);
    for (const s of [writer, canary, flooder]) s.close();
    await server.stop();
  });

  it('renames: refused while muted or locked, a few per minute, kept out of newcomers\' history', async (ctx) => {
    const server = await startServer(CHATHOST, args(freshDir()));
    ctx.after(() => server.stop()); // also when an assertion fails
    const canary = await join(server.url, { nickname: 'Canary' });
    const r = await join(server.url, { nickname: 'Ren' });
    const rename = (s, name) => s.timeout(10000).emitWithAck('set nickname', name);
    // A few per minute.
    const results = [];
    for (let i = 0; i < 20; i++) results.push(await rename(r, `Ren${i}`));
    const accepted = results.filter((x) => x.ok).length;
    assert.ok(accepted >= 1 && accepted <= 3, `${accepted} renames accepted`);
    const limited = results.find((x) => !x.ok);
    assert.equal(limited.error.code, 'rate-limited');
    assert.ok(limited.error.retryAfterMs > 0);
    // Newcomers' history holds no rename notices.
    const newcomer = await join(server.url, { nickname: 'Newt' });
    assert.deepEqual(newcomer.history.messages.filter((m) => /now known as/.test(m.text || '')), []);
    newcomer.close();

    // Locked: refused with a clear code (the name chosen when joining still works).
    await command(server, '/lock', /locked/);
    const lockedResults = await Promise.all(Array.from({ length: 300 }, (_, i) => rename(canary, `Locked${i}`)));
    assert.ok(lockedResults.every((x) => !x.ok && x.error.code === 'locked'));
    const joiner = await join(server.url, { nickname: 'Joiner' });
    assert.equal(joiner.welcome.nickname, 'Joiner');
    joiner.close();
    await command(server, '/unlock', /unlocked/);

    // Muted: refused, and 5,000 tries do not slow the others down.
    const m = await join(server.url, { nickname: 'Mutt' });
    await command(server, '/mute Mutt 0', /Muted Mutt until/);
    const rssBefore = rssMb(server);
    let codes = new Set();
    const flood = (async () => {
      for (let round = 0; round < 10; round++) {
        const batch = await Promise.all(Array.from({ length: 500 }, (_, i) => rename(m, `Mutt${round}x${i}`)));
        for (const x of batch) codes.add(x.ok ? 'ok' : x.error.code);
      }
    })();
    await sleep(50);
    const worst = await worstLatency(canary);
    await flood;
    console.log(`5000 renames while muted: codes ${[...codes]}, canary worst ${worst} ms, RSS +${(rssMb(server) - rssBefore).toFixed(1)} MB`);
    assert.deepEqual([...codes], ['muted']);
    assert.ok(worst < 1000, `another client waited ${worst} ms`);
    assert.ok(rssMb(server) - rssBefore < 100);
    for (const s of [canary, r, m]) s.close();
    await server.stop();
  });

  it('typing: every change is throttled per person, and the last state still arrives', async (ctx) => {
    const server = await startServer(CHATHOST, args(freshDir()));
    ctx.after(() => server.stop()); // also when an assertion fails
    const listeners = await Promise.all(Array.from({ length: 50 }, (_, i) => join(server.url, { nickname: `L${i}` })));
    const canary = await join(server.url, { nickname: 'Canary' });
    const t = await join(server.url, { nickname: 'Typer' });
    const started = Date.now();
    for (let i = 0; i < 5000; i++) t.emit('typing', i % 2 === 0);
    const worst = await worstLatency(canary);
    t.emit('typing', true); // the last word: typing
    const seconds = (Date.now() - started) / 1000;
    await sleep(1500); // one change gap, and a margin
    const seen = listeners[0].got.typing.filter((x) => x.nickname === 'Typer');
    console.log(`5000 alternating typing events in ${seconds.toFixed(1)} s: a listener got ${seen.length}, canary worst ${worst} ms`);
    assert.ok(seen.length <= 2 * (seconds + 2), `${seen.length} typing events passed on`);
    assert.equal(seen.at(-1).typing, true, 'the page ends up showing the last state');
    assert.ok(worst < 1000, `another client waited ${worst} ms`);
    // And a stop is passed on too (within a gap).
    t.emit('typing', false);
    await sleep(1500);
    assert.equal(listeners[0].got.typing.filter((x) => x.nickname === 'Typer').at(-1).typing, false);
    for (const s of [...listeners, canary, t]) s.close();
    await server.stop();
  });
});
