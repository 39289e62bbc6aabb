import { afterEach, describe, expect, it, vi } from 'vitest';
import { del, get, patch, post, put, upload } from './client';

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
