import { describe, expect, it } from 'vitest';
import { REFRESH_BEFORE_EXPIRY_MS, REFRESH_RETRY_MS, SessionKeeper, type KeeperDeps } from './keeper';
import type { Session } from './session';

const MIN = 60 * 1000;
const T0 = Date.parse('2025-02-20T08:00:00Z');

function session(n: number, accessFor = 30 * MIN, at = T0): Session {
  return {
    accessToken: `access-${n}`, expiresAt: new Date(at + accessFor).toISOString(),
    refreshToken: `demo.refresh-${n}`, refreshExpiresAt: new Date(at + 14 * 24 * 60 * MIN).toISOString(),
    chain: 'demo', user: { id: 'u1', name: '小李', roles: ['clerk'], branches: ['main'] },
  };
}

/** A fake clock, timers, storage and Identity: refresh tokens work once, as on the server. */
function world(start?: Session) {
  let now = T0;
  let stored: Session | undefined = start;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  let online = true;
  let issued = 1;
  const spent = new Set<string>();
  const revoked = new Set<string>();
  const calls: string[] = [];
  let changes = 0;
  const deps: KeeperDeps = {
    now: () => now,
    setTimer: (fn, ms) => { const id = ++nextId; timers.push({ at: now + ms, fn, id }); return id; },
    clearTimer: (id) => { timers = timers.filter((t) => t.id !== id); },
    load: () => stored,
    save: (s) => { stored = s; },
    exclusive: (fn) => fn(),
    changed: () => { changes++; },
    fetch: async (_url, init) => {
      if (!online) throw new TypeError('Failed to fetch');
      const token = JSON.parse(String(init.body)).refreshToken as string;
      calls.push(token);
      if (revoked.has(token) || spent.has(token)) {
        revoked.add(token);
        return new Response(JSON.stringify({ status: 401, type: 'https://stationery.dev/problems/refresh-token-reused' }), { status: 401 });
      }
      spent.add(token);
      const next = session(++issued, 30 * MIN, now);
      return new Response(JSON.stringify({ ...next, user: next.user }), { status: 200 });
    },
  };
  return {
    deps,
    calls,
    revoked,
    get stored() { return stored; },
    set stored(s: Session | undefined) { stored = s; },
    get changes() { return changes; },
    set online(v: boolean) { online = v; },
    /** Moves the clock on, running the timers that come due (a sleeping phone runs none: see `sleep`). */
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = Math.max(now, due.at);
        due.fn();
        await flush();
      }
      now = until;
    },
    /** The phone sleeps: time passes and no timer runs. */
    sleep(ms: number) { now += ms; },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('keeping the session alive', () => {
  it('refreshes before the access token expires, with the refresh token, and keeps the next one', async () => {
    const w = world(session(1));
    const keeper = new SessionKeeper(w.deps);
    await w.advance(30 * MIN - REFRESH_BEFORE_EXPIRY_MS - 1000);
    expect(w.calls).toEqual([]);
    await w.advance(2000);
    expect(w.calls).toEqual(['demo.refresh-1']);
    expect(keeper.current()?.accessToken).toBe('access-2');
    expect(w.stored?.refreshToken).toBe('demo.refresh-2');
    await w.advance(28 * MIN);
    expect(w.calls).toEqual(['demo.refresh-1', 'demo.refresh-2']);
  });

  it('stays signed in across a phone sleeping overnight: on wake the expired token is replaced at once', async () => {
    const w = world(session(1));
    const keeper = new SessionKeeper(w.deps);
    w.sleep(9 * 60 * MIN);
    keeper.wake();
    await flush();
    expect(w.calls).toEqual(['demo.refresh-1']);
    expect(keeper.current()?.accessToken).toBe('access-2');
    expect(await keeper.freshToken()).toBe('access-2');
  });

  it('a reload after the night keeps the stored session and freshToken refreshes before the first call', async () => {
    const w = world(session(1));
    w.sleep(9 * 60 * MIN);
    const keeper = new SessionKeeper(w.deps);
    expect(await keeper.freshToken()).toBe('access-2');
  });

  it('uses a refresh token once even when several calls need a fresh token together', async () => {
    const w = world(session(1, 10 * 1000));
    const keeper = new SessionKeeper(w.deps);
    const tokens = await Promise.all([keeper.freshToken(), keeper.freshToken(), keeper.refresh().then(() => keeper.current()?.accessToken)]);
    expect(tokens).toEqual(['access-2', 'access-2', 'access-2']);
    expect(w.calls).toEqual(['demo.refresh-1']);
    expect(w.revoked.size).toBe(0);
  });

  it('takes the token another tab already refreshed instead of replaying the spent one', async () => {
    const w = world(session(1, 10 * 1000));
    const keeper = new SessionKeeper(w.deps);
    w.stored = session(7, 30 * MIN);
    expect(await keeper.freshToken()).toBe('access-7');
    expect(w.calls).toEqual([]);
  });

  it('keeps the session while offline and retries, then refreshes once the network is back', async () => {
    const w = world(session(1, 10 * 1000));
    const keeper = new SessionKeeper(w.deps);
    w.online = false;
    expect(await keeper.refresh()).toBe('offline');
    expect(keeper.current()?.refreshToken).toBe('demo.refresh-1');
    w.online = true;
    await w.advance(REFRESH_RETRY_MS);
    expect(keeper.current()?.accessToken).toBe('access-2');
  });

  it('signs out cleanly when Identity refuses the refresh token, clearing what was stored', async () => {
    const w = world(session(1, 10 * 1000));
    w.revoked.add('demo.refresh-1');
    const keeper = new SessionKeeper(w.deps);
    expect(await keeper.refresh()).toBe('refused');
    expect(keeper.current()).toBeUndefined();
    expect(w.stored).toBeUndefined();
    expect(keeper.lastSignOutExpired).toBe(true);
    expect(w.changes).toBeGreaterThan(0);
    expect(await keeper.freshToken()).toBeUndefined();
  });

  it('signs out without calling Identity when the refresh token itself has expired', async () => {
    const w = world(session(1));
    const keeper = new SessionKeeper(w.deps);
    w.sleep(15 * 24 * 60 * MIN);
    expect(await keeper.refresh()).toBe('refused');
    expect(w.calls).toEqual([]);
    expect(keeper.current()).toBeUndefined();
  });
});
