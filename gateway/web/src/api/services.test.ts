import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureApi } from './client';
import { inventory, ok, purchasing } from './services';

function answer(status: number, body: unknown = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('a typed call', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fills the route from its parameters and answers the typed body', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => { urls.push(url); return answer(200, [{ sku: 'A', onHand: 3 }]); }));
    configureApi({ token: async () => 't', refresh: async () => false, onUnauthorized: () => {} });

    const rows = await ok(inventory.GET('/api/inventory/branches/{branch}/stock', { params: { path: { branch: '总 店' }, query: { status: 'low', limit: 200 } } }));
    expect(rows[0].onHand).toBe(3);
    expect(urls[0]).toMatch(/\/api\/inventory\/branches\/%E6%80%BB%20%E5%BA%97\/stock\?status=low&limit=200$/);
  });

  it('sends a command with an Idempotency-Key and, after a refused token, again with the same key and body', async () => {
    let token = 'old';
    const seen: { auth: string | null; key: string | null; body: string }[] = [];
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init: RequestInit) => {
      const headers = new Headers(init.headers);
      seen.push({ auth: headers.get('Authorization'), key: headers.get('Idempotency-Key'), body: new TextDecoder().decode(init.body as ArrayBuffer) });
      return headers.get('Authorization') === 'Bearer new' ? answer(201, { itemId: 'i1' }) : answer(401);
    }));
    configureApi({ token: async () => token, refresh: async () => { token = 'new'; return true; }, onUnauthorized: () => {} });

    await ok(purchasing.POST('/api/purchasing/branches/{branch}/purchase-list', { params: { path: { branch: 'main' } }, body: { sku: 'A', quantity: 2, note: null, supplierId: null } as never }));
    expect(seen).toHaveLength(2);
    expect(seen.map((s) => s.auth)).toEqual(['Bearer old', 'Bearer new']);
    expect(seen[0].key).toBeTruthy();
    expect(seen[1].key).toBe(seen[0].key);
    expect(JSON.parse(seen[1].body)).toMatchObject({ sku: 'A', quantity: 2 });
  });

  it('turns a refusal into an ApiError with the problem details', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(404, { status: 404, title: 'Not found', detail: '没有这个分店 / no such branch' })));
    configureApi({ token: async () => 't', refresh: async () => false, onUnauthorized: () => {} });

    await expect(ok(inventory.GET('/api/inventory/branches/{branch}/alerts', { params: { path: { branch: 'x' } } })))
      .rejects.toMatchObject({ status: 404, problem: { detail: '没有这个分店 / no such branch' } });
  });
});
