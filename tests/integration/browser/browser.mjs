// Headless Debian Chromium through playwright-core (never a downloaded browser), with the flags
// that keep it off the network; and the helpers the page's tests share.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

// One browser; each person gets a context of their own (own storage, like another device).
export async function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

// Opens the page as a new person (own storage) and picks a nickname in the dialog.
// Console errors, uncaught exceptions, alerts and Content-Security-Policy violations (reported
// by the page itself) all land in page.problems.
export async function openPage(browser, url, options = {}, onContext = () => {}) {
  const context = await browser.newContext({ locale: 'en-US', ...options });
  onContext(context);
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    // The page's modules are one minified bundle (issue 14), so a test can't import its state:
    // window.__sockets holds every socket the page opened with the client's io(), and
    // window.__welcome the last welcome it got, for tests that speak to the server as the page.
    let io;
    Object.defineProperty(window, 'io', { configurable: true, get: () => io, set: (f) => {
      io = Object.assign((...args) => {
        const socket = f(...args);
        (window.__sockets ||= []).push(socket);
        socket.onAny((name, info) => { if (name === 'welcome') window.__welcome = info; });
        return socket;
      }, f);
    } });
  });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('dialog', (d) => { page.problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(url);
  return page;
}

export async function person(browser, url, nickname, viewport) {
  const page = await openPage(browser, url, viewport ? { viewport, isMobile: true, hasTouch: true } : {});
  await page.getByLabel('Nickname', { exact: true }).fill(nickname);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.locator('#status.connected').waitFor();
  return page;
}

export async function send(page, text) {
  await page.locator('#input').fill(text);
  await page.keyboard.press('Enter');
}
