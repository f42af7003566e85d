// Moderation through the headless terminal commands, as the people it concerns see it: kick,
// mute and timeout, bans (surviving reconnects and restarts), delete, slow mode, lock, the word
// filter and the people limit. Every action lands in the audit trail.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, connect, connected, waitFor, waitForText, sleep } from './helpers.mjs';

const CHATHOST = process.env.CHATHOST_BIN;
assert.ok(CHATHOST, 'CHATHOST_BIN must be set');
const args = (dir) => ['--headless', '--data-dir', dir, '--rate', '0/1', '--ping-interval', '1000', '--ping-timeout', '1000'];

// Types a command on the server's terminal and waits for the answer line matching `expect`.
async function command(server, line, expect) {
  const before = server.output().length;
  server.proc.stdin.write(line + '\n');
  for (let i = 0; i < 100; i++) {
    const out = server.output().slice(before);
    if (expect.test(out)) return out;
    await sleep(20);
  }
  throw new Error(`no answer matching ${expect} to ${line}: ${server.output().slice(before)}`);
}

async function person(url, nickname, extra = {}) {
  const s = connect(url, 'websocket', { auth: { nickname }, ...extra });
  s.events = [];
  s.onAny((event, ...a) => s.events.push([event, ...a]));
  const history = waitFor(s, 'history'); // sent together with the CONNECT reply
  await connected(s);
  await history;
  return s;
}

// The next 'room' update that satisfies check (an earlier update may still be on its way).
function roomUpdate(s, check) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching room update')), 5000);
    const on = (room) => { if (check(room)) { clearTimeout(timer); s.off('room', on); resolve(room); } };
    s.on('room', on);
  });
}

const say = (s, text) => s.timeout(3000).emitWithAck('chat message', text);

