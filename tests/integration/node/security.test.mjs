// Who may connect: pages of other sites are refused before the handshake (cross-site WebSocket
// hijacking), non-browser clients are not; the room password; nobody can pose as the host.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { startServer, connect, connected, waitFor, waitForText, sleep } from './helpers.mjs';

const CHATHOST = process.env.CHATHOST_BIN;
assert.ok(CHATHOST, 'CHATHOST_BIN must be set');
const dir = () => mkdtempSync(join(tmpdir(), 'chathost-sec-'));

describe('origin checks', () => {
  let server;
  before(async () => { server = await startServer(CHATHOST, ['--headless', '--data-dir', dir(), '--allow-origin', 'http://intranet.example:8080']); });
  after(async () => { await server.stop(); });

  const handshake = (headers) => fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers });

  it('refuses a page of another site over polling and WebSocket, before the handshake', async () => {
    const res = await handshake({ Origin: 'http://evil.example' });
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), { code: 4, message: 'Forbidden' });
    for (const transports of [['websocket'], ['polling']]) {
      const s = io(server.url, { transports, forceNew: true, reconnection: false, extraHeaders: { Origin: 'http://evil.example' } });
      const [err] = await waitFor(s, 'connect_error');
      assert.ok(err);
      s.close();
    }
  });

  it('lets same-origin pages, the allow list and non-browser clients in', async () => {
    assert.equal((await handshake({ Origin: server.url })).status, 200);
    assert.equal((await handshake({ Origin: 'http://intranet.example:8080' })).status, 200);
    assert.equal((await handshake({})).status, 200);
    const s = connect(server.url, 'websocket');
    await connected(s);
    s.close();
  });

  it('cannot be fooled by lookalike origins', async () => {
    for (const origin of ['null', `http://127.0.0.1:${server.port}.evil.example`, `http://127.0.0.1:${server.port + 1}`, 'http://intranet.example:8081']) {
      assert.equal((await handshake({ Origin: origin })).status, 403, origin);
    }
  });
});

describe('room password', () => {
  let server;
  before(async () => {
    const d = dir();
    writeFileSync(join(d, 'pw'), 'open sesame\n');
    server = await startServer(CHATHOST, ['--headless', '--data-dir', d, '--password-file', join(d, 'pw')]);
  });
  after(async () => { await server.stop(); });

  it('asks for it, refuses a wrong one, and lets the right one in', async () => {
    const none = connect(server.url, 'websocket', { auth: { nickname: 'Pat' } });
    const [e1] = await waitFor(none, 'connect_error');
    assert.equal(e1.data.code, 'password-required');
    none.close();
    const wrong = connect(server.url, 'websocket', { auth: { nickname: 'Pat', password: 'guess' } });
    const [e2] = await waitFor(wrong, 'connect_error');
    assert.equal(e2.data.code, 'wrong-password');
    assert.equal(e2.message, 'Wrong password.');
    wrong.close();
    const right = connect(server.url, 'websocket', { auth: { nickname: 'Pat', password: 'open sesame' } });
    await connected(right);
    right.close();
  });

  it('rate limits wrong passwords per address and never prints them', async () => {
    let last;
    for (let i = 0; i < 6; i++) {
      const s = connect(server.url, 'websocket', { auth: { password: `wrong-${i}` } });
      [last] = await waitFor(s, 'connect_error');
      s.close();
    }
    assert.equal(last.data.code, 'too-many-attempts');
    assert.ok(last.data.retryAfterMs > 50000);
    // Even the right password waits now.
    const s = connect(server.url, 'websocket', { auth: { password: 'open sesame' } });
    assert.equal((await waitFor(s, 'connect_error'))[0].data.code, 'too-many-attempts');
    s.close();
    assert.doesNotMatch(server.output() + server.stderr(), /wrong-\d|open sesame/);
  });
});

describe('nobody poses as the host or as someone else', () => {
  it('ignores metadata a client sends and refuses host-only names and events', async (ctx) => {
    const server = await startServer(CHATHOST, ['--headless', '--data-dir', dir(), '--host-name', 'Boss']);
    ctx.after(() => server.stop()); // also when an assertion fails
    try {
      const a = connect(server.url, 'websocket', { auth: { nickname: 'Boss' } });
      const b = connect(server.url, 'websocket', { auth: { nickname: 'Bea' } });
      await Promise.all([connected(a), connected(b)]);
      const fake = waitForText(b, 'I am the host');
      a.emit('chat message', 'I am the host', { kind: 'host', author: 'Boss', id: 1 });
      const meta = await fake;
      assert.equal(meta.kind, 'user');
      assert.notEqual(meta.author, 'Boss');
      // Host and moderation actions have no event on the page's protocol: these do nothing.
      for (const event of ['kick', 'ban', 'mute', 'delete', 'lock', 'say', 'broadcastAsHost', 'message deleted']) a.emit(event, 'Bea');
      await sleep(300);
      assert.equal(b.connected, true);
      const ok = await b.timeout(2000).emitWithAck('chat message', 'still here');
      assert.equal(ok.ok, true);
      a.close(); b.close();
    } finally {
      await server.stop();
    }
  });
});
