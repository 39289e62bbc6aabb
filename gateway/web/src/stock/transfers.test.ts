import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from '../router';
import { outstanding, type Transfer } from './TransfersScreen';

const line = (sku: string, quantity: number) => ({ sku, name: sku, spec: '', unit: '支', quantity });
const transfer = (received: Array<[string, number]>): Transfer => ({
  id: 'T-1', fromBranch: 'main', toBranch: 'east', lines: [line('A', 7), line('B', 2)], received: received.map(([s, q]) => line(s, q)),
  status: 'in-transit', dispatchedBy: 'owner', dispatchedAt: '2026-12-03T10:00:00Z', note: null, receivedBy: null, receivedAt: null,
});

describe('transfers', () => {
  it('keeps on the way what was sent and not yet received', () => {
    expect(outstanding(transfer([])).map((l) => [l.sku, l.quantity])).toEqual([['A', 7], ['B', 2]]);
    expect(outstanding(transfer([['A', 5], ['B', 2]])).map((l) => [l.sku, l.quantity])).toEqual([['A', 2]]);
    expect(outstanding(transfer([['A', 7], ['B', 2]]))).toEqual([]);
  });

  it('has its own page under stock, not taken for a sku', () => {
    expect(matchRoute(paths.transfers())).toEqual({ name: 'transfers' });
    expect(matchRoute(paths.stockItem('MG-HL'))).toEqual({ name: 'stockItem', sku: 'MG-HL' });
  });
});
