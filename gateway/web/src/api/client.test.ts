import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureApi, del, get, patch, post, put, upload } from './client';

function answer(status: number, body: unknown = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('a call whose token was refused', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('refreshes once and retries with the new token and the same Idempotency-Key', async () => {
    let token = 'old';
    const seen: { auth?: string; key?: string }[] = [];
    vi.stubGlobal('fetch', vi.fn(async (_path: string, init: RequestInit) => {
      const headers = init.headers as Record<string, string>;
      seen.push({ auth: headers.Authorization, key: headers['Idempotency-Key'] });
      return headers.Authorization === 'Bearer new' ? answer(201, { id: 's1' }) : answer(401);
    }));
    const onUnauthorized = vi.fn();
    configureApi({ token: async () => token, refresh: async () => { token = 'new'; return true; }, onUnauthorized });

    await expect(post('/api/inventory/branches/main/sales', { lines: [] }, { idempotencyKey: 'k1' })).resolves.toEqual({ id: 's1' });
    expect(seen).toEqual([{ auth: 'Bearer old', key: 'k1' }, { auth: 'Bearer new', key: 'k1' }]);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('signs out when the refresh is refused, without a second try', async () => {
    const fetch = vi.fn(async () => answer(401, { status: 401, title: 'Unauthorized' }));
    vi.stubGlobal('fetch', fetch);
    const onUnauthorized = vi.fn();
    configureApi({ token: async () => 'old', refresh: async () => false, onUnauthorized });

    await expect(get('/api/identity/me')).rejects.toMatchObject({ status: 401 });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('asks for a fresh token once when a branch is refused as outside the token (a branch opened since), then asks again', async () => {
    let token = 'before-the-branch';
    const seen: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (_path: string, init: RequestInit) => {
      const auth = (init.headers as Record<string, string>).Authorization;
      seen.push(auth);
      return auth === 'Bearer with-the-branch'
        ? answer(200, { sku: 'ZX-HL-Y' })
        : answer(403, { status: 403, type: 'https://stationery.dev/problems/branch-reach', detail: '需要权限 stock.read：你没有门店 main 的权限' });
    }));
    const refresh = vi.fn(async () => { token = 'with-the-branch'; return true; });
    configureApi({ token: async () => token, refresh, onUnauthorized: vi.fn() });

    await expect(get('/api/inventory/branches/main/stock/ZX-HL-Y')).resolves.toEqual({ sku: 'ZX-HL-Y' });
    expect(seen).toEqual(['Bearer before-the-branch', 'Bearer with-the-branch']);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('keeps any other refusal (403 forbidden) as it is: no refresh, no second call', async () => {
    const fetch = vi.fn(async () => answer(403, { status: 403, type: 'https://stationery.dev/problems/forbidden', detail: '需要权限 stock.adjust' }));
    vi.stubGlobal('fetch', fetch);
    const refresh = vi.fn(async () => true);
    configureApi({ token: async () => 'old', refresh, onUnauthorized: vi.fn() });

    await expect(post('/api/inventory/branches/main/adjustments', {})).rejects.toMatchObject({ status: 403 });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('shows a branch refusal that a fresh token does not lift', async () => {
    const fetch = vi.fn(async () => answer(403, { status: 403, type: 'https://stationery.dev/problems/branch-reach', detail: '你没有门店 east 的权限' }));
    vi.stubGlobal('fetch', fetch);
    configureApi({ token: async () => 'old', refresh: async () => true, onUnauthorized: vi.fn() });

    await expect(get('/api/inventory/branches/east/stock')).rejects.toMatchObject({ status: 403 });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('leaves anonymous calls (login) alone: a wrong password is not a sign-out', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(401, { status: 401 })));
    const refresh = vi.fn(async () => true);
    const onUnauthorized = vi.fn();
    configureApi({ token: async () => 'old', refresh, onUnauthorized });

    await expect(post('/api/identity/login', { chain: 'demo' }, { anonymous: true })).rejects.toMatchObject({ status: 401 });
    expect(refresh).not.toHaveBeenCalled();
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});

function recordFetch() {
  const calls: { method: string; headers: Record<string, string> }[] = [];
  vi.stubGlobal('fetch', async (_path: string, init: RequestInit) => {
    calls.push({ method: init.method ?? 'GET', headers: (init.headers ?? {}) as Record<string, string> });
    return new Response('{}', { status: 200 });
  });
  return calls;
}

describe('Idempotency-Key', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('goes with every command, a fresh one per call unless the caller keeps one for its retries', async () => {
    const calls = recordFetch();
    await post('/api/x', { a: 1 });
    await put('/api/x', { a: 1 });
    await patch('/api/x', { a: 1 });
    await del('/api/x');
    await upload('/api/attachments', new Blob(['x']), 'x.png');
    await post('/api/x', { a: 1 }, { idempotencyKey: 'till-3:POS-7781' });
    await get('/api/x');

    const keys = calls.map((c) => c.headers['Idempotency-Key']);
    expect(keys.slice(0, 5).every((k) => typeof k === 'string' && k.length >= 16)).toBe(true);
    expect(new Set(keys.slice(0, 5)).size).toBe(5);
    expect(keys[5]).toBe('till-3:POS-7781');
    expect(keys[6]).toBeUndefined();
  });
});
