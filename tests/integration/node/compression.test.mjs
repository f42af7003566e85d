// The light page (issue 14): build-time gzip/brotli copies sent by Accept-Encoding, decoded and
// byte-compared with the plain file; Vary, one ETag per representation, 304 and HEAD per
// coding, 406 when nothing is acceptable; Cache-Control per kind; the versioned asset URLs the
// page refers to; the tutorial's seed page (--web-root) unchanged.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { startServer } from './helpers.mjs';

const CHATHOST = process.env.CHATHOST_BIN;
assert.ok(CHATHOST, 'CHATHOST_BIN must be set');
const SEED = process.env.CHATHOST_SEED_DIR || new URL('../../data/seed', import.meta.url).pathname;
const IMMUTABLE = 'public, max-age=31536000, immutable';

// A request whose body is kept as sent (node:http does not decode). One keep-alive connection:
// a new one per request would run into the per-address connection rate (429).
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function get(port, path, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

function decode(res) {
  const coding = res.headers['content-encoding'];
  if (coding === 'gzip') return zlib.gunzipSync(res.body);
  if (coding === 'br') return zlib.brotliDecompressSync(res.body);
  assert.equal(coding, undefined, `unexpected coding ${coding}`);
  return res.body;
}

function dataDir() { return mkdtempSync(join(tmpdir(), 'chathost-compression-')); }

describe('built-in page: compressed representations', () => {
  let server;
  let page;
  let version;
  before(async () => {
    server = await startServer(CHATHOST, ['--headless', '--data-dir', dataDir()]);
    page = (await get(server.port, '/')).body.toString();
    version = /"\/v\/([0-9a-f]{12})\/js\/main\.js"/.exec(page)?.[1];
  });
  after(async () => { agent.destroy(); await server.stop(); });

  it('refers to its assets under one content-hashed prefix, the client bundled into main.js', () => {
    assert.ok(version, `no /v/<hash>/js/main.js in the page:\n${page}`);
    for (const asset of ['chat.css', 'js/main.js', 'favicon.svg'])
      assert.ok(page.includes(`"/v/${version}/${asset}"`), `page refers to /v/${version}/${asset}`);
    assert.doesNotMatch(page, /socket\.io(\.min)?\.js/, 'no separate client script');
  });

  const paths = () => ['/', '/chat.css', '/js/main.js', '/js/strings/de.js', '/js/strings/en.js',
                       '/socket.io/socket.io.js', '/socket.io/socket.io.min.js',
                       `/v/${version}/socket.io.min.js`, `/v/${version}/js/strings/en.js`];
  it('sends gzip and brotli that decode to exactly the plain bytes, each with its own ETag', async () => {
    for (const path of paths()) {
      const plain = await get(server.port, path);
      assert.equal(plain.status, 200, path);
      assert.equal(plain.headers['content-encoding'], undefined, `${path}: no coding without Accept-Encoding`);
      assert.equal(plain.headers.vary, 'Accept-Encoding', path);
      const etags = new Set([plain.headers.etag]);
      for (const coding of ['gzip', 'br']) {
        const res = await get(server.port, path, { 'Accept-Encoding': coding });
        assert.equal(res.status, 200, path);
        assert.equal(res.headers['content-encoding'], coding, path);
        assert.equal(res.headers.vary, 'Accept-Encoding', path);
        assert.equal(Number(res.headers['content-length']), res.body.length, path);
        assert.equal(res.headers['content-type'], plain.headers['content-type'], path);
        assert.ok(res.body.length < plain.body.length, `${path} ${coding} is smaller`);
        assert.ok(decode(res).equals(plain.body), `${path} ${coding} decodes to the plain bytes`);
        assert.match(res.headers.etag, /^"[0-9a-f]{20}"$/);
        etags.add(res.headers.etag);
      }
      assert.equal(etags.size, 3, `${path}: one strong ETag per representation`);
    }
  });

  for (const [field, expected] of [
    [undefined, 'identity'], ['', 'identity'], ['gzip', 'gzip'], ['br', 'br'], ['gzip, deflate', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'], ['gzip;q=0', 'identity'], ['gzip;q=0, br;q=0', 'identity'],
    ['gzip;q=0.9, br;q=0.5', 'gzip'], ['*', 'br'], ['*;q=0, identity', 'identity'], ['*;q=0', 406],
    ['identity;q=0', 406], ['identity;q=0, gzip', 'gzip'], ['GZIP;Q=1', 'gzip'], ['gzip;q=7', 'identity'],
  ]) {
    it(`answers Accept-Encoding ${JSON.stringify(field)} with ${expected}`, async () => {
      const headers = field === undefined ? {} : { 'Accept-Encoding': field };
      const plain = await get(server.port, '/js/main.js');
      const res = await get(server.port, '/js/main.js', headers);
      if (expected === 406) {
        assert.equal(res.status, 406);
        assert.equal(res.headers.vary, 'Accept-Encoding');
        assert.match(res.body.toString(), /Not Acceptable/);
        return;
      }
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-encoding'] ?? 'identity', expected);
      assert.ok(decode(res).equals(plain.body));
    });
  }

  it('revalidates each representation by its own ETag (304) and HEAD tells the coded length', async () => {
    for (const coding of ['identity', 'gzip', 'br']) {
      const headers = coding === 'identity' ? {} : { 'Accept-Encoding': coding };
      const first = await get(server.port, '/chat.css', headers);
      const again = await get(server.port, '/chat.css', { ...headers, 'If-None-Match': first.headers.etag });
      assert.equal(again.status, 304, coding);
      assert.equal(again.body.length, 0);
      assert.equal(again.headers.etag, first.headers.etag);
      assert.equal(again.headers.vary, 'Accept-Encoding');
      assert.equal(again.headers['cache-control'], 'no-cache');
      const head = await get(server.port, '/chat.css', headers, 'HEAD');
      assert.equal(head.status, 200);
      assert.equal(head.body.length, 0);
      assert.equal(Number(head.headers['content-length']), first.body.length, coding);
      assert.equal(head.headers['content-encoding'], first.headers['content-encoding']);
      assert.equal(head.headers.etag, first.headers.etag);
    }
    // Issue 14: a 304 (every reload of the page) carries only what a cache updates: no type,
    // no policies, no Content-Length (a 304's would have to be the 200's, RFC 9110 8.6).
    for (const coding of ['identity', 'gzip', 'br']) {
      const headers = coding === 'identity' ? {} : { 'Accept-Encoding': coding };
      const first = await get(server.port, '/', headers);
      assert.match(first.headers['content-security-policy'], /default-src 'self'/);
      const again = await get(server.port, '/', { ...headers, 'If-None-Match': first.headers.etag });
      assert.equal(again.status, 304, coding);
      assert.deepEqual(Object.keys(again.headers).filter((h) => !['connection', 'keep-alive'].includes(h)).sort(),
        ['cache-control', 'etag', 'vary'], coding);
      assert.equal(again.headers.etag, first.headers.etag);
      // The same connection answers the next request cleanly (the 304 had no body).
      assert.equal((await get(server.port, '/chat.css', headers)).status, 200);
    }
    // Another coding's ETag does not revalidate this one.
    const gz = await get(server.port, '/chat.css', { 'Accept-Encoding': 'gzip' });
    const br = await get(server.port, '/chat.css', { 'Accept-Encoding': 'br', 'If-None-Match': gz.headers.etag });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
  });

  it('caches versioned assets for a year and revalidates the page and unversioned files', async () => {
    for (const asset of ['chat.css', 'js/main.js', 'js/strings/en.js', 'socket.io.min.js', 'favicon.svg']) {
      const res = await get(server.port, `/v/${version}/${asset}`, { 'Accept-Encoding': 'gzip' });
      assert.equal(res.status, 200, asset);
      assert.equal(res.headers['cache-control'], IMMUTABLE, asset);
    }
    for (const path of ['/', '/index.html', '/chat.css', '/js/main.js'])
      assert.equal((await get(server.port, path)).headers['cache-control'], 'no-cache', path);
    assert.equal((await get(server.port, '/socket.io/socket.io.js')).headers['cache-control'], 'public, max-age=86400');
    const res = await get(server.port, '/', { 'Accept-Encoding': 'gzip' });
    assert.match(res.headers['content-security-policy'], /default-src 'self'/);
    assert.equal(res.headers['content-encoding'], 'gzip');
  });

  it('refuses other versions, the page under /v/ and paths that leave the root', async () => {
    for (const path of ['/v/000000000000/chat.css', `/v/${version}/`, `/v/${version}/index.html`,
                        `/v/${version}`, '/v/', `/v/${version}/nothing.js`, `/v/${version}/../chat.css`,
                        `/v/${version}/%2e%2e/chat.css`, '/chat.css.gz', '/js/main.js.br'])
      assert.equal((await get(server.port, path)).status, 404, path);
  });
});

describe('the tutorial seed page with --web-root', () => {
  it('is served as it is, and the client it loads still comes compressed', async (ctx) => {
    const server = await startServer(CHATHOST, ['--headless', '--data-dir', dataDir(), '--web-root', SEED]);
    ctx.after(() => server.stop()); // also when an assertion fails
    try {
      const res = await get(server.port, '/', { 'Accept-Encoding': 'gzip, br' });
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-encoding'], undefined);
      assert.equal(res.headers.vary, undefined);
      assert.equal(res.headers['cache-control'], 'no-cache');
      assert.match(res.body.toString(), /\/socket\.io\/socket\.io\.js/);
      const plain = await get(server.port, '/socket.io/socket.io.js');
      const gz = await get(server.port, '/socket.io/socket.io.js', { 'Accept-Encoding': 'gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.ok(decode(gz).equals(plain.body));
      assert.equal((await get(server.port, '/v/anything/chat.css')).status, 404);
    } finally {
      agent.destroy();
      await server.stop();
    }
  });
});
