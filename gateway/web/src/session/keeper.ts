import { sessionFromLogin, type LoginResponse, type Session } from './session';

/** Access tokens last 30 minutes: a fresh one is fetched this long before the current one expires. */
export const REFRESH_BEFORE_EXPIRY_MS = 2 * 60 * 1000;
/** A refresh that failed for want of a network is tried again after this long (while the refresh token lives). */
export const REFRESH_RETRY_MS = 30 * 1000;
/** setTimeout overflows past ~24.8 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type RefreshOutcome = 'refreshed' | 'refused' | 'offline';

export interface KeeperDeps {
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  /** The session as stored (shared by every tab of the browser), and storing it (undefined: remove). */
  load: () => Session | undefined;
  save: (session: Session | undefined) => void;
  /** Runs `fn` while holding a lock every tab of the browser shares (Web Locks), or just runs it. */
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
  changed: () => void;
}

/**
 * Keeps the user signed in: refreshes the access token before it expires, when the device wakes or comes back online,
 * and when a call answers 401 — one refresh at a time across every tab (a refresh token works once; a second use
 * revokes the whole login). Signs out, cleanly, only when Identity refuses the refresh token (disabled account,
 * password changed, replay) or it has expired; a failing network keeps the session and retries.
 */
export class SessionKeeper {
  private session: Session | undefined;
  private timer: unknown;
  private inFlight: Promise<RefreshOutcome> | undefined;
  /** True when the last sign-out was forced (refused or expired), so the login screen can say why. */
  lastSignOutExpired = false;

  constructor(private deps: KeeperDeps) {
    this.session = deps.load();
    this.schedule();
  }

  current(): Session | undefined {
    return this.session;
  }

  signIn(next: Session): void {
    this.session = next;
    this.lastSignOutExpired = false;
    this.deps.save(next);
    this.schedule();
    this.deps.changed();
  }

  signOut(expired = false): void {
    this.deps.clearTimer(this.timer);
    if (!this.session) return;
    this.session = undefined;
    this.lastSignOutExpired = expired;
    this.deps.save(undefined);
    this.deps.changed();
  }

  /** Another tab stored a session (or removed it): take it as ours. */
  adoptStored(): void {
    const stored = this.deps.load();
    if (stored?.refreshToken === this.session?.refreshToken) return;
    if (stored) this.signIn(stored);
    else this.signOut(false);
  }

  /** An access token good for a while yet, refreshing first if it is about to expire; undefined when signed out. */
  async freshToken(): Promise<string | undefined> {
    if (this.session && this.expiresSoon(this.session)) await this.refresh();
    return this.session?.accessToken;
  }

  /** The device woke up or came back online: a token that expired meanwhile is replaced at once. */
  wake(): void {
    if (this.session && this.expiresSoon(this.session)) void this.refresh();
    else this.schedule();
  }

  /** One refresh at a time: callers arriving meanwhile share its outcome. */
  refresh(): Promise<RefreshOutcome> {
    this.inFlight ??= this.deps.exclusive(() => this.refreshOnce()).finally(() => { this.inFlight = undefined; });
    return this.inFlight;
  }

  private async refreshOnce(): Promise<RefreshOutcome> {
    const held = this.session;
    if (!held) return 'refused';
    // Another tab may have refreshed while we waited for the lock: its token is ours too, and ours is spent.
    const stored = this.deps.load();
    if (stored && stored.refreshToken !== held.refreshToken && !this.expiresSoon(stored)) {
      this.signIn(stored);
      return 'refreshed';
    }
    const current = stored?.refreshToken === held.refreshToken || !stored ? held : stored;
    if (Date.parse(current.refreshExpiresAt) <= this.deps.now()) {
      this.signOut(true);
      return 'refused';
    }
    let response: Response;
    try {
      response = await this.deps.fetch('/api/identity/token/refresh', {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: current.refreshToken }),
      });
    } catch {
      this.retryLater();
      return 'offline';
    }
    if (this.session !== held) return this.session ? 'refreshed' : 'refused';
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      this.signOut(true);
      return 'refused';
    }
    if (!response.ok) {
      this.retryLater();
      return 'offline';
    }
    this.signIn(sessionFromLogin((await response.json()) as LoginResponse, current.chain));
    return 'refreshed';
  }

  private expiresSoon(s: Session): boolean {
    return Date.parse(s.expiresAt) - REFRESH_BEFORE_EXPIRY_MS <= this.deps.now();
  }

  private retryLater() {
    this.deps.clearTimer(this.timer);
    if (this.session) this.timer = this.deps.setTimer(() => void this.refresh(), REFRESH_RETRY_MS);
  }

  private schedule() {
    this.deps.clearTimer(this.timer);
    if (!this.session) return;
    const ms = Date.parse(this.session.expiresAt) - REFRESH_BEFORE_EXPIRY_MS - this.deps.now();
    if (ms < MAX_TIMER_MS) this.timer = this.deps.setTimer(() => void this.refresh(), Math.max(0, ms));
  }
}
