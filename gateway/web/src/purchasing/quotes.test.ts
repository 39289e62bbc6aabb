import { describe, expect, it } from 'vitest';
import { compareQuotes } from './quotes';

const raw = [
  { supplierId: 's2', supplierName: '晨光', sku: 'MG-1', unitCost: 2.5, minOrderQty: 10, leadTimeDays: 3, validUntil: '2026-12-31' },
  { supplierId: 's1', supplierName: '得力', sku: 'MG-1', unitCost: 2.1, minOrderQty: 50, leadTimeDays: 5 },
  { supplierId: 's3', supplierName: '真彩', sku: 'MG-1', unitCost: 2.1, minOrderQty: 20, leadTimeDays: 2 },
  { supplierId: 's1', supplierName: '得力', sku: 'OTHER', unitCost: 1 },
];

describe('quote comparison', () => {
  it('lists one product, cheapest first (shorter lead time on a tie), with the difference to the cheapest', () => {
    const q = compareQuotes(raw, 'MG-1', { seeCost: true });
    expect(q.map((x) => x.supplierName)).toEqual(['真彩', '得力', '晨光']);
    expect(q.map((x) => x.cheapest)).toEqual([true, false, false]);
    expect(q.map((x) => x.overCheapest)).toEqual([0, 0, 0.4]);
    expect(q[2]).toMatchObject({ minOrderQty: 10, leadTimeDays: 3, validUntil: '2026-12-31' });
  });
  it('gives roles without the cost right nothing at all', () => {
    expect(compareQuotes(raw, 'MG-1', { seeCost: false })).toEqual([]);
  });
  it('tolerates an empty or odd answer', () => {
    expect(compareQuotes(undefined, 'MG-1', { seeCost: true })).toEqual([]);
    expect(compareQuotes([{ sku: 'MG-1', unitCost: 'x' }], 'MG-1', { seeCost: true })).toEqual([]);
  });
});
