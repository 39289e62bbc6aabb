import { describe, expect, it } from 'vitest';
import { compareQuotes, type QuoteView } from './quotes';

const quote = (supplierId: string, supplierName: string, sku: string, unitCost: number, minOrderQty: number, leadTimeDays: number): QuoteView => ({
  supplierId, supplierName, sku, unitCost, minOrderQty, leadTimeDays, validUntil: '2026-12-31', quotedAt: '2026-12-01T08:00:00Z',
});
const raw = [
  quote('s2', '晨光', 'MG-1', 2.5, 10, 3),
  quote('s1', '得力', 'MG-1', 2.1, 50, 5),
  quote('s3', '真彩', 'MG-1', 2.1, 20, 2),
  quote('s1', '得力', 'OTHER', 1, 1, 5),
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
  it('compares nothing when nothing is quoted', () => {
    expect(compareQuotes([], 'MG-1', { seeCost: true })).toEqual([]);
  });
});
