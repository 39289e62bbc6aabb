import { mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Browser tests against a running platform: `STATIONERY_URL` (default http://127.0.0.1:8080), Debian's Chromium,
// screenshots into `STATIONERY_ARTIFACTS` (default <repo>/.stationery/test-results/screenshots).

const here = dirname(fileURLToPath(import.meta.url));
export const BASE_URL = (process.env.STATIONERY_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const ARTIFACTS = process.env.STATIONERY_ARTIFACTS
  ?? (process.env.STATIONERY_TEST_RESULTS ? join(process.env.STATIONERY_TEST_RESULTS, 'screenshots') : resolve(here, '../../../.stationery/test-results/screenshots'));
export const CHAIN = 'demo';
export const PASSWORD = process.env.STATIONERY_DEMO_PASSWORD ?? 'stationery-demo';
export const PHONE = { width: 390, height: 844 };
/**
 * How long a journey waits for a step that crosses services (an alert card, a purchase-list line, a supplier's answer):
 * generous, as a wait ends the moment the page shows it; on a CI machine shared with other builds a hop has taken over 30 s.
 */
export const HOP = 90_000;

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
  });
}

/** A phone-sized browser context speaking Chinese, as a shop clerk's phone would. */
export async function phone(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  // Playwright's 30 s default is for one click or render; on a loaded machine the page itself can take that long.
  context.setDefaultTimeout(60_000);
  return context;
}

export interface LoggedIn {
  accessToken: string;
  expiresAt: string;
  chain: string;
  user: { id: string; name: string; username?: string; roles: string[]; branches: string[]; supplierId?: string | null };
}

const sessions = new Map<string, LoggedIn>();

/** Logs in through the API once per user per test file (the gateway allows 10 logins a minute per address). */
export async function apiLogin(username: string, fresh = false): Promise<LoggedIn> {
  const cached = sessions.get(username);
  if (cached && !fresh) return cached;
  const response = await fetch(`${BASE_URL}/api/identity/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ chain: CHAIN, username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as LoggedIn;
  const session: LoggedIn = {
    ...body,
    chain: body.chain ?? CHAIN,
    user: { ...body.user, roles: body.user.roles.map((r) => r.toLowerCase()), branches: body.user.branches ?? [] },
  };
  sessions.set(username, session);
  return session;
}

/**
 * A context already signed in as `username` (the session the app keeps in localStorage). Each context gets a login of
 * its own: a refresh token works once, and two contexts refreshing a shared one would revoke each other.
 */
export async function signedIn(browser: Browser, username: string): Promise<BrowserContext> {
  const session = await apiLogin(username, true);
  const context = await phone(browser);
  await context.addInitScript((s: string) => {
    if (!localStorage.getItem('stationery.session')) localStorage.setItem('stationery.session', s);
  }, JSON.stringify(session));
  return context;
}

export async function api<T>(username: string, method: string, path: string, body?: unknown): Promise<T> {
  const session = await apiLogin(username);
  const response = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${session.accessToken}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** The page is no wider than the viewport: nothing to scroll sideways. */
export async function horizontalOverflow(page: Page): Promise<number> {
  const { overflow, culprits } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const overflow = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - width;
    // What sticks out, innermost first, so a failure says where to look.
    const culprits = overflow <= 0 ? [] : [...document.body.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > width + 0.5)
      .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > width + 0.5))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${String(e.className).trim().replace(/\s+/g, '.')}` : ''}`
        + ` right=${Math.round(e.getBoundingClientRect().right)} text=${JSON.stringify((e.textContent ?? '').trim().slice(0, 40))}`);
    return { overflow, culprits };
  });
  if (overflow > 0) console.warn(`horizontal overflow ${overflow}px at ${page.url()}: ${culprits.join(' | ')}`);
  return overflow;
}

/** A plain PNG of the given size (one colour), big enough for the server to make a thumbnail of. */
export function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x5a)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}
