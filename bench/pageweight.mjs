// The light page (issue 14): bytes on the wire and time to the first message in Chromium (Debian's,
// through playwright-core; never a downloaded browser). Not a test: it prints numbers and writes
// a JSON file.
//
//   node bench/pageweight.mjs [--bin build/app/chathost] [--out bench/results-pageweight.json]
//                             [--label NAME] [--runs 5] [--detail]
//
// For each mode (Chromium's own Accept-Encoding on 127.0.0.1, and "gzip, deflate" as Chromium
// sends over plain http to a LAN address, where it does not offer brotli) it opens the built-in
// page in a fresh profile, joins with a nickname, waits for a message posted before, then reloads
// and visits again. Bytes: CDP Network.loadingFinished encodedDataLength (headers + body as
// received) for every HTTP response, the Socket.IO polling handshake included, plus the
// WebSocket handshake and frames; and the Resource Timing transferSize sum (body + 300 per
// fetched resource, by the spec). Time: performance.now() when the message is in the list.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer, connect, connected } from '../tests/integration/node/helpers.mjs';
import { launchBrowser } from '../tests/integration/browser/browser.mjs';

const { values: opt } = parseArgs({ options: {
  bin: { type: 'string', default: process.env.CHATHOST_BIN || 'build/app/chathost' },
  out: { type: 'string', default: '' },
  label: { type: 'string', default: 'current' },
  runs: { type: 'string', default: '5' },
  detail: { type: 'boolean', default: false },
} });
const RUNS = Number(opt.runs);
const TEXT = 'hello, light page';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };

