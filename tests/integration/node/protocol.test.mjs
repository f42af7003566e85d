// The official socket.io-client (Node) against the conformance server and the API test server,
// over polling only, WebSocket only, and polling upgraded to WebSocket.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, connect, connected, upgraded, waitFor, sleep, TRANSPORT_MODES } from './helpers.mjs';

const CONFORMANCE = process.env.CONFORMANCE_SERVER;
const TEST_SERVER = process.env.SOCKETIO_TEST_SERVER;
assert.ok(CONFORMANCE && TEST_SERVER, 'CONFORMANCE_SERVER and SOCKETIO_TEST_SERVER must be set');

for (const mode of Object.keys(TRANSPORT_MODES)) {
  describe(`conformance server, ${mode}`, () => {
    let server;
    before(async () => { server = await startServer(CONFORMANCE); });
    after(async () => { await server.stop(); });

    it('connects with auth and gets it back', async () => {
      const s = connect(server.url, mode, { auth: { token: 'abc', n: 1 } });
      const auth = waitFor(s, 'auth');
      await connected(s);
      assert.deepEqual((await auth)[0], { token: 'abc', n: 1 });
      if (mode === 'upgrade') {
        await upgraded(s);
        assert.equal(s.io.engine.transport.name, 'websocket');
      } else {
        assert.equal(s.io.engine.transport.name, TRANSPORT_MODES[mode].transports[0]);
      }
      s.close();
    });

    it('echoes events with mixed JSON, in order', async () => {
      const s = connect(server.url, mode);
      await connected(s);
      const payloads = [[1, '2', { a: [3, null, true] }], ['ünïcödé 😀', -0.5, []], [{ nested: { deep: { x: 'y' } } }]];
      const received = [];
      const done = new Promise((resolve) => s.on('message-back', (...args) => {
        received.push(args);
        if (received.length === payloads.length) resolve();
      }));
      for (const p of payloads) s.emit('message', ...p);
      await done;
      assert.deepEqual(received, payloads);
      s.close();
    });

    it('acks with the same arguments', async () => {
      const s = connect(server.url, mode);
      await connected(s);
      const reply = await s.timeout(3000).emitWithAck('message-with-ack', 1, 'two', { three: 3 });
      assert.deepEqual(reply, 1); // emitWithAck resolves with the first argument
      const all = await new Promise((resolve) => s.emit('message-with-ack', 'a', ['b'], (...args) => resolve(args)));
      assert.deepEqual(all, ['a', ['b']]);
      s.close();
    });

    it('relays binary both ways', async () => {
      const s = connect(server.url, mode);
      await connected(s);
      const blob = Buffer.from([0, 1, 2, 253, 254, 255]);
      const back = waitFor(s, 'message-back');
      s.emit('message', blob, { inner: Buffer.from('xyz') }, 'text');
      const [b, o, t] = await back;
      assert.ok(Buffer.isBuffer(b));
      assert.deepEqual([...b], [...blob]);
      assert.deepEqual([...o.inner], [...Buffer.from('xyz')]);
      assert.equal(t, 'text');
      const ack = await new Promise((resolve) => s.emit('message-with-ack', Buffer.from('ack!'), resolve));
      assert.equal(Buffer.from(ack).toString(), 'ack!');
      s.close();
    });

    it('carries a 200 KB message', async () => {
      const s = connect(server.url, mode);
      await connected(s);
      const big = 'x'.repeat(200 * 1024) + '∑';
      const back = waitFor(s, 'message-back');
      s.emit('message', big);
      assert.equal((await back)[0], big);
      s.close();
    });

    it('survives several heartbeats (pingInterval 300 ms)', async () => {
      const s = connect(server.url, mode);
      await connected(s);
      let pings = 0;
      s.io.engine.on('ping', () => { pings += 1; });
      let disconnected = false;
      s.on('disconnect', () => { disconnected = true; });
      await sleep(1800);
      assert.ok(pings >= 4, `only ${pings} pings`);
      assert.equal(disconnected, false);
      assert.equal(s.connected, true);
      const back = waitFor(s, 'message-back');
      s.emit('message', 'still here');
      assert.deepEqual(await back, ['still here']);
      s.close();
    });

    it('refuses an invalid namespace and keeps the connection', async () => {
      const main = connect(server.url, mode);
      await connected(main);
      const bad = main.io.socket('/nope');
      bad.connect();
      const [err] = await waitFor(bad, 'connect_error');
      assert.equal(err.message, 'Invalid namespace');
      const back = waitFor(main, 'message-back');
      main.emit('message', 'ok');
      assert.deepEqual(await back, ['ok']);
      main.close();
    });

    it('serves the /custom namespace on the same connection', async () => {
      const main = connect(server.url, mode, { auth: { a: 1 } });
      await connected(main);
      const custom = main.io.socket('/custom', { auth: { b: 2 } });
      const auth = waitFor(custom, 'auth');
      custom.connect();
      await connected(custom);
      assert.deepEqual((await auth)[0], { b: 2 });
      assert.notEqual(custom.id, main.id);
      main.close();
    });
  });

  describe(`API test server, ${mode}`, () => {
    let server;
    before(async () => { server = await startServer(TEST_SERVER); });
    after(async () => { await server.stop(); });

    it('asks the client for an ack (server to client), also with binary', async () => {
      const s = connect(server.url, mode);
      await connected(s);
      s.on('question', (a, b, ack) => ack({ got: [a, b] }, Buffer.from('bin')));
      const answer = waitFor(s, 'answer');
      s.emit('ask', 2000, 'q1', 7);
      const [timedOut, reply, bin] = await answer;
      assert.equal(timedOut, false);
      assert.deepEqual(reply, { got: ['q1', 7] });
      assert.equal(Buffer.from(bin).toString(), 'bin');
      s.close();
    });

    it('times out a server ack the client never answers', async () => {
      const s = connect(server.url, mode);
      await connected(s);
      s.on('question', () => { /* no ack */ });
      const answer = waitFor(s, 'answer');
      s.emit('ask', 200, 'q');
      assert.deepEqual(await answer, [true]);
      s.close();
    });

    it('refuses through middleware with message and data', async () => {
      const main = connect(server.url, mode);
      await connected(main);
      const denied = main.io.socket('/private', { auth: { token: 'wrong' } });
      denied.connect();
      const [err] = await waitFor(denied, 'connect_error');
      assert.equal(err.message, 'not authorized');
      assert.deepEqual(err.data, { code: 401 });
      // Manager.socket() caches per namespace, so the right token comes on a new connection.
      const allowed = connect(`${server.url}/private`, mode, { auth: { token: 'secret' } });
      const welcome = waitFor(allowed, 'welcome');
      await connected(allowed);
      await welcome;
      allowed.close();
      main.close();
    });

    it('waits for asynchronous middleware', async () => {
      const s = connect(`${server.url}/slow`, mode);
      const welcome = waitFor(s, 'welcome');
      await connected(s);
      await welcome;
      s.close();
    });

    it('broadcasts to rooms, with and without the sender', async () => {
      const [a, b, c] = [connect(server.url, mode), connect(server.url, mode), connect(server.url, mode)];
      await Promise.all([a, b, c].map(connected));
      await Promise.all([a, b].map((s) => s.timeout(2000).emitWithAck('join', 'r1')));
      const got = { a: [], b: [], c: [] };
      for (const [name, s] of Object.entries({ a, b, c })) s.on('room-message', (...args) => got[name].push(args));
      await a.timeout(2000).emitWithAck('to-room', 'r1', 'hello', 1);
      await a.timeout(2000).emitWithAck('to-room-all', 'r1', 'all');
      await sleep(300);
      assert.deepEqual(got.a, [['all']]);
      assert.deepEqual(got.b, [['hello', 1], ['all']]);
      assert.deepEqual(got.c, []);
      const rooms = await b.timeout(2000).emitWithAck('rooms');
      assert.deepEqual(rooms.sort(), [b.id, 'r1'].sort());
      await b.timeout(2000).emitWithAck('leave', 'r1');
      await a.timeout(2000).emitWithAck('to-room-all', 'r1', 'after leave');
      await sleep(300);
      assert.deepEqual(got.b, [['hello', 1], ['all']]);
      assert.deepEqual(got.a, [['all'], ['after leave']]);
      [a, b, c].forEach((s) => s.close());
    });

    it('broadcasts to everyone except the sender', async () => {
      const [a, b] = [connect(server.url, mode), connect(server.url, mode)];
      await Promise.all([a, b].map(connected));
      let aGot = 0;
      a.on('broadcast', () => { aGot += 1; });
      const bGot = waitFor(b, 'broadcast');
      await a.timeout(2000).emitWithAck('broadcast', { x: 1 });
      assert.deepEqual(await bGot, [{ x: 1 }]);
      await sleep(200);
      assert.equal(aGot, 0);
      a.close(); b.close();
    });

    it('disconnects a socket from the server side', async () => {
      const s = connect(server.url, mode);
      await connected(s);
      const reason = waitFor(s, 'disconnect');
      s.emit('disconnect-me', false);
      assert.equal((await reason)[0], 'io server disconnect');
      const s2 = connect(server.url, mode);
      await connected(s2);
      const reason2 = waitFor(s2, 'disconnect');
      s2.emit('disconnect-me', true);
      assert.equal((await reason2)[0], 'io server disconnect');
    });

    it('closes a connection that never joins a namespace (connectTimeout 1000 ms)', async () => {
      const { Manager } = await import('socket.io-client');
      const manager = new Manager(server.url, { ...TRANSPORT_MODES[mode], reconnection: false, autoConnect: false });
      manager.open();
      await waitFor(manager, 'open');
      const [reason] = await waitFor(manager, 'close', 4000);
      assert.ok(['transport close', 'forced close'].includes(reason), reason);
    });
  });
}
