import { describe, expect, it } from 'vitest';
import { comparisonByProduct, measuredDays, temporaryPassword } from './suppliers';

const at = { validUntil: '2026-12-31', quotedAt: '2026-12-01T08:00:00Z' };
const quotes = [
  { supplierId: 'deli', supplierName: '得力', sku: 'HL-Y', unitCost: 1.1, minOrderQty: 10, leadTimeDays: 5, ...at },
  { supplierId: 'chenguang', supplierName: '晨光', sku: 'HL-Y', unitCost: 1.25, minOrderQty: 1, leadTimeDays: 3, ...at },
  { supplierId: 'chenguang', supplierName: '晨光', sku: 'BK-A5', unitCost: 2, minOrderQty: 1, leadTimeDays: 3, ...at },
];

describe('比价 side by side', () => {
  it('groups quotes by product, cheapest first and marked, with what each costs above it', () => {
    const groups = comparisonByProduct(quotes, { seeCost: true });
    expect(groups.map((g) => g.sku)).toEqual(['BK-A5', 'HL-Y']);
    const hl = groups[1].quotes;
    expect(hl.map((q) => [q.supplierId, q.cheapest, q.overCheapest])).toEqual([['deli', true, 0], ['chenguang', false, 0.15]]);
    expect(groups[0].quotes.map((q) => [q.supplierId, q.cheapest])).toEqual([['chenguang', true]]);
  });

  it('shows nothing to a role without the cost right, whatever the server sent', () => {
    expect(comparisonByProduct(quotes, { seeCost: false })).toEqual([]);
    expect(comparisonByProduct([], { seeCost: true })).toEqual([]);
  });
});

describe('a supplier contact’s temporary password', () => {
  it('is 12 characters without look-alikes, from the random source', () => {
    const password = temporaryPassword((b) => { b.set([0, 1, 2, 53, 54, 55, 100, 200, 255, 7, 8, 9]); });
    expect(password).toBe('abc9ab2SThjk');
    expect(temporaryPassword()).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{12}$/);
    expect(temporaryPassword()).not.toBe(temporaryPassword());
  });
});

describe('measured lead time', () => {
  it('is rounded to a tenth of a day, and absent before the first delivery', () => {
    expect(measuredDays({ measuredLeadTimeDays: 2.46 })).toBe(2.5);
    expect(measuredDays({})).toBeUndefined();
  });
});
