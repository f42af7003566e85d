// The page's conversations (issue 13) in headless Chromium with three people: private messages
// reach exactly one other person, blocking, mentions (completion by keyboard, highlight, title,
// notification), replies and the jump to the original, reactions, edits and deletions within and
// after the edit window, links and HTML payloads staying inert, the page in German; screenshots.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, sleep, connect, connected } from '../node/helpers.mjs';
import { launchBrowser, openPage, person, send } from './browser.mjs';

const CHATHOST = process.env.CHATHOST_BIN;
assert.ok(CHATHOST, 'CHATHOST_BIN must be set');
const ARTIFACTS = process.env.CHATHOST_ARTIFACTS || join(tmpdir(), 'chathost-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
const baseArgs = () => ['--headless', '--data-dir', mkdtempSync(join(tmpdir(), 'chathost-conv-')), '--ping-interval', '2000', '--ping-timeout', '2000'];
// No rate limit: the tests write quickly, and fill the room to scroll.
const noLimits = ['--rate', '0/1', '--rate-per-address', '0/1'];
const de = (await import(`data:text/javascript,${encodeURIComponent(readFileSync(new URL('../../../resources/web/js/strings/de.js', import.meta.url), 'utf8'))}`)).default;

// Everything a page receives from the server (WebSocket frames and polling answers), as text.
function recordWire(context) {
  const wire = [];
  context.on('page', (p) => p.on('websocket', (ws) => ws.on('framereceived', (f) => wire.push(String(f.payload)))));
  context.on('response', (r) => { if (r.url().includes('/socket.io/')) r.text().then((t) => wire.push(t), () => {}); });
  return wire;
}

const message = (page, text) => page.locator('.log li', { hasText: text });
async function hostTypes(server, line, expect) {
  const before = server.output().length;
  server.proc.stdin.write(line + '\n');
  for (let i = 0; i < 100 && !expect.test(server.output().slice(before)); i++) await sleep(20);
  assert.match(server.output().slice(before), expect);
}

describe('conversations on the page', () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer(CHATHOST, [...baseArgs(), ...noLimits]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('delivers a private message to exactly one other person, and blocking stops it', async () => {
    const ann = await person(browser, server.url, 'Ann');
    const bob = await person(browser, server.url, 'Bob');
    let wire;
    const cat = await openPage(browser, server.url, {}, (context) => { wire = recordWire(context); });
    await cat.getByLabel('Nickname', { exact: true }).fill('Cat');
    await cat.getByRole('button', { name: 'Join' }).click();
    await cat.locator('#status.connected').waitFor();
    const spy = connect(server.url, 'websocket', { auth: { nickname: 'Spy' } });
    const heard = [];
    spy.onAny((event, ...args) => heard.push(JSON.stringify([event, ...args])));
    await connected(spy);

    await ann.getByRole('button', { name: 'Private message to Bob' }).click();
    await ann.locator('#convbar', { hasText: 'The host of this chat can see private messages.' }).waitFor();
    assert.equal(await ann.locator('#input').getAttribute('placeholder'), 'Private message to Bob…');
    await send(ann, 'secret for bob');
    await ann.locator('.log:not(#messages) li.mine', { hasText: 'secret for bob' }).waitFor();
    // Bob sees a new conversation with one unread message, apart from the room.
    const entry = bob.locator('#convs button', { hasText: 'Ann' });
    await entry.locator('.count', { hasText: '1' }).waitFor();
    assert.equal(await bob.locator('#messages li', { hasText: 'secret for bob' }).count(), 0);
    await entry.click();
    await message(bob, 'secret for bob').waitFor();
    assert.equal(await entry.locator('.count').count(), 0);
    await send(bob, 'secret for ann');
    await message(ann, 'secret for ann').waitFor();
    // The room still works for everyone, and Cat and the listener got nothing private.
    await bob.locator('#convs button', { hasText: 'Room' }).click();
    await send(bob, 'public again');
    await message(cat, 'public again').waitFor();
    for (let i = 0; i < 50 && !heard.some((h) => h.includes('public again')); i++) await sleep(20);
    assert.ok(heard.some((h) => h.includes('public again')), 'the listener hears the room');
    assert.equal(await cat.locator('body', { hasText: 'secret' }).count(), 0);
    assert.deepEqual(wire.filter((w) => w.includes('secret')), []);
    assert.deepEqual(heard.filter((h) => h.includes('secret')), []);

    // Bob blocks Ann: her next private message is refused, and Bob receives nothing.
    await bob.locator('#convs button', { hasText: 'Ann' }).click();
    await bob.getByRole('button', { name: 'Block Ann' }).click();
    await bob.getByRole('button', { name: 'Unblock Ann' }).waitFor();
    await send(ann, 'after the block');
    await ann.locator('#notice:not([hidden])').waitFor();
    await sleep(300);
    assert.equal(await message(bob, 'after the block').count(), 0);
    await bob.getByRole('button', { name: 'Unblock Ann' }).click();
    await bob.getByRole('button', { name: 'Block Ann' }).waitFor();
    await send(ann, 'after the unblock');
    await message(bob, 'after the unblock').waitFor();
    for (const p of [ann, bob, cat]) assert.deepEqual(p.problems, []);
    spy.close();
    for (const p of [ann, bob, cat]) await p.context().close();
  });

  it('a duplicated tab (same session) takes the person over; the first tab says why and stays closed', async () => {
    const first = await person(browser, server.url, 'Tabby');
    const token = await first.evaluate(() => sessionStorage.getItem('chathost.nickname.resume'));
    assert.ok(token);
    // A duplicated tab copies sessionStorage, and localStorage holds the nickname.
    const second = await first.context().newPage();
    second.problems = [];
    second.on('pageerror', (e) => second.problems.push(`pageerror: ${e.message}`));
    await second.addInitScript((t) => sessionStorage.setItem('chathost.nickname.resume', t), token);
    await second.goto(server.url);
    await second.locator('#status.connected').waitFor();
    await first.locator('#status.offline', { hasText: 'Open in another tab' }).waitFor();
    await first.getByText('You opened this chat again in another tab or window').waitFor();
    assert.equal(await second.evaluate(() => window.__welcome.userId), await first.evaluate(() => window.__welcome.userId));
    // The first tab does not take the place back by itself.
    await sleep(1500);
    assert.equal(await second.locator('#status.connected').count(), 1);
    assert.equal(await first.locator('#status.offline').count(), 1);
    assert.deepEqual(first.problems, []);
    assert.deepEqual(second.problems, []);
    await first.context().close();
  });

  it('completes @names by keyboard and highlights, counts and announces a mention', async () => {
    const dora = connect(server.url, 'websocket', { auth: { nickname: 'Dora' } });
    await connected(dora);
    const dan = await openPage(browser, server.url, {}, async (context) => {
      await context.addInitScript(() => {
        window.shown = [];
        window.Notification = class { static permission = 'granted'; static requestPermission = async () => 'granted';
          constructor(title, options) { window.shown.push([title, options.body]); } };
      });
    });
    await dan.getByLabel('Nickname', { exact: true }).fill('Dan');
    await dan.getByRole('button', { name: 'Join' }).click();
    await dan.locator('#status.connected').waitFor();
    const eve = await person(browser, server.url, 'Eve');
    await eve.locator('#users li', { hasText: 'Dan' }).waitFor();
    await eve.locator('#users li', { hasText: 'Dora' }).waitFor();

    const input = eve.getByRole('combobox', { name: 'Message' });
    await input.pressSequentially('hi @d');
    const list = eve.getByRole('listbox', { name: 'People to mention' });
    await list.waitFor();
    assert.deepEqual(await list.getByRole('option').allTextContents(), ['@Dan', '@Dora']);
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    await eve.keyboard.press('ArrowDown');
    assert.equal(await input.getAttribute('aria-activedescendant'), 'sg1');
    assert.equal(await list.getByRole('option', { selected: true }).textContent(), '@Dora');
    await eve.keyboard.press('ArrowUp');
    await eve.keyboard.press('Tab');
    assert.equal(await input.inputValue(), 'hi @Dan ');
    assert.ok(await list.isHidden());
    // Escape closes the list; Enter then sends.
    await input.pressSequentially('and @do');
    await list.waitFor();
    await eve.keyboard.press('Escape');
    assert.ok(await list.isHidden());
    await input.pressSequentially('ra too');
    assert.ok(await list.isHidden());
    await dan.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await eve.keyboard.press('Enter');
    const item = dan.locator('#messages li.mention', { hasText: 'hi @Dan and @dora too' });
    await item.waitFor();
    await dan.waitForFunction(() => document.title === '(1) @1 ChatHost');
    await dan.locator('#announcer', { hasText: 'Eve mentioned you: hi @Dan and @dora too' }).waitFor();
    assert.deepEqual(await dan.evaluate(() => window.shown), [['Eve mentioned you', 'hi @Dan and @dora too']]);
    // Not a mention of Dan: no highlight, the title counts it as unread only.
    await send(eve, 'hi @Danny');
    await dan.locator('#messages li', { hasText: 'hi @Danny' }).waitFor();
    assert.equal(await dan.locator('#messages li.mention', { hasText: 'hi @Danny' }).count(), 0);
    await dan.waitForFunction(() => document.title === '(2) @1 ChatHost');
    // The writer's own copy is not highlighted.
    assert.equal(await eve.locator('#messages li.mention').count(), 0);
    assert.deepEqual(dan.problems, []);
    assert.deepEqual(eve.problems, []);
    dora.close();
    await dan.context().close(); await eve.context().close();
  });

  it('says that notifications need a secure context on plain http', async () => {
    const fay = await openPage(browser, server.url, {}, async (context) => {
      await context.addInitScript(() => Object.defineProperty(window, 'isSecureContext', { get: () => false }));
    });
    await fay.getByRole('button', { name: 'Stay a guest' }).click();
    await fay.getByRole('button', { name: 'Notify me' }).click();
    await fay.locator('#notice', { hasText: 'Notifications need a secure (https) connection' }).waitFor();
    assert.deepEqual(fay.problems, []);
    await fay.context().close();
  });

  it('answers with a quote that jumps to the original, and says when it is deleted', async () => {
    const gil = await person(browser, server.url, 'Gil');
    const hal = await person(browser, server.url, 'Hal');
    await send(gil, 'the original question\nsecond line');
    const original = message(hal, 'the original question');
    await original.waitFor();
    await original.hover();
    await original.getByRole('button', { name: 'Reply' }).click();
    await hal.locator('#context', { hasText: 'Replying to Gil: the original question' }).waitFor();
    await send(hal, 'the answer');
    const answer = message(gil, 'the answer');
    await answer.waitFor();
    assert.equal(await answer.locator('.quote').textContent(), 'Gil: the original question');
    // The composer's reply context goes once the reply is sent (after its ack: wait for it).
    await hal.locator('#context').waitFor({ state: 'hidden', timeout: 5000 });
    // Enough messages to scroll the original out of view; the quote brings it back.
    const writer = connect(server.url, 'websocket', { auth: { nickname: 'Writer' } });
    await connected(writer);
    for (let i = 0; i < 40; i++) await writer.timeout(5000).emitWithAck('chat message', `filler ${i}`);
    await message(gil, 'filler 39').waitFor();
    await send(hal, 'see above');
    const quote = message(gil, 'see above');
    await quote.waitFor();
    const inView = (page, text) => page.locator('#messages li', { hasText: text }).first().evaluate((li) => {
      const a = li.getBoundingClientRect(); const b = li.parentNode.getBoundingClientRect();
      return a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
    });
    assert.equal(await inView(gil, 'the original question'), false);
    await answer.locator('.quote').click();
    await gil.locator('#messages li.flash', { hasText: 'the original question' }).waitFor();
    assert.equal(await inView(gil, 'the original question'), true);
    // The host deletes the original: the quote says so, live and after a reload.
    const id = await message(gil, 'the original question').first().getAttribute('data-id');
    await hostTypes(server, `/delete ${id}`, /Deleted message/);
    await answer.locator('.quote', { hasText: 'original message deleted' }).waitFor();
    await hal.reload();
    await hal.locator('#status.connected').waitFor();
    await message(hal, 'the answer').locator('.quote', { hasText: 'original message deleted' }).waitFor();
    writer.close();
    assert.deepEqual(gil.problems, []);
    assert.deepEqual(hal.problems, []);
    await gil.context().close(); await hal.context().close();
  });

  it('counts reactions of two people, shows who reacted, and removes them', async () => {
    const ivy = await person(browser, server.url, 'Ivy');
    const jon = await person(browser, server.url, 'Jon');
    await send(ivy, 'react to me');
    const onIvy = message(ivy, 'react to me');
    const onJon = message(jon, 'react to me');
    await onJon.waitFor();
    await onJon.hover();
    await onJon.getByRole('button', { name: 'React', exact: true }).click();
    await onJon.getByRole('button', { name: 'React with 👍' }).click();
    const thumbs = (li) => li.locator('.reacts button', { hasText: '👍' });
    await thumbs(onIvy).filter({ hasText: '👍 1' }).waitFor();
    assert.equal(await thumbs(onIvy).getAttribute('title'), '👍 Jon');
    assert.equal(await thumbs(onIvy).getAttribute('aria-pressed'), 'false');
    assert.equal(await thumbs(onJon).getAttribute('aria-pressed'), 'true');
    await thumbs(onIvy).click();
    for (const li of [onIvy, onJon]) await thumbs(li).filter({ hasText: '👍 2' }).waitFor();
    assert.equal(await thumbs(onJon).getAttribute('aria-label'), '👍 Jon, Ivy');
    await onIvy.hover();
    await onIvy.getByRole('button', { name: 'React', exact: true }).click();
    await onIvy.getByRole('button', { name: 'React with 🎉' }).click();
    await onJon.locator('.reacts button', { hasText: '🎉 1' }).waitFor();
    // Taking them back: each toggles their own only.
    await thumbs(onJon).click();
    await thumbs(onIvy).filter({ hasText: '👍 1' }).waitFor();
    assert.equal(await thumbs(onIvy).getAttribute('title'), '👍 Ivy');
    await thumbs(onIvy).click();
    for (const li of [onIvy, onJon]) await li.locator('.reacts button', { hasText: '👍' }).waitFor({ state: 'detached' });
    assert.equal(await onJon.locator('.reacts button').count(), 1);
    // A reload shows the reactions from the history.
    await jon.reload();
    await message(jon, 'react to me').locator('.reacts button', { hasText: '🎉 1' }).waitFor();
    assert.deepEqual(ivy.problems, []);
    assert.deepEqual(jon.problems, []);
    await ivy.context().close(); await jon.context().close();
  });

  it('keeps javascript: URLs and HTML inert, and long URLs inside the page', async () => {
    const kim = await person(browser, server.url, 'Kim');
    const lee = await person(browser, server.url, 'Lee', { width: 390, height: 844 });
    const payload = 'go https://example.org/a_(b)?q=1. javascript:alert(1) <a href="javascript:alert(2)">x</a> ' +
      '<img src=x onerror=alert(3)> data:text/html,<script>alert(4)</script> https://example.org/' + 'long'.repeat(60);
    await send(kim, payload);
    const item = message(lee, 'go https');
    await item.waitFor();
    assert.equal(await item.locator('.text').textContent(), payload);
    const links = await item.locator('.text a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.rel, a.target]));
    assert.deepEqual(links, [
      ['https://example.org/a_(b)?q=1', 'noopener noreferrer nofollow', '_blank'],
      ['https://example.org/' + 'long'.repeat(60), 'noopener noreferrer nofollow', '_blank'],
    ]);
    assert.equal(await lee.locator('.log img, .log script, .log [onerror], .log a[href^="javascript"]').count(), 0);
    await item.locator('.text').click({ position: { x: 5, y: 5 } });
    const overflow = await lee.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await sleep(300);
    assert.deepEqual(lee.problems, []);
    assert.deepEqual(kim.problems, []);
    await kim.context().close(); await lee.context().close();
  });

  it('is German for a German browser, and switches language on the page', async () => {
    const page = await openPage(browser, server.url, { locale: 'de-DE' });
    await page.getByLabel(de['nick.label'], { exact: true }).fill('Uwe');
    await page.getByRole('button', { name: de['nick.join'] }).click();
    await page.locator('#status.connected').waitFor();
    assert.equal(await page.locator('#lang').inputValue(), 'de');
    assert.equal(await page.locator('#notify').textContent(), de['notify.enable']);
    await send(page, 'Hallo @Uwe');
    const item = page.locator('#messages li.mine', { hasText: 'Hallo' });
    await item.waitFor();
    assert.match(await item.locator('time').getAttribute('title'), /\d{2}\.\d{2}\.\d{4}/); // de-DE dates
    await item.hover();
    assert.ok(await item.getByRole('button', { name: de['reply.button'] }).isVisible());
    // The switch: English, kept across a reload, and back.
    await page.locator('#lang').selectOption('en');
    await page.locator('html[lang=en]').waitFor();
    await page.locator('#status.connected', { hasText: 'Connected' }).waitFor();
    assert.equal(await page.locator('#send').textContent(), 'Send');
    await page.reload();
    await page.locator('#send', { hasText: 'Send' }).waitFor();
    await page.locator('#lang').selectOption('de');
    await page.locator('html[lang=de]').waitFor();
    await page.locator('#status.connected', { hasText: de['status.connected'] }).waitFor();
    assert.equal(await page.locator('#send').textContent(), de['composer.send']);
    assert.match(await page.locator('#users li.me').textContent(), /Uwe \(du\)/);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});

describe('the edit window', () => {
  it('lets people edit and delete their own messages within it, and not after', async (ctx) => {
    const server = await startServer(CHATHOST, [...baseArgs(), '--edit-window', '3']);
    ctx.after(() => server.stop()); // also when an assertion fails
    const browser = await launchBrowser();
    try {
      const mia = await person(browser, server.url, 'Mia');
      const ned = await person(browser, server.url, 'Ned');
      await send(mia, 'a typo mesage');
      const own = message(mia, 'a typo mesage');
      await own.waitFor();
      // Ned has no edit or delete buttons on Mia's message.
      await message(ned, 'a typo mesage').hover();
      assert.equal(await message(ned, 'a typo mesage').getByRole('button', { name: 'Edit' }).count(), 0);
      await own.hover();
      await own.getByRole('button', { name: 'Edit' }).click();
      assert.equal(await mia.locator('#input').inputValue(), 'a typo mesage');
      await mia.locator('#input').fill('a typo message');
      await mia.keyboard.press('Enter');
      const edited = message(ned, 'a typo message');
      await edited.locator('.edited', { hasText: '(edited)' }).waitFor();
      await send(mia, 'delete me');
      const doomed = message(mia, 'delete me');
      await doomed.waitFor();
      await doomed.hover();
      await doomed.getByRole('button', { name: 'Delete' }).click();
      await ned.locator('#messages li.deleted .text', { hasText: 'This message was deleted.' }).waitFor();
      // After the window the buttons go, and the server refuses.
      await send(mia, 'too late to change');
      const late = message(mia, 'too late to change');
      await late.waitFor();
      await late.getByRole('button', { name: 'Edit' }).waitFor({ state: 'attached' });
      await late.getByRole('button', { name: 'Edit' }).waitFor({ state: 'detached', timeout: 8000 });
      const id = Number(await late.getAttribute('data-id'));
      const replies = await mia.evaluate(async (id) => {
        const socket = window.__sockets.at(-1);
        return [await socket.timeout(5000).emitWithAck('edit message', { id, text: 'changed' }),
          await socket.timeout(5000).emitWithAck('delete message', { id })];
      }, id);
      for (const r of replies) assert.equal(r.error.code, 'edit-window-over');
      assert.equal(await message(ned, 'too late to change').count(), 1);
      assert.deepEqual(mia.problems, []);
      assert.deepEqual(ned.problems, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});

describe('private messages switched off', () => {
  it('hides the private message buttons and says so', async (ctx) => {
    const server = await startServer(CHATHOST, [...baseArgs(), '--no-private-messages']);
    ctx.after(() => server.stop()); // also when an assertion fails
    const browser = await launchBrowser();
    try {
      const oli = await person(browser, server.url, 'Oli');
      const pat = await person(browser, server.url, 'Pat');
      await oli.locator('#users li', { hasText: 'Pat' }).waitFor();
      await oli.locator('body.nopm').waitFor({ state: 'attached' });
      assert.equal(await oli.getByRole('button', { name: 'Private message to Pat' }).count(), 0);
      // Pat's welcome lists Oli (who came first): Pat writes to Oli as the page would.
      const refused = await pat.evaluate(async () => {
        const to = window.__welcome.users.find((u) => u.nickname === 'Oli').userId;
        return window.__sockets.at(-1).timeout(5000).emitWithAck('private message', { to, text: 'psst' });
      });
      assert.equal(refused.error.code, 'private-off');
      assert.deepEqual(oli.problems, []);
      assert.deepEqual(pat.problems, []);
      await pat.context().close();
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});

describe('screenshots', () => {
  it('shows a lively chat on a desktop and a phone', async (ctx) => {
    const server = await startServer(CHATHOST, [...baseArgs(), ...noLimits, '--title', 'Team lunch']);
    ctx.after(() => server.stop()); // also when an assertion fails
    const browser = await launchBrowser();
    const lunch = (page) => message(page, 'Lunch at').first();
    try {
      const sam = await person(browser, server.url, 'Sam', { width: 390, height: 844 });
      const ada = await person(browser, server.url, 'Ada');
      await ada.setViewportSize({ width: 1280, height: 800 });
      const ben = await person(browser, server.url, 'Ben');
      await send(ada, 'Lunch at 12:30? The menu: https://canteen.example/today');
      await lunch(ben).waitFor();
      await lunch(ben).hover();
      await lunch(ben).getByRole('button', { name: 'Reply' }).click();
      await send(ben, 'Yes! @Sam are you in? 🍕');
      await message(sam, 'are you in').waitFor();
      await lunch(sam).hover();
      await lunch(sam).getByRole('button', { name: 'React', exact: true }).click();
      await lunch(sam).getByRole('button', { name: 'React with 👍' }).click();
      await lunch(ben).hover();
      await lunch(ben).getByRole('button', { name: 'React', exact: true }).click();
      await lunch(ben).getByRole('button', { name: 'React with 🎉' }).click();
      await ben.getByRole('button', { name: 'Private message to Ada' }).click();
      await send(ben, 'Can you save me a seat?');
      await send(sam, 'Count me in, see you there');
      await ada.locator('#convs button', { hasText: 'Ben' }).waitFor();
      await message(ada, 'Count me in').waitFor();
      await lunch(ada).locator('.reacts button', { hasText: '🎉' }).waitFor();
      await lunch(sam).locator('.reacts button', { hasText: '🎉' }).waitFor();
      // A reply's quote never widens the phone's page.
      assert.ok(await sam.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'phone page wider than the screen');
      await ada.mouse.move(0, 0);
      await ada.screenshot({ path: join(ARTIFACTS, 'page-desktop.png') });
      await sam.screenshot({ path: join(ARTIFACTS, 'page-phone.png') });
      if (process.env.CHATHOST_UPDATE_SCREENSHOTS) {
        for (const f of ['page-desktop.png', 'page-phone.png']) copyFileSync(join(ARTIFACTS, f), new URL(`../../../docs/${f}`, import.meta.url));
      }
      for (const p of [sam, ada, ben]) assert.deepEqual(p.problems, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
