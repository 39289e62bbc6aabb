import { useEffect, useState } from 'preact/hooks';
import { SessionKeeper, type RefreshOutcome } from './keeper';
import { parseStoredSession, type Session } from './session';

const SESSION_KEY = 'stationery.session';
const BRANCH_KEY = 'stationery.branch';

const listeners = new Set<() => void>();

function read(key: string): string | null {
  try { return localStorage.getItem(key); } catch { return null; }
}

const keeper = new SessionKeeper({
  fetch: (input, init) => fetch(input, init),
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  load: () => parseStoredSession(read(SESSION_KEY), new Date()),
  save: (s) => {
    try {
      if (s) localStorage.setItem(SESSION_KEY, JSON.stringify(s));
      else localStorage.removeItem(SESSION_KEY);
    } catch { /* keep in memory */ }
  },
  exclusive: (fn) => {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    return locks ? locks.request('stationery.refresh', fn) : fn();
  },
  changed: () => listeners.forEach((l) => l()),
});

if (typeof window !== 'undefined') {
  // A phone asleep overnight or a laptop back online: a token that expired meanwhile is replaced before anything is sent.
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') keeper.wake(); });
  window.addEventListener('online', () => keeper.wake());
  window.addEventListener('storage', (e) => { if (e.key === SESSION_KEY) keeper.adoptStored(); });
}

export function lastSignOutWasForced(): boolean {
  return keeper.lastSignOutExpired;
}

export function currentSession(): Session | undefined {
  return keeper.current();
}

/** An access token that is not about to expire (refreshed first if need be). */
export function freshToken(): Promise<string | undefined> {
  return keeper.freshToken();
}

export function refreshSession(): Promise<RefreshOutcome> {
  return keeper.refresh();
}

export function signIn(next: Session): void {
  keeper.signIn(next);
}

export function signOut(expired = false): void {
  keeper.signOut(expired);
}

export function useSession(): Session | undefined {
  const [, tick] = useState(0);
  useEffect(() => {
    const l = () => tick((n) => n + 1);
    listeners.add(l);
    return () => { listeners.delete(l); };
  }, []);
  return keeper.current();
}

export function storedBranch(): string | null {
  return read(BRANCH_KEY);
}

export function storeBranch(code: string): void {
  try { localStorage.setItem(BRANCH_KEY, code); } catch { /* keep in memory */ }
}
