// The built-in chat page in headless Chromium: two people chat both ways, the user list, history
// after a reload, reconnection with catch-up, the XSS probe, refusals, typing, unread count, a
// phone-sized screen; and the tutorial's seed page served unmodified with --web-root.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { startServer, sleep, connect, connected } from '../node/helpers.mjs';
import { launchBrowser, openPage, person, send } from './browser.mjs';

const CHATHOST = process.env.CHATHOST_BIN;
assert.ok(CHATHOST, 'CHATHOST_BIN must be set');
const ARTIFACTS = process.env.CHATHOST_ARTIFACTS || join(tmpdir(), 'chathost-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
const dataDir = () => mkdtempSync(join(tmpdir(), 'chathost-browser-'));
const baseArgs = (dir) => ['--headless', '--data-dir', dir, '--ping-interval', '2000', '--ping-timeout', '2000'];

const messageTexts = (page) => page.locator('#messages li:not(.system) .text').allTextContents();

describe('built-in chat page', () => {
  let server;
  let browser;
  let dir;
  before(async () => {
    dir = dataDir();
    server = await startServer(CHATHOST, baseArgs(dir));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets two people chat both ways and keeps the user list current', async () => {
    const ann = await person(browser, server.url, 'Ann');
    const bob = await person(browser, server.url, 'Bob');
    await ann.locator('#users li', { hasText: 'Bob' }).waitFor();
    assert.equal(await ann.locator('#count').textContent(), '2');
    assert.match(await ann.locator('#users li.me').textContent(), /Ann \(you\)/);

    await send(ann, 'Hello Bob');
    await bob.locator('#messages li', { hasText: 'Hello Bob' }).waitFor();
    await send(bob, 'Hi Ann');
    await ann.locator('#messages li', { hasText: 'Hi Ann' }).waitFor();
    // Own messages are marked, with author and time.
    assert.equal(await ann.locator('#messages li.mine', { hasText: 'Hello Bob' }).count(), 1);
    assert.equal(await ann.locator('#messages li.mine', { hasText: 'Hi Ann' }).count(), 0);
    const meta = await bob.locator('#messages li', { hasText: 'Hello Bob' }).locator('.meta').textContent();
    assert.match(meta, /Ann/);
    assert.match(meta, /\d{1,2}:\d{2}/);
    // The input is cleared after a confirmed send.
    assert.equal(await ann.locator('#input').inputValue(), '');

    await bob.context().close();
    await ann.locator('#count', { hasText: '1' }).waitFor();
    await ann.locator('#messages li.system', { hasText: 'Bob left' }).waitFor();
    assert.deepEqual(ann.problems, []);
    await ann.context().close();
  });

  it('shows the history after a reload, once, and remembers the nickname', async () => {
    const cat = await person(browser, server.url, 'Cat');
    await send(cat, 'remember me');
    await cat.locator('#messages li.mine', { hasText: 'remember me' }).waitFor();
    await cat.reload();
    await cat.locator('#status.connected').waitFor(); // no nickname dialog this time
    assert.equal(await cat.locator('#nick-dialog[open]').count(), 0);
    await cat.locator('#messages li', { hasText: 'remember me' }).waitFor();
    assert.equal(await cat.locator('#messages li', { hasText: 'remember me' }).count(), 1);
    assert.match(await cat.locator('#users li.me').textContent(), /Cat/);
    await cat.context().close();
  });

  it('shows the XSS probe as text and runs nothing', async () => {
    const dan = await person(browser, server.url, 'Dan');
    const eve = await person(browser, server.url, '<b>Eve</b>');
    const probe = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await send(dan, probe);
    const item = eve.locator('#messages li', { hasText: 'onerror' });
    await item.waitFor();
    assert.equal(await item.locator('.text').textContent(), probe);
    assert.equal(await eve.locator('#messages img, #messages script').count(), 0);
    await dan.locator('#users li', { hasText: '<b>Eve</b>' }).waitFor(); // presence comes in batches
    assert.equal(await dan.locator('#users b').count(), 0);
    await sleep(300);
    assert.deepEqual(eve.problems, []);
    assert.deepEqual(dan.problems, []);
    await dan.context().close(); await eve.context().close();
  });

  it('shows refusals, the typing indicator and unread messages in the title', async () => {
    const fay = await person(browser, server.url, 'Fay');
    const gil = await person(browser, server.url, 'Gil');
    await fay.locator('#input').pressSequentially('typing…');
    await gil.locator('#typing', { hasText: 'Fay is typing' }).waitFor();
    await fay.locator('#input').fill('');
    // The tab counts unread messages while hidden.
    await gil.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await send(fay, 'one');
    await send(fay, 'two');
    await gil.waitForFunction(() => document.title.startsWith('(2)'));
    await gil.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await gil.waitForFunction(() => !document.title.startsWith('('));
    // Sending too fast is refused with a readable notice.
    for (let i = 0; i < 6; i++) await send(fay, `fast ${i}`);
    await fay.locator('#notice', { hasText: 'too fast' }).waitFor();
    // The rename dialog reports a taken name.
    await fay.getByRole('button', { name: 'Change nickname' }).click();
    await fay.getByLabel('Nickname', { exact: true }).fill('gil');
    await fay.getByRole('button', { name: 'Join' }).click();
    await fay.locator('#nick-error', { hasText: 'already uses' }).waitFor();
    await fay.getByRole('button', { name: 'Stay a guest' }).click();
    assert.deepEqual(gil.problems, []);
    await fay.context().close(); await gil.context().close();
  });

  it('shows the rules banner at once to someone who joins a locked room in slow mode', async () => {
    const typed = async (line, expect) => {
      const before = server.output().length;
      server.proc.stdin.write(line + '\n');
      for (let i = 0; i < 100 && !expect.test(server.output().slice(before)); i++) await sleep(20);
      assert.match(server.output().slice(before), expect);
    };
    await typed('/slow 15', /Slow mode: one message every 15/);
    await typed('/lock', /locked/);
    try {
      const ivy = await person(browser, server.url, 'Ivy');
      const rules = ivy.locator('#rules');
      await rules.waitFor({ state: 'visible', timeout: 5000 });
      const text = await rules.textContent();
      assert.match(text, /locked/);
      assert.match(text, /Slow mode: one message every 15 s/);
      assert.deepEqual(ivy.problems, []);
      await ivy.context().close();
    } finally {
      await typed('/unlock', /unlocked/);
      await typed('/slow 0', /Slow mode is off/);
    }
  });

  it('shows host announcements marked as such', async () => {
    const hal = await person(browser, server.url, 'Hal');
    server.proc.stdin.write('/say Pizza is here\n');
    const item = hal.locator('#messages li.host', { hasText: 'Pizza is here' });
    await item.waitFor();
    assert.equal(await item.locator('.author').textContent(), 'Host');
    assert.equal(await item.locator('.badge').textContent(), 'host announcement');
    await hal.context().close();
  });

  it('renders on a phone-sized screen without sideways scrolling', async () => {
    const ivy = await person(browser, server.url, 'Ivy', { width: 390, height: 844 });
    await send(ivy, 'Hello from a phone, with a long word: ' + 'x'.repeat(120));
    await ivy.locator('#messages li.mine').last().waitFor();
    const overflow = await ivy.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    assert.ok(await ivy.locator('#send').isVisible());
    assert.ok(await ivy.locator('#input').isVisible());
    await ivy.screenshot({ path: join(ARTIFACTS, 'phone.png') });
    await ivy.context().close();
    const jon = await person(browser, server.url, 'Jon');
    await jon.setViewportSize({ width: 1200, height: 800 });
    await jon.screenshot({ path: join(ARTIFACTS, 'desktop.png') });
    await jon.context().close();
  });

  it('can be used with the keyboard alone', async () => {
    const kay = await person(browser, server.url, 'Kay');
    await kay.locator('#input').focus();
    await kay.keyboard.type('typed with keys');
    await kay.keyboard.press('Enter');
    await kay.locator('#messages li.mine', { hasText: 'typed with keys' }).waitFor();
    // Shift+Enter makes a new line instead of sending.
    await kay.keyboard.type('line one');
    await kay.keyboard.press('Shift+Enter');
    await kay.keyboard.type('line two');
    assert.equal(await kay.locator('#input').inputValue(), 'line one\nline two');
    // Every control has an accessible name.
    for (const role of ['button', 'textbox']) {
      for (const el of await kay.getByRole(role).all()) {
        if (!(await el.isVisible())) continue;
        const name = await el.evaluate((e) => e.labels?.[0]?.textContent || e.getAttribute('aria-label') || e.textContent);
        assert.ok(name && name.trim().length > 0);
      }
    }
    assert.equal(await kay.locator('[aria-live]').count() >= 2, true);
    await kay.context().close();
  });
});

describe('reconnection', () => {
  it('reconnects after a restart and catches up exactly what was missed', async () => {
    const dir = dataDir();
    let server = await startServer(CHATHOST, baseArgs(dir));
    const port = server.port;
    const browser = await launchBrowser();
    try {
      const lee = await person(browser, server.url, 'Lee');
      const mia = await person(browser, server.url, 'Mia');
      await send(lee, 'before the restart');
      await mia.locator('#messages li', { hasText: 'before the restart' }).waitFor();
      await server.stop();
      await mia.locator('#status.reconnecting').waitFor();
      // Keep Mia away while Lee comes back and writes.
      await mia.route('**/socket.io/?**', (route) => route.abort());
      server = await startServer(CHATHOST, baseArgs(dir), { port });
      assert.equal(server.port, port);
      await lee.locator('#status.connected').waitFor({ timeout: 15000 });
      for (const t of ['missed one', 'missed two', 'missed three']) {
        await send(lee, t);
        await lee.locator('#messages li.mine', { hasText: t }).waitFor();
      }
      await mia.unroute('**/socket.io/?**');
      await mia.locator('#status.connected').waitFor({ timeout: 15000 });
      for (const t of ['missed one', 'missed two', 'missed three']) {
        await mia.locator('#messages li', { hasText: t }).waitFor();
        assert.equal(await mia.locator('#messages li', { hasText: t }).count(), 1);
      }
      assert.equal(await mia.locator('#messages li', { hasText: 'before the restart' }).count(), 1);
      const ids = await mia.locator('#messages li[data-id]').evaluateAll((els) => els.map((e) => e.dataset.id));
      assert.equal(new Set(ids).size, ids.length, 'no message shown twice');
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});

describe('the tutorial seed page with --web-root', () => {
  const seed = resolve(process.env.CHATHOST_SEED_DIR || new URL('../../data/seed', import.meta.url).pathname);
  it('works unmodified', async (ctx) => {
    assert.ok(existsSync(join(seed, 'index.html')), `seed page not found in ${seed}`);
    const server = await startServer(CHATHOST, [...baseArgs(dataDir()), '--web-root', seed]);
    ctx.after(() => server.stop()); // also when an assertion fails
    const browser = await launchBrowser();
    try {
      const pages = [];
      for (let i = 0; i < 2; i++) {
        const page = await (await browser.newContext()).newPage();
        await page.goto(server.url);
        // The seed page's `const socket` is a global lexical binding, reachable by name.
        await page.waitForFunction('typeof socket !== "undefined" && socket.connected');
        pages.push(page);
      }
      await pages[0].locator('#m').fill('hello from the seed page');
      await pages[0].getByRole('button', { name: 'Send' }).click();
      for (const p of pages) await p.locator('#messages li', { hasText: 'hello from the seed page' }).waitFor();
      await pages[1].locator('#m').fill('and back');
      await pages[1].keyboard.press('Enter');
      await pages[0].locator('#messages li', { hasText: 'and back' }).waitFor();
      await pages[0].screenshot({ path: join(ARTIFACTS, 'seed-page.png') });
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});

// Issue 14: the page starts with a WebSocket (no long-polling handshake on a phone's weak Wi-Fi),
// and still gets through where WebSockets don't.
describe('the page\'s transport', () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer(CHATHOST, baseArgs(dataDir()));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens a WebSocket at once, with the client bundled into the page\'s script', async () => {
    const requested = [];
    const webSockets = [];
    const page = await openPage(browser, server.url, {}, (context) => {
      context.on('request', (r) => requested.push(new URL(r.url())));
      context.on('page', (p) => p.on('websocket', (ws) => webSockets.push(new URL(ws.url()))));
    });
    await page.getByLabel('Nickname', { exact: true }).fill('Direct');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.locator('#status.connected').waitFor();
    await send(page, 'straight over the WebSocket');
    await page.locator('#messages li.mine', { hasText: 'straight over the WebSocket' }).waitFor();
    assert.equal(await page.evaluate(() => window.__sockets.at(-1).io.engine.transport.name), 'websocket');
    assert.deepEqual(requested.filter((u) => u.pathname === '/socket.io/').map((u) => u.search), [], 'no long-polling request');
    assert.deepEqual(webSockets.map((u) => [u.pathname, u.searchParams.get('transport')]), [['/socket.io/', 'websocket']]);
    assert.deepEqual(requested.filter((u) => /socket\.io(\.min)?\.js$/.test(u.pathname)).map((u) => u.pathname), []);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  it('chats over long-polling in a browser without WebSocket', async () => {
    const page = await openPage(browser, server.url, {}, (context) => context.addInitScript(() => { window.WebSocket = undefined; }));
    await page.getByLabel('Nickname', { exact: true }).fill('NoSockets');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.locator('#status.connected').waitFor({ timeout: 10000 });
    await send(page, 'without a WebSocket');
    await page.locator('#messages li.mine', { hasText: 'without a WebSocket' }).waitFor();
    assert.equal(await page.evaluate(() => window.__sockets.at(-1).io.engine.transport.name), 'polling');
    await page.context().close();
  });

  it('falls back to long-polling through a proxy that refuses WebSockets', async () => {
    // A plain HTTP proxy in front of the server that answers every Upgrade with 502, as some do.
    let refused = 0;
    const proxy = http.createServer((req, res) => {
      const upstream = http.request({ host: '127.0.0.1', port: server.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    proxy.on('upgrade', (req, socket) => { refused += 1; socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'); });
    await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${proxy.address().port}`;
      const viaProxy = await person(browser, url, 'Proxied');
      const direct = await person(browser, server.url, 'Direct2');
      await send(viaProxy, 'through the proxy');
      await direct.locator('#messages li', { hasText: 'through the proxy' }).waitFor();
      await send(direct, 'and back through it');
      await viaProxy.locator('#messages li', { hasText: 'and back through it' }).waitFor();
      assert.equal(await viaProxy.evaluate(() => window.__sockets.at(-1).io.engine.transport.name), 'polling');
      assert.ok(refused >= 1, 'the page tried a WebSocket first');
      assert.deepEqual(viaProxy.problems.filter((p) => !/WebSocket|502/.test(p)), []);
      await viaProxy.context().close();
      await direct.context().close();
    } finally {
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
    }
  });
});

// The page's sources on disk: the modules under resources/web/js and the page itself.
const WEB = fileURLToPath(new URL('../../../resources/web/', import.meta.url));
const moduleFiles = () => readdirSync(join(WEB, 'js'), { recursive: true }).filter((f) => f.endsWith('.js')).map((f) => f.split(sep).join('/'));
const CLIENT_ESM = fileURLToPath(new URL('../../../node_modules/socket.io-client/dist/socket.io.esm.min.js', import.meta.url));
const loadTable = async (name) => (await import(`data:text/javascript,${encodeURIComponent(readFileSync(join(WEB, 'js', 'strings', `${name}.js`), 'utf8'))}`)).default;

describe('the page as modules', () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer(CHATHOST, baseArgs(dataDir()));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('loads every module as JavaScript with no console errors and no CSP violations', async () => {
    const served = new Map();
    const page = await openPage(browser, server.url, {}, (context) => context.on('response', (r) => {
      // The built-in page's assets live under /v/<content hash>/ (issue 14).
      const path = new URL(r.url()).pathname.replace(/^\/v\/[0-9a-f]+\//, '/');
      if (path.startsWith('/js/')) served.set(path.slice(4), [r.status(), r.headers()['content-type']]);
    }));
    await page.getByLabel('Nickname', { exact: true }).fill('Mod');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.locator('#status.connected').waitFor();
    await send(page, 'modules work');
    await page.locator('#messages li.mine', { hasText: 'modules work' }).waitFor();
    // Issue 14: the page's modules come as one minified bundle (js/main.js, built by
    // scripts/buildweb.mjs) plus the browser's language's string table, each served as JavaScript.
    assert.deepEqual([...served.keys()].sort(), ['main.js', 'strings/en.js']);
    // Every module on disk is in the bundle: each one's exported names can't be checked once
    // minified, so check that every source module is imported from main.js's graph.
    const imported = new Set(['main.js']);
    for (let grew = true; grew;) {
      grew = false;
      for (const file of [...imported]) {
        const source = readFileSync(join(WEB, 'js', file), 'utf8');
        for (const m of source.matchAll(/^import\s[^'";]*?['"](\.[^'"]+)['"]/gm)) {
          const target = new URL(m[1], `file:///js/${file}`).pathname.slice(4);
          if (!imported.has(target)) { imported.add(target); grew = true; }
        }
      }
    }
    assert.deepEqual([...imported].sort(), moduleFiles().filter((f) => !f.startsWith('strings/')).sort());
    for (const [file, [status, type]] of served) {
      assert.equal(status, 200, file);
      assert.equal(type, 'text/javascript; charset=utf-8', file);
    }
    // One module entry point, no inline script (the CSP would refuse it), under the built-in CSP.
    // Issue 14: under the content-hashed prefix, with the Socket.IO client bundled into it.
    assert.deepEqual(await page.evaluate(() => [...document.scripts].map((s) => [s.type, new URL(s.src || 'inline:', location).pathname.replace(/^\/v\/[0-9a-f]+\//, '/')])),
      [['module', '/js/main.js']]);
    const csp = (await (await fetch(server.url + '/')).headers.get('content-security-policy'));
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  it('has every string it shows in the table, in English and German', async () => {
    const en = await loadTable('en');
    const de = await loadTable('de');
    const html = readFileSync(join(WEB, 'index.html'), 'utf8');
    const used = new Set([...html.matchAll(/data-i18n(?:-[\w-]+)?="([^"]+)"/g)].map((m) => m[1]));
    const namespaces = new Set(Object.keys(en).map((k) => k.split('.')[0]));
    for (const file of moduleFiles().filter((f) => !f.startsWith('strings/'))) {
      const source = readFileSync(join(WEB, 'js', file), 'utf8');
      // t('key'...), and keys handed over to be looked up later (setStatus(kind, 'status.x')).
      for (const m of source.matchAll(/\bt\(\s*'([^']+)'/g)) used.add(m[1]);
      for (const m of source.matchAll(/'([a-z]+)\.([A-Za-z]+)'/g)) if (namespaces.has(m[1])) used.add(`${m[1]}.${m[2]}`);
      // A computed key could not be checked here; i18n.js's own t(value) takes the data-i18n keys above.
      if (file !== 'i18n.js') assert.doesNotMatch(source, /\bt\(\s*[^'\s)]/, `${file}: t() with a computed key cannot be checked`);
      assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, `${file}: text only`);
    }
    assert.ok(used.size > 30, `found ${used.size} keys`);
    for (const key of used) assert.ok(Object.hasOwn(en, key), `"${key}" is used but not in strings/en.js`);
    for (const key of Object.keys(en)) assert.ok(used.has(key), `"${key}" is in the table but never used`);
    // Every locale has the same keys, nothing empty, and the same {placeholders}.
    const shape = (v) => (typeof v === 'object' ? Object.values(v).join('|') : v);
    const params = (v) => [...new Set([...shape(v).matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
    assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
    const locales = readdirSync(join(WEB, 'js', 'strings')).map((f) => f.replace(/\.js$/, '')).sort();
    assert.deepEqual(locales, ['de', 'en']);
    assert.match(readFileSync(join(WEB, 'js', 'i18n.js'), 'utf8'), /LOCALES = \['en', 'de'\]/);
    for (const key of Object.keys(en)) {
      for (const table of [en, de]) {
        assert.ok(shape(table[key]).trim().length > 0, key);
        assert.deepEqual(params(table[key]), params(en[key]), key);
      }
    }
    // The page itself holds no text of its own: everything visible is filled in from the table.
    const body = html.slice(html.indexOf('<body>')).replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, '');
    assert.match(body, /^[\s0]*$/, 'text written into index.html');
    for (const attr of html.matchAll(/\s(placeholder|aria-label|title|alt)="/g)) assert.fail(`static ${attr[1]} in index.html`);
  });

  it('speaks German to a browser that prefers German', async () => {
    const de = await loadTable('de');
    const page = await openPage(browser, server.url, { locale: 'de-AT' });
    await page.getByLabel(de['nick.label'], { exact: true }).fill('Uwe');
    assert.equal(await page.locator('html').getAttribute('lang'), 'de');
    assert.equal(await page.locator('#nick-guest').textContent(), de['nick.guest']);
    await page.getByRole('button', { name: de['nick.join'] }).click();
    await page.locator('#status.connected', { hasText: de['status.connected'] }).waitFor();
    assert.equal(await page.locator('#input').getAttribute('placeholder'), de['composer.placeholder']);
    assert.equal(await page.locator('#send').textContent(), de['composer.send']);
    assert.match(await page.locator('#users li.me').textContent(), /Uwe \(du\)/);
    const here = Number(await page.locator('#count').textContent());
    assert.equal(await page.locator('#count').getAttribute('aria-label'), here === 1 ? '1 Person hier' : `${here} Personen hier`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});

describe('a long chat', () => {
  it('keeps at most 1000 messages in the page, the newest shown', async (ctx) => {
    // No rate limit, so one client can write 1200 messages quickly.
    const server = await startServer(CHATHOST, [...baseArgs(dataDir()), '--rate', '0/1', '--rate-per-address', '0/1']);
    ctx.after(() => server.stop()); // also when an assertion fails
    const browser = await launchBrowser();
    const writer = connect(server.url, 'websocket', { auth: { nickname: 'Writer' } });
    try {
      // The page's state is checked from inside, so this page runs the readable modules of
      // resources/web/js (the served bundle, issue 14, keeps none of its module names).
      // client.js re-exports the npm package by its bare name, so the package's own ES module
      // build stands in for it.
      const readable = (file) => (file === 'client.js' ? CLIENT_ESM : join(WEB, 'js', file));
      const page = await openPage(browser, server.url, {}, (context) => context.route(/\/v\/[0-9a-f]+\/js\//, (route) =>
        route.fulfill({ path: readable(new URL(route.request().url()).pathname.replace(/^\/v\/[0-9a-f]+\/js\//, '')),
                        contentType: 'text/javascript; charset=utf-8' })));
      await page.getByLabel('Nickname', { exact: true }).fill('Reader');
      await page.getByRole('button', { name: 'Join' }).click();
      await page.locator('#status.connected').waitFor();
      await connected(writer);
      const TOTAL = 1200;
      for (let start = 0; start < TOTAL; start += 100) {
        const acks = [];
        for (let i = start; i < start + 100; i++) acks.push(writer.timeout(10000).emitWithAck('chat message', `flood ${i}`));
        for (const reply of await Promise.all(acks)) assert.equal(reply.ok, true);
      }
      await page.locator('#messages li', { hasText: `flood ${TOTAL - 1}` }).waitFor({ timeout: 20000 });
      const state = async () => page.evaluate(async () => {
        // The page's own module instance: relative to its main.js (under /v/<hash>/, issue 14).
        const { store } = await import(new URL('store.js', document.querySelector('script[type=module]').src).href);
        const items = document.querySelectorAll('#messages li');
        return { count: items.length, last: items[items.length - 1].querySelector('.text').textContent, seen: store.conversations.get('room').seen.size };
      });
      const after = await state();
      assert.ok(after.count <= 1000, `${after.count} messages in the DOM`);
      assert.ok(after.count >= 990, `${after.count}: the newest stay`);
      assert.equal(after.last, `flood ${TOTAL - 1}`);
      assert.ok(after.seen <= 1000, `${after.seen} ids remembered`);
      assert.equal(await page.locator('#messages li', { hasText: /^Writer.*flood 0$/ }).count(), 0, 'the oldest went first');
      // The page stays usable: the reader's own message still appears, and is not a repeat.
      await send(page, 'still here');
      await page.locator('#messages li.mine', { hasText: 'still here' }).waitFor();
      assert.ok((await state()).count <= 1000);
      const ids = await page.locator('#messages li[data-id]').evaluateAll((els) => els.map((e) => e.dataset.id));
      assert.equal(new Set(ids).size, ids.length, 'no message shown twice');
      assert.deepEqual(page.problems, []);
    } finally {
      writer.close();
      await browser.close();
      await server.stop();
    }
  });
});

// A console command typed into the headless host, and its answer.
async function hostTypes(server, line, expect) {
  const before = server.output().length;
  server.proc.stdin.write(line + '\n');
  for (let i = 0; i < 100 && !expect.test(server.output().slice(before)); i++) await sleep(20);
  assert.match(server.output().slice(before), expect);
}

describe('host decisions and the password in the page', () => {
  it('shows a deletion, a mute, the unmute and a removal', async (ctx) => {
    const server = await startServer(CHATHOST, baseArgs(dataDir()));
    ctx.after(() => server.stop()); // also when an assertion fails
    const browser = await launchBrowser();
    try {
      const ned = await person(browser, server.url, 'Ned');
      await send(ned, 'delete me');
      const item = ned.locator('#messages li.mine', { hasText: 'delete me' });
      await item.waitFor();
      await hostTypes(server, `/delete ${await item.getAttribute('data-id')}`, /Deleted message/);
      await ned.locator('#messages li.deleted .text', { hasText: 'This message was deleted.' }).waitFor();
      await hostTypes(server, '/mute Ned 0 too loud', /Muted Ned/);
      await ned.locator('#notice', { hasText: 'The host muted you: too loud' }).waitFor();
      await hostTypes(server, '/unmute Ned', /can write again/);
      await ned.locator('#notice', { hasText: 'You can write again.' }).waitFor();
      await hostTypes(server, '/kick Ned bye now', /Removed Ned/);
      await ned.locator('#notice', { hasText: 'The host removed you from the chat: bye now' }).waitFor();
      await ned.locator('#status.offline', { hasText: 'Removed by the host' }).waitFor();
      assert.deepEqual(ned.problems, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  });

  it('asks for the password, says when it is wrong, and joins with the right one', async (ctx) => {
    const server = await startServer(CHATHOST, [...baseArgs(dataDir()), '--password', 'open sesame']);
    ctx.after(() => server.stop()); // also when an assertion fails
    const browser = await launchBrowser();
    try {
      const page = await openPage(browser, server.url);
      await page.getByLabel('Nickname', { exact: true }).fill('Pia');
      await page.getByRole('button', { name: 'Join' }).click();
      await page.locator('#pw-dialog[open]').waitFor();
      assert.equal(await page.locator('#status').textContent(), 'Password needed');
      await page.getByLabel('Password', { exact: true }).fill('wrong');
      await page.getByRole('button', { name: 'Join' }).click();
      await page.locator('#pw-dialog[open]').waitFor();
      await page.locator('#pw-error').filter({ hasText: /\S/ }).waitFor();
      await page.getByLabel('Password', { exact: true }).fill('open sesame');
      await page.getByRole('button', { name: 'Join' }).click();
      await page.locator('#status.connected').waitFor();
      assert.match(await page.locator('#users li.me').textContent(), /Pia/);
      // After a refused CONNECT socket.io-client closes its Engine.IO session; a polling request of
      // that session still in flight (while upgrading) is then answered 400 "session unknown",
      // which Chromium logs. Anything else is a problem.
      const closedSession = /^console: Failed to load resource: the server responded with a status of 400/;
      assert.deepEqual(page.problems.filter((p) => !closedSession.test(p)), []);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
