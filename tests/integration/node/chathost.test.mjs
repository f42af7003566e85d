// The chathost executable itself (--headless): the tutorial's chat with the official Node
// client over every transport, the bundled browser client, the command line and shutdown.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { startServer, connect, connected, upgraded, waitFor, waitForText, sleep, TRANSPORT_MODES } from './helpers.mjs';

const CHATHOST = process.env.CHATHOST_BIN;
assert.ok(CHATHOST, 'CHATHOST_BIN must be set');
const require = createRequire(import.meta.url);
const dataDir = mkdtempSync(join(tmpdir(), 'chathost-test-'));
const baseArgs = ['--headless', '--data-dir', dataDir, '--ping-interval', '300', '--ping-timeout', '200'];

describe('chathost --headless', () => {
  let server;
  before(async () => { server = await startServer(CHATHOST, baseArgs); });
  after(async () => { await server.stop(); });

  for (const mode of Object.keys(TRANSPORT_MODES)) {
    it(`relays 'chat message' to everyone (${mode})`, async () => {
      const a = connect(server.url, mode);
      const b = connect(server.url, 'polling');
      await Promise.all([connected(a), connected(b)]);
      if (mode === 'upgrade') await upgraded(a);
      const text = `hello from ${mode}`;
      const atA = waitForText(a, text);
      const atB = waitForText(b, text);
      a.emit('chat message', text);
      assert.equal((await atA).kind, 'user');
      assert.equal((await atB).kind, 'user');
      a.close(); b.close();
    });

    it(`carries a 200 KB message and survives heartbeats (${mode})`, async () => {
      const s = connect(server.url, mode);
      await connected(s);
      await sleep(1000); // three heartbeats at 300 ms
      assert.equal(s.connected, true);
      const big = 'é'.repeat(2000); // the chat's default length limit
      const back = waitForText(s, big);
      s.emit('chat message', big);
      await back;
      // A 200 KB Socket.IO message passes the transport (the chat refuses it by its own limit).
      const reply = await s.timeout(5000).emitWithAck('chat message', 'é'.repeat(100 * 1024));
      assert.equal(reply.error.code, 'too-long');
      s.close();
    });

    it(`refuses an unknown namespace (${mode})`, async () => {
      const s = connect(`${server.url}/admin`, mode);
      const [err] = await waitFor(s, 'connect_error');
      assert.equal(err.message, 'Invalid namespace');
      s.close();
    });
  }

  it('serves the official browser client and its source maps', async () => {
    const pkg = require.resolve('socket.io-client/package.json');
    const dist = join(pkg, '..', 'dist');
    for (const file of ['socket.io.js', 'socket.io.min.js', 'socket.io.js.map', 'socket.io.min.js.map']) {
      const res = await fetch(`${server.url}/socket.io/${file}`);
      assert.equal(res.status, 200, file);
      const body = Buffer.from(await res.arrayBuffer());
      assert.ok(body.equals(readFileSync(join(dist, file))), `${file} differs from the npm package`);
      assert.match(res.headers.get('content-type'), file.endsWith('.map') ? /application\/json/ : /javascript/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    }
    const head = await fetch(`${server.url}/socket.io/socket.io.js`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.ok(Number(head.headers.get('content-length')) > 1000);
    const page = await fetch(`${server.url}/`);
    assert.equal(page.status, 200);
    // Issue 14: the page's script has the client bundled in; it loads no client file of its own.
    assert.match(await page.text(), /<script type="module" src="\/v\/[0-9a-f]+\/js\/main\.js">/);
    assert.equal((await fetch(`${server.url}/no-such-file`)).status, 404);
    assert.equal((await fetch(`${server.url}/socket.io/other.js`)).status, 400);
  });

  it('answers the Engine.IO handshake with the configured timings', async () => {
    const res = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    const text = await res.text();
    assert.equal(text[0], '0');
    const open = JSON.parse(text.slice(1));
    assert.deepEqual(Object.keys(open).sort(), ['maxPayload', 'pingInterval', 'pingTimeout', 'sid', 'upgrades']);
    assert.equal(open.pingInterval, 300);
    assert.equal(open.pingTimeout, 200);
    assert.equal(open.maxPayload, 1000000);
    assert.deepEqual(open.upgrades, ['websocket']);
    assert.match(open.sid, /^[A-Za-z0-9_-]{20}$/);
  });
});

describe('chathost command line', () => {
  it('prints --help with every documented option', () => {
    const r = spawnSync(CHATHOST, ['--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    for (const opt of ['--headless', '--port', '--bind', '--data-dir', '--ping-interval', '--ping-timeout', '--max-payload', '--web-root', '--lang'])
      assert.ok(r.stdout.includes(opt), `--help lacks ${opt}`);
  });

  for (const [args, pattern] of [
    [['--port', '70000'], /--port/],
    [['--port', 'abc'], /--port/],
    [['--bind', 'not-an-address'], /--bind/],
    [['--ping-interval', '0'], /--ping-interval/],
    [['--max-payload', '-5'], /--max-payload/],
    [['--web-root', '/no/such/folder'], /--web-root/],
    [['--frobnicate'], /frobnicate/],
  ]) {
    it(`refuses ${args.join(' ')} with a clear message`, () => {
      const r = spawnSync(CHATHOST, ['--headless', ...args], { encoding: 'utf8', timeout: 10000 });
      assert.notEqual(r.status, 0);
      assert.equal(r.signal, null, 'must exit, not crash');
      assert.match(r.stderr, pattern);
    });
  }

  it('reports a port in use and exits non-zero', async () => {
    const first = await startServer(CHATHOST, baseArgs);
    try {
      const r = spawnSync(CHATHOST, ['--headless', '--data-dir', dataDir, '--bind', '127.0.0.1', '--port', String(first.port)], { encoding: 'utf8', timeout: 10000 });
      assert.equal(r.status, 1);
      assert.equal(r.signal, null);
      assert.match(r.stderr, new RegExp(`port ${first.port}`));
    } finally {
      await first.stop();
    }
  });

  it('raises the open-file limit and the listen backlog', async () => {
    const s = await startServer('bash', ['-c', 'ulimit -Sn 512 && exec "$0" "$@"', CHATHOST, ...baseArgs]);
    try {
      const limits = readFileSync(`/proc/${s.proc.pid}/limits`, 'utf8');
      const [, soft, hard] = /Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/.exec(limits);
      assert.equal(soft, hard, 'soft limit raised to the hard limit');
      assert.notEqual(soft, '512');
      const somaxconn = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
      const ss = spawnSync('ss', ['-ltnH', `sport = :${s.port}`], { encoding: 'utf8' });
      const backlogs = ss.stdout.trim().split('\n').map((l) => Number(l.trim().split(/\s+/)[2]));
      assert.ok(backlogs.length > 0, ss.stdout + ss.stderr);
      for (const b of backlogs) assert.equal(b, Math.min(4096, somaxconn));
    } finally {
      await s.stop();
    }
  });

  it('speaks German with --lang de or a German system locale, English otherwise', async () => {
    const help = spawnSync(CHATHOST, ['--help', '--lang', 'de'], { encoding: 'utf8' });
    assert.match(help.stdout, /Ohne Fenster laufen/);
    const de = await startServer(CHATHOST, [...baseArgs, '--lang', 'de']);
    assert.match(de.output(), /ChatHost läuft/);
    de.proc.stdin.write('/who\n');
    for (let i = 0; i < 50 && !/Personen verbunden/.test(de.output()); i++) await sleep(20);
    assert.match(de.output(), /0 Personen verbunden/);
    await de.stop();
    const system = spawnSync(CHATHOST, ['--help'], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'de_DE.UTF-8', LANG: 'de_DE.UTF-8' } });
    assert.match(system.stdout, /Ohne Fenster laufen/);
    // English plurals come from the English catalogue, not "person(s)".
    const en = await startServer(CHATHOST, [...baseArgs, '--lang', 'en']);
    en.proc.stdin.write('/who\n');
    for (let i = 0; i < 50 && !/connected/.test(en.output().split('listening on')[1] ?? ''); i++) await sleep(20);
    assert.match(en.output(), /0 people connected/);
    await en.stop();
  });

  it('reports a bind address this machine does not have, and exits non-zero', () => {
    // Binding fails at once; no packet is sent anywhere.
    const r = spawnSync(CHATHOST, ['--headless', '--data-dir', dataDir, '--bind', '::2', '--port', '0'], { encoding: 'utf8', timeout: 10000 });
    assert.equal(r.status, 1);
    assert.equal(r.signal, null);
    assert.match(r.stderr, /Cannot listen on ::2/);
  });

  it('listens on a specific address and prints its URL', async () => {
    const s = await startServer(CHATHOST, [...baseArgs, '--bind', '127.0.0.1']);
    assert.match(s.output(), new RegExp(`http://127\\.0\\.0\\.1:${s.port}`));
    await s.stop();
  });

  it('shuts down cleanly on SIGTERM and SIGINT, closing its clients', async () => {
    for (const signal of ['SIGTERM', 'SIGINT']) {
      const s = await startServer(CHATHOST, baseArgs);
      const c = connect(s.url, 'websocket');
      await connected(c);
      const gone = waitFor(c, 'disconnect');
      s.proc.kill(signal);
      const [code, sig] = await once(s.proc, 'exit');
      assert.equal(code, 0, `exit code after ${signal}`);
      assert.equal(sig, null);
      await gone;
    }
  });
});
