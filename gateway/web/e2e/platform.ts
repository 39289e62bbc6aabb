import { mkdirSync } from 'node:fs';
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
  return browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
}

export interface LoggedIn {
  accessToken: string;
  expiresAt: string;
  chain: string;
  user: { id: string; name: string; username?: string; roles: string[]; branches: string[]; supplierId?: string | null };
}

const sessions = new Map<string, LoggedIn>();

/** Logs in through the API once per user per test file (the gateway allows 10 logins a minute per address). */
export async function apiLogin(username: string): Promise<LoggedIn> {
  const cached = sessions.get(username);
  if (cached) return cached;
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

/** A context already signed in as `username` (the session the app keeps in localStorage). */
export async function signedIn(browser: Browser, username: string): Promise<BrowserContext> {
  const session = await apiLogin(username);
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
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth);
}
