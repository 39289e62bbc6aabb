import { useEffect, useState } from 'preact/hooks';
import { parseStoredSession, sessionFromLogin, type LoginResponse, type Session } from './session';

const SESSION_KEY = 'stationery.session';
const BRANCH_KEY = 'stationery.branch';

let session: Session | undefined = parseStoredSession(read(SESSION_KEY), new Date());
const listeners = new Set<() => void>();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

/** Access tokens are short-lived (30 min): a fresh one is fetched this long before the current one expires. */
const REFRESH_BEFORE_EXPIRY_MS = 2 * 60 * 1000;
const REFRESH_RETRY_MS = 30 * 1000;

function read(key: string): string | null {
  try { return localStorage.getItem(key); } catch { return null; }
}

function notify() {
  listeners.forEach((l) => l());
}

function scheduleExpiry() {
  clearTimeout(expiryTimer);
  clearTimeout(refreshTimer);
  if (!session) return;
  const ms = Date.parse(session.expiresAt) - Date.now();
  // setTimeout overflows past ~24.8 days; a token that long-lived is re-checked on the next load instead.
  if (ms < 2 ** 31 - 1) {
    expiryTimer = setTimeout(() => signOut(true), Math.max(0, ms));
    refreshTimer = setTimeout(() => void refresh(), Math.max(0, ms - REFRESH_BEFORE_EXPIRY_MS));
  }
}
scheduleExpiry();

/**
 * Exchanges the current token for a fresh one built from the account as stored now (new roles apply). A disabled
 * account is refused (401): it is signed out. A network failure is retried while the token is still valid.
 */
async function refresh(): Promise<void> {
  const current = session;
  if (!current) return;
  try {
    const response = await fetch('/api/identity/token/refresh', {
      method: 'POST',
      headers: { Accept: 'application/json', Authorization: `Bearer ${current.accessToken}` },
    });
    if (session !== current) return;
    if (response.status === 401 || response.status === 403) {
      signOut(true);
      return;
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    signIn(sessionFromLogin((await response.json()) as LoginResponse, current.chain));
  } catch {
    if (session === current) refreshTimer = setTimeout(() => void refresh(), REFRESH_RETRY_MS);
  }
}

export let lastSignOutExpired = false;

export function currentSession(): Session | undefined {
  return session;
}

export function signIn(next: Session): void {
  session = next;
  lastSignOutExpired = false;
  try { localStorage.setItem(SESSION_KEY, JSON.stringify(next)); } catch { /* keep in memory */ }
  scheduleExpiry();
  notify();
}

export function signOut(expired = false): void {
  if (!session) return;
  session = undefined;
  lastSignOutExpired = expired;
  try { localStorage.removeItem(SESSION_KEY); } catch { /* nothing stored */ }
  clearTimeout(expiryTimer);
  clearTimeout(refreshTimer);
  notify();
}

export function useSession(): Session | undefined {
  const [, tick] = useState(0);
  useEffect(() => {
    const l = () => tick((n) => n + 1);
    listeners.add(l);
    return () => { listeners.delete(l); };
  }, []);
  return session;
}

export function storedBranch(): string | null {
  return read(BRANCH_KEY);
}

export function storeBranch(code: string): void {
  try { localStorage.setItem(BRANCH_KEY, code); } catch { /* keep in memory */ }
}