describe('moderation from the terminal', () => {
  let server;
  let dir;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chathost-mod-'));
    server = await startServer(CHATHOST, args(dir));
  });
  after(async () => { await server.stop(); });

  it('kicks with a reason the page sees, and tells everyone', async () => {
    const a = await person(server.url, 'Alma');
    const b = await person(server.url, 'Bert');
    const kicked = waitFor(b, 'kicked');
    const gone = waitFor(b, 'disconnect');
    const notice = waitForText(a, 'Bert was removed by the host');
    await command(server, '/kick bert Too loud', /Removed bert/);
    assert.deepEqual((await kicked)[0], { reason: 'Too loud' });
    assert.equal((await gone)[0], 'io server disconnect');
    assert.equal((await notice).kind, 'system');
    await command(server, '/kick nobody', /Nobody called nobody/);
    a.close();
  });

  it('mutes: the person reads but cannot write, is told why, and can write again after /unmute', async () => {
    const a = await person(server.url, 'Cora');
    const b = await person(server.url, 'Dino');
    const muted = waitFor(b, 'muted');
    await command(server, '/mute Dino 0 spamming', /Muted Dino until/);
    assert.deepEqual((await muted)[0], { until: null, reason: 'spamming' });
    const refused = await say(b, 'let me talk');
    assert.equal(refused.ok, false);
    assert.equal(refused.error.code, 'muted');
    assert.match(refused.error.message, /spamming/);
    // Still reads.
    const seen = waitForText(b, 'you can still read this');
    await say(a, 'you can still read this');
    await seen;
    await command(server, '/unmute Dino', /can write again/);
    assert.equal((await say(b, 'thanks')).ok, true);
    // A timed mute (timeout) says until when.
    await command(server, '/mute Dino 5', /Muted Dino for 5 minute/);
    const timed = await say(b, 'again?');
    assert.equal(timed.error.code, 'muted');
    assert.ok(timed.error.retryAfterMs > 4 * 60000 && timed.error.retryAfterMs <= 5 * 60000);
    // A mute now also holds new connections from Dino's address (all of loopback here): lift it
    // so the next cases can write.
    await command(server, '/unmute Dino', /can write again/);
    a.close(); b.close();
  });

  it('bans a nickname and an address; bans hold across reconnects and restarts; /unban lifts them', async () => {
    const e = await person(server.url, 'Elio');
    const gone = waitFor(e, 'disconnect');
    const out = await command(server, '/ban Elio trolling', /Banned the nickname Elio \(ban #(\d+)\)/);
    const banId = /ban #(\d+)/.exec(out)[1];
    await gone;
    // Reconnecting with the same nickname is refused with the reason.
    const again = connect(server.url, 'websocket', { auth: { nickname: 'elio' } });
    const [err] = await waitFor(again, 'connect_error');
    assert.match(err.message, /banned.*trolling/);
    assert.equal(err.data.code, 'banned');
    again.close();
    // Renaming to a banned nickname is refused too.
    const f = await person(server.url, 'Fay');
    const rename = await f.timeout(3000).emitWithAck('set nickname', 'ELIO');
    assert.equal(rename.error.code, 'nickname-banned');
    f.close();

    // The ban survives a restart.
    await server.stop();
    server = await startServer(CHATHOST, args(dir));
    const afterRestart = connect(server.url, 'polling', { auth: { nickname: 'Elio' } });
    assert.match((await waitFor(afterRestart, 'connect_error'))[0].message, /banned/);
    afterRestart.close();
    await command(server, '/bans', /#\d+ nickname Elio trolling/);
    await command(server, `/unban ${banId}`, /Lifted ban/);
    const back = await person(server.url, 'Elio');
    back.close();

    // An address ban refuses every name from that address (here: all of loopback's IPv4).
    const g = await person(server.url, 'Gus');
    await command(server, '/banip Gus flooding', /Banned the address 127\.0\.0\.1/);
    const other = connect(server.url, 'websocket', { auth: { nickname: 'SomeoneElse' } });
    assert.match((await waitFor(other, 'connect_error'))[0].message, /flooding/);
    other.close();
    g.close();
    const bans = await command(server, '/bans', /address 127\.0\.0\.1/);
    const ipBan = /#(\d+) address 127\.0\.0\.1/.exec(bans)[1];
    await command(server, `/unban ${ipBan}`, /Lifted ban/);
  });

  it('deletes a message everywhere and marks it deleted in the history', async () => {
    const h = await person(server.url, 'Hana');
    const i = await person(server.url, 'Ivo');
    const { id } = await say(h, 'oops, wrong chat');
    const deleted = waitFor(i, 'message deleted');
    await command(server, `/delete ${id}`, /Deleted message/);
    assert.deepEqual((await deleted)[0], { id });
    const newcomer = connect(server.url, 'websocket', { auth: { nickname: 'Jo' } });
    const [history] = await waitFor(newcomer, 'history');
    const entry = history.messages.find((m) => m.id === id);
    assert.equal(entry.deleted, true);
    assert.equal(entry.text, null);
    await command(server, `/delete ${id}`, /no message/);
    h.close(); i.close(); newcomer.close();
  });

  it('slow mode, lock and the word filter refuse with clear reasons; pages learn the room state', async (t) => {
    const k = await person(server.url, 'Kai');
    t.after(() => k.close());
    const room = roomUpdate(k, (r) => r.slowModeSeconds === 30);
    await command(server, '/slow 30', /Slow mode: one message every 30/);
    await room;
    assert.equal((await say(k, 'first')).ok, true);
    const slow = await say(k, 'second');
    assert.equal(slow.error.code, 'slow-mode');
    assert.ok(slow.error.retryAfterMs > 25000);
    await command(server, '/slow 0', /Slow mode is off/);

    const locked = roomUpdate(k, (r) => r.locked === true);
    await command(server, '/lock', /locked/);
    await locked;
    assert.equal((await say(k, 'hello?')).error.code, 'locked');
    const announcement = waitForText(k, 'Only I talk now');
    await command(server, '/say Only I talk now', /Sent announcement/);
    assert.equal((await announcement).kind, 'host');
    await command(server, '/unlock', /unlocked/);

    await command(server, '/filter refuse darn, heck', /Filtering 2 word/);
    assert.equal((await say(k, 'oh DARN it')).error.code, 'filtered');
    assert.equal((await say(k, 'darning socks is fine')).ok, true);
    await command(server, '/filter mask darn', /Filtering 1 word/);
    const masked = waitForText(k, 'oh **** it');
    assert.equal((await say(k, 'oh darn it')).ok, true);
    await masked;
    await command(server, '/filter off', /filter is off/);
  });

  it('someone who joins a locked room in slow mode learns both from welcome', async (t) => {
    await command(server, '/slow 20', /Slow mode: one message every 20/);
    await command(server, '/lock', /locked/);
    t.after(async () => {
      await command(server, '/unlock', /unlocked/);
      await command(server, '/slow 0', /Slow mode is off/);
    });
    const s = connect(server.url, 'websocket', { auth: { nickname: 'Late' } });
    t.after(() => s.close());
    const [welcome] = await waitFor(s, 'welcome');
    // The rules come with the welcome itself, not only with the host's next change.
    assert.deepEqual(welcome.room, { title: 'ChatHost', hostName: 'Host', slowModeSeconds: 20, locked: true, privateMessages: true });
  });

  it('limits how many people can be in the room at once', async () => {
    await sleep(300); // earlier connections finish leaving
    await command(server, '/max 1', /At most 1 person/);
    const l = await person(server.url, 'Lea');
    const m = connect(server.url, 'websocket', { auth: { nickname: 'Moe' } });
    const [err] = await waitFor(m, 'connect_error');
    assert.equal(err.data.code, 'room-full');
    m.close();
    await command(server, '/max 0', /No limit/);
    l.close();
  });

  it('answers help, usage mistakes and unknown commands clearly', async () => {
    await command(server, '/help', /\/kick NAME/);
    await command(server, '/bogus', /Unknown command/);
    await command(server, '/mute', /Usage: \/mute/);
    await command(server, '/slow -3', /Usage: \/slow/);
  });
});

describe('muting a whole address from the terminal', () => {
  let server;
  before(async () => { server = await startServer(CHATHOST, args(mkdtempSync(join(tmpdir(), 'chathost-muteip-')))); });
  after(async () => { await server.stop(); });

  it('/muteip mutes every connection of an address and new ones, not other addresses', async () => {
    const tab1 = await person(server.url, 'Tab1');
    const tab2 = await person(server.url, 'Tab2');
    // Another machine, as far as the server can tell.
    const otto = await person(server.url, 'Otto', { localAddress: '127.0.0.2' });
    const muted = Promise.all([waitFor(tab1, 'muted'), waitFor(tab2, 'muted')]);
    await command(server, '/muteip Tab1 5 flooding', /Muted the address 127\.0\.0\.1 for 5 minute.*2 connection(s|\(s\)) muted now/);
    const [[m]] = await muted;
    assert.equal(m.reason, 'flooding');
    assert.equal((await say(tab1, 'hi')).error.code, 'muted');
    assert.equal((await say(tab2, 'hi')).error.code, 'muted');
    const tab3 = await person(server.url, 'Tab3'); // arrives while the mute lasts
    assert.equal((await say(tab3, 'me too?')).error.code, 'muted');
    assert.equal((await say(otto, 'I still can')).ok, true);
    await command(server, '/who', /3 connection(s|\(s\)) from 127\.0\.0\.1/);
    await command(server, '/unmuteip 127.0.0.1', /127\.0\.0\.1 can write again/);
    assert.equal((await say(tab3, 'thanks')).ok, true);
    await command(server, '/muteip 999.1.2.3', /neither an address nor someone connected/);
    for (const s of [tab1, tab2, tab3, otto]) s.disconnect();
  });
});
