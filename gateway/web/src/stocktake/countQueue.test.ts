import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { CountQueue, type KeyValueStore, type QueuedCount, type SendCounts } from './countQueue';

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => { data.set(k, v); } };
}

/** A server that records each countId once and sums nothing twice, like Inventory's count route. */
function server() {
  const recorded = new Map<string, { sku: string; quantity: number }>();
  let online = true;
  let loseAnswers = false;
  const requests: number[] = [];
  const send: SendCounts = async (_zone, counts) => {
    if (!online) throw new ApiError(0);
    requests.push(counts.length);
    const bad = counts.find((c) => c.quantity < 0);
    if (bad) throw new ApiError(400, { type: 'https://stationery.dev/problems/validation', errors: { quantity: ['不能为负数 / must not be negative'] } });
    const answers = counts.map((c) => {
      const outcome = recorded.has(c.countId) ? 'duplicate' : 'recorded';
      recorded.set(c.countId, { sku: c.sku, quantity: c.quantity });
      return { countId: c.countId, sku: c.sku, outcome };
    });
    if (loseAnswers) throw new ApiError(0);
    return answers;
  };
  return {
    send, recorded, requests,
    goOffline: () => { online = false; }, goOnline: () => { online = true; },
    loseAnswers: (lose: boolean) => { loseAnswers = lose; },
    units: (sku: string) => [...recorded.values()].filter((r) => r.sku === sku).reduce((n, r) => n + r.quantity, 0),
  };
}

const count = (countId: string, sku: string, quantity: number, zoneId = 'z1'): QueuedCount =>
  ({ branch: 'main', stocktakeId: 'ST-1', zoneId, countId, sku, label: sku, quantity, at: '2026-12-03T10:00:00Z' });

describe('盘点 counts queued on the phone', () => {
  it('counts entered without signal wait as 待同步 and go in one batch when back online', async () => {
    const s = server();
    const queue = new CountQueue(memory(), s.send);
    s.goOffline();
    queue.add(count('c1', 'PEN-1', 12));
    expect((await queue.flush()).offline).toBe(true);
    queue.add(count('c2', 'PEN-2', 7));
    expect((await queue.flush()).offline).toBe(true);
    expect(queue.of('main', 'ST-1', 'z1').map((c) => c.countId)).toEqual(['c1', 'c2']);

    s.goOnline();
    const result = await queue.flush();
    expect(result).toEqual({ sent: ['c1', 'c2'], refused: [], offline: false });
    expect(s.requests).toEqual([2]);
    expect(queue.all()).toEqual([]);
    expect(s.units('PEN-1')).toBe(12);
  });

  it('a batch resent after its answer was lost is counted once', async () => {
    const s = server();
    const queue = new CountQueue(memory(), s.send);
    queue.add(count('c1', 'PEN-1', 12));
    s.loseAnswers(true);
    expect((await queue.flush()).offline).toBe(true);
    expect(queue.all().map((c) => c.countId)).toEqual(['c1']);

    s.loseAnswers(false);
    expect((await queue.flush()).sent).toEqual(['c1']);
    expect(s.requests).toEqual([1, 1]);
    expect(s.units('PEN-1')).toBe(12);
    expect(queue.all()).toEqual([]);
  });

  it('a recount of a product still waiting replaces the waiting count', async () => {
    const s = server();
    const queue = new CountQueue(memory(), s.send);
    s.goOffline();
    queue.add(count('c1', 'PEN-1', 12));
    queue.add(count('c2', 'PEN-1', 15));
    expect(queue.all().map((c) => [c.countId, c.quantity])).toEqual([['c2', 15]]);
    s.goOnline();
    await queue.flush();
    expect(s.units('PEN-1')).toBe(15);
  });

  it('a refused batch is sent one by one: the good counts are recorded and the bad one keeps its problem', async () => {
    const s = server();
    const queue = new CountQueue(memory(), s.send);
    s.goOffline();
    queue.add(count('c1', 'PEN-1', 3));
    queue.add(count('c2', 'PEN-2', -1));
    queue.add(count('c3', 'PEN-3', 4));
    s.goOnline();
    const result = await queue.flush();
    expect(result.sent).toEqual(['c1', 'c3']);
    expect(result.refused).toEqual(['c2']);
    const left = queue.all();
    expect(left.map((c) => c.countId)).toEqual(['c2']);
    expect(left[0].problem?.status).toBe(400);
    expect(left[0].problem?.errors?.quantity).toEqual(['不能为负数 / must not be negative']);

    // A count with a problem waits for the counter: a later flush does not send it again.
    await queue.flush();
    expect(s.requests).toEqual([3, 1, 1, 1]);
  });

  it('sends a batch per zone and survives a reload from storage', async () => {
    const s = server();
    const store = memory();
    s.goOffline();
    const first = new CountQueue(store, s.send);
    first.add(count('c1', 'PEN-1', 1, 'z1'));
    first.add(count('c2', 'NB-1', 2, 'z2'));
    await first.flush();

    s.goOnline();
    const reopened = new CountQueue(store, s.send);
    expect(reopened.all()).toHaveLength(2);
    await reopened.flush();
    expect(s.requests).toEqual([1, 1]);
    expect(reopened.all()).toEqual([]);
  });

  it('two flushes at once send each count once', async () => {
    const s = server();
    const queue = new CountQueue(memory(), s.send);
    queue.add(count('c1', 'PEN-1', 5));
    const [a, b] = await Promise.all([queue.flush(), queue.flush()]);
    expect(a).toBe(b);
    expect(s.requests).toEqual([1]);
  });

  it('unreadable storage is an empty queue', () => {
    const store = memory();
    store.setItem('stationery.stocktake.queue', '{not json');
    expect(new CountQueue(store, server().send).all()).toEqual([]);
  });
});
