// Static files: content types, caching headers and revalidation, HEAD, security headers, and
// paths that try to leave the web root (sent raw, so nothing normalises them on the way).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './helpers.mjs';

const CHATHOST = process.env.CHATHOST_BIN;
assert.ok(CHATHOST, 'CHATHOST_BIN must be set');

function rawRequest(port, text, { head = false } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.setTimeout(5000, () => { socket.destroy(); reject(new Error('timeout')); });
    socket.on('data', (d) => {
      data += d;
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = head ? 0 : Number(/content-length: (\d+)/i.exec(data)?.[1] ?? 0);
      if (data.length >= end + 4 + length) { socket.destroy(); resolve(data); }
    });
    socket.on('error', reject);
  });
}

describe('built-in site', () => {
  let server;
  before(async () => { server = await startServer(CHATHOST, ['--headless', '--data-dir', mkdtempSync(join(tmpdir(), 'chathost-static-'))]); });
  after(async () => { await server.stop(); });

  for (const [path, type] of [['/', 'text/html; charset=utf-8'], ['/js/main.js', 'text/javascript; charset=utf-8'],
                              ['/js/strings/de.js', 'text/javascript; charset=utf-8'],
                              ['/js/strings/en.js', 'text/javascript; charset=utf-8'],
                              ['/chat.css', 'text/css; charset=utf-8'], ['/favicon.svg', 'image/svg+xml']]) {
    it(`serves ${path} as ${type}`, async () => {
      const res = await fetch(server.url + path);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), type);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('cache-control'), 'no-cache');
      assert.match(res.headers.get('etag'), /^"[0-9a-f]+"$/);
    });
  }

  it('sends a Content-Security-Policy for its own origin only on the page', async () => {
    const res = await fetch(server.url + '/');
    const csp = res.headers.get('content-security-policy');
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  });

  it('revalidates with ETag (304) and answers HEAD without a body', async () => {
    const first = await fetch(server.url + '/js/main.js');
    const etag = first.headers.get('etag');
    const again = await fetch(server.url + '/js/main.js', { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    assert.equal((await again.arrayBuffer()).byteLength, 0);
    const raw = await rawRequest(server.port, 'HEAD /js/main.js HTTP/1.1\r\nHost: x\r\n\r\n', { head: true });
    assert.match(raw, /^HTTP\/1\.1 200/);
    assert.equal(Number(/content-length: (\d+)/i.exec(raw)[1]), (await first.arrayBuffer()).byteLength);
    assert.ok(raw.endsWith('\r\n\r\n'), 'no body after the headers');
    // On one keep-alive connection, a GET after a HEAD gets a clean answer (no stray body).
    const both = await new Promise((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.write('HEAD /chat.css HTTP/1.1\r\nHost: x\r\n\r\n'));
      let data = '';
      let sentGet = false;
      socket.setTimeout(5000, () => { socket.destroy(); reject(new Error('timeout')); });
      socket.on('data', (d) => {
        data += d;
        if (!sentGet && data.includes('\r\n\r\n')) { sentGet = true; socket.write('GET /favicon.svg HTTP/1.1\r\nHost: x\r\n\r\n'); }
        if (data.includes('</svg>')) { socket.destroy(); resolve(data); }
      });
      socket.on('error', reject);
    });
    const second = both.slice(both.indexOf('\r\n\r\n') + 4);
    assert.match(second, /^HTTP\/1\.1 200/);
    assert.match(second, /image\/svg\+xml/);
  });

  it('refuses other methods and unknown files clearly', async () => {
    const post = await fetch(server.url + '/js/main.js', { method: 'POST', body: 'x' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
    assert.equal((await fetch(server.url + '/nope.html')).status, 404);
    assert.equal((await fetch(server.url + '/js/nope.js')).status, 404);
    // A folder is not a file: no listing, no error page of another kind.
    for (const folder of ['/js', '/js/', '/js/strings/']) assert.equal((await fetch(server.url + folder)).status, 404, folder);
  });

  // Sub-folders are served, but a path that steps back out of one is refused even when it would
  // land inside the site, and nothing outside the page's resources is reachable (the bundled
  // client lives next to it, at :/chathost/client).
  for (const path of ['/js/../index.html', '/js/%2e%2e/index.html', '/js/%2E%2E%2Findex.html', '/js/..%2findex.html',
                      '/js/./main.js', '/js/%2e/main.js', '/js/..\\index.html', '/js/%5c..%5cindex.html',
                      '/js/../../client/socket.io.js', '/js/%2e%2e/%2e%2e/client/socket.io.js', '/js/main.js%00.html',
                      '/js//../index.html', '/../chathost/web/index.html']) {
    it(`refuses ${path}`, async () => {
      const raw = await rawRequest(server.port, `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
      assert.match(raw, /^HTTP\/1\.1 (400|404)/);
      assert.doesNotMatch(raw, /<!DOCTYPE html>|socket\.io|import /);
    });
  }
});

describe('--web-root', () => {
  let server;
  let root;
  before(async () => {
    const base = mkdtempSync(join(tmpdir(), 'chathost-webroot-'));
    root = join(base, 'site');
    mkdirSync(join(root, 'sub'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!DOCTYPE html><title>mine</title><p>my page</p>');
    writeFileSync(join(root, 'sub', 'index.html'), '<p>sub page</p>');
    writeFileSync(join(root, 'data.json'), '{"a":1}');
    writeFileSync(join(base, 'secret.txt'), 'TOP SECRET');
    server = await startServer(CHATHOST, ['--headless', '--data-dir', mkdtempSync(join(tmpdir(), 'chathost-d-')), '--web-root', root]);
  });
  after(async () => { await server.stop(); });

  it('serves the folder, its sub-folders and the bundled client', async () => {
    assert.match(await (await fetch(server.url + '/')).text(), /my page/);
    assert.match(await (await fetch(server.url + '/sub/')).text(), /sub page/);
    const json = await fetch(server.url + '/data.json');
    assert.equal(json.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal((await fetch(server.url + '/socket.io/socket.io.js')).status, 200);
    // A page of the user's own may use inline scripts: no CSP is forced on it.
    assert.equal((await fetch(server.url + '/')).headers.get('content-security-policy'), null);
  });

  for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/sub/../../secret.txt',
                      '/%2E%2E%2Fsecret.txt', '/sub/%2e%2e/%2e%2e/secret.txt', '/..\\secret.txt', '/%00index.html',
                      '//etc/passwd', '/./../secret.txt']) {
    it(`refuses ${path}`, async () => {
      const raw = await rawRequest(server.port, `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
      assert.match(raw, /^HTTP\/1\.1 (400|404)/);
      assert.doesNotMatch(raw, /TOP SECRET|root:/);
    });
  }
});
