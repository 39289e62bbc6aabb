import { useEffect, useState } from 'preact/hooks';
import { parseStoredSession, type Session } from './session';

const SESSION_KEY = 'stationery.session';
const BRANCH_KEY = 'stationery.branch';

let session: Session | undefined = parseStoredSession(read(SESSION_KEY), new Date());
const listeners = new Set<() => void>();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

function read(key: string): string | null {
  try { return localStorage.getItem(key); } catch { return null; }
}

function notify() {
  listeners.forEach((l) => l());
}

function scheduleExpiry() {
  clearTimeout(expiryTimer);
  if (!session) return;
  const ms = Date.parse(session.expiresAt) - Date.now();
  // setTimeout overflows past ~24.8 days; a token that long-lived is re-checked on the next load instead.
  if (ms < 2 ** 31 - 1) expiryTimer = setTimeout(() => signOut(true), Math.max(0, ms));
}
scheduleExpiry();

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