async function measure(page, cdp, action) {
  const http = new Map();
  let ws = 0;
  const frames = [];
  let wsHandshake = 0;
  const onResponse = (e) => {
    const headers = e.response.headersText ?? Object.entries(e.response.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    http.set(e.requestId, { url: e.response.url, status: e.response.status, coding: e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || '', bytes: 0, headerBytes: headers.length });
  };
  const onFinished = (e) => { const r = http.get(e.requestId); if (r) r.bytes = e.encodedDataLength; };
  const onWsHandshake = (e) => { wsHandshake += (e.response.headersText || '').length; ws += (e.response.headersText || '').length; };
  const onFrame = (e) => {
    // payloadData is text (or base64 for binary frames: none here); a server frame's header is
    // 2 bytes up to 125 bytes of payload, 4 up to 65535, else 10.
    const payload = Buffer.byteLength(e.response.payloadData || '');
    const n = payload + (payload < 126 ? 2 : payload < 65536 ? 4 : 10);
    ws += n;
    frames.push(n);
  };
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.loadingFinished', onFinished);
  cdp.on('Network.webSocketHandshakeResponseReceived', onWsHandshake);
  cdp.on('Network.webSocketFrameReceived', onFrame);
  await action();
  await page.locator('#messages li', { hasText: TEXT }).first().waitFor({ timeout: 15000 });
  const firstMessageMs = await page.evaluate(() => window.__firstMessageAt);
  await page.waitForTimeout(300); // late responses (the upgrade's last poll)
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource');
    return { transferSize: nav.transferSize + res.reduce((s, r) => s + r.transferSize, 0),
             resources: res.length + 1 };
  });
  cdp.off('Network.responseReceived', onResponse);
  cdp.off('Network.loadingFinished', onFinished);
  cdp.off('Network.webSocketHandshakeResponseReceived', onWsHandshake);
  cdp.off('Network.webSocketFrameReceived', onFrame);
  const list = [...http.values()];
  const socketIo = list.filter((r) => r.url.includes('/socket.io/?'));
  const assets = list.filter((r) => !r.url.includes('/socket.io/?'));
  return {
    assetBytes: assets.reduce((s, r) => s + r.bytes, 0),
    socketIoBytes: socketIo.reduce((s, r) => s + r.bytes, 0) + ws,
    totalBytes: list.reduce((s, r) => s + r.bytes, 0) + ws,
    requests: assets.length,
    notModified: assets.filter((r) => r.status === 304).length,
    codings: [...new Set(assets.map((r) => r.coding || 'identity'))].sort(),
    resourceTimingTransferSize: timing.transferSize,
    firstMessageMs: Math.round(firstMessageMs),
    // Where the bytes go: every HTTP response (path with the version hash as <v>, the query's
    // transport and sid-less shape), the WebSocket handshake and each frame received.
    detail: {
      http: list.map((r) => {
        const u = new URL(r.url);
        const query = u.pathname.startsWith('/socket.io/') && u.search
          ? `?transport=${u.searchParams.get('transport')}${u.searchParams.has('sid') ? '&sid' : ''}` : '';
        return { path: u.pathname.replace(/^\/v\/[0-9a-f]+\//, '/v/<v>/') + query, status: r.status, coding: r.coding || 'identity', bytes: r.bytes, headerBytes: r.headerBytes };
      }),
      webSocketHandshake: wsHandshake,
      webSocketFrames: frames,
    },
  };
}

async function visit(browser, url, extraHTTPHeaders) {
  const context = await browser.newContext({ locale: 'en-US', extraHTTPHeaders });
  await context.addInitScript((text) => {
    window.__firstMessageAt = null;
    new MutationObserver((_, observer) => {
      const list = document.getElementById('messages');
      if (list && list.textContent.includes(text)) { window.__firstMessageAt = performance.now(); observer.disconnect(); }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  }, TEXT);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const first = await measure(page, cdp, async () => {
    await page.goto(url);
    await page.locator('#nick-input').fill('Bench');
    await page.locator('#nick-ok').click();
  });
  const reload = await measure(page, cdp, () => page.reload());
  const again = await measure(page, cdp, () => page.goto(url));
  await context.close();
  return { first, reload, again };
}

// Every visit gets a server of its own with the same state (one message posted): the history the
// page receives grows with each visit's join and leave notices, so on one shared server the later
// visits (all of the second mode's) got a larger welcome and history than the first ones.
async function freshServer() {
  const server = await startServer(opt.bin, ['--headless', '--data-dir', mkdtempSync(join(tmpdir(), 'chathost-pageweight-'))]);
  const poster = connect(server.url, 'websocket', { auth: { nickname: 'Poster' } });
  await connected(poster);
  poster.emit('chat message', TEXT);
  await new Promise((r) => setTimeout(r, 300));
  poster.close();
  await new Promise((r) => setTimeout(r, 300)); // the leave notice is in the history before the visit
  return server;
}

const browser = await launchBrowser();
const results = { label: opt.label, date: new Date().toISOString(), machine: '2-core dev VM (shared)', runs: RUNS, chromium: browser.version(), modes: {} };
try {
  for (const [mode, headers] of [['chromium-localhost', undefined], ['lan-gzip', { 'Accept-Encoding': 'gzip, deflate' }]]) {
    const samples = [];
    for (let i = 0; i < RUNS; i++) {
      const server = await freshServer();
      try { samples.push(await visit(browser, server.url, headers)); } finally { await server.stop(); }
    }
    const summary = {};
    for (const phase of ['first', 'reload', 'again']) {
      const s = samples.map((x) => x[phase]);
      summary[phase] = { ...s[0], totalBytes: median(s.map((x) => x.totalBytes)), assetBytes: median(s.map((x) => x.assetBytes)),
                         socketIoBytes: median(s.map((x) => x.socketIoBytes)), firstMessageMs: median(s.map((x) => x.firstMessageMs)),
                         resourceTimingTransferSize: median(s.map((x) => x.resourceTimingTransferSize)) };
    }
    results.modes[mode] = summary;
    console.log(mode);
    for (const [phase, r] of Object.entries(summary)) {
      console.log(`  ${phase.padEnd(6)} total ${r.totalBytes} B (assets ${r.assetBytes} B in ${r.requests} requests, ${r.notModified} x 304, ${r.codings.join('/')}; Socket.IO ${r.socketIoBytes} B) RT transferSize ${r.resourceTimingTransferSize} B, first message at ${r.firstMessageMs} ms`);
      if (opt.detail) {
        for (const h of r.detail.http) console.log(`      ${String(h.bytes).padStart(6)} B (headers ~${h.headerBytes}) ${h.status} ${h.coding.padEnd(8)} ${h.path}`);
        console.log(`      ${String(r.detail.webSocketHandshake).padStart(6)} B WebSocket handshake; frames ${r.detail.webSocketFrames.length}: ${r.detail.webSocketFrames.reduce((a, b) => a + b, 0)} B (${r.detail.webSocketFrames.join(' ')})`);
      }
    }
  }
} finally {
  await browser.close();
}
if (opt.out) writeFileSync(opt.out, JSON.stringify(results, null, 2) + '\n');
