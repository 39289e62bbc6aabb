import { describe, expect, it } from 'vitest';
import { linesWithoutSupplier, orderRequests, suggestSupplier } from './ordering';

const suppliers = [
  { id: 'guangbo', name: '广博', categories: ['本册', '纸品'] },
  { id: 'deli', name: '得力', categories: ['办公用品', '笔类'] },
  { id: 'chenguang', name: '晨光', categories: ['笔类', '本册'] },
];
const category: Record<string, string> = { PEN: '笔类', PEN2: '笔类', BOOK: '本册', RULER: '办公用品' };

describe('sending the purchase list', () => {
  it('finds the lines that still need a supplier', () => {
    const items = [{ sku: 'PEN', quantity: 1, supplierId: 'deli' }, { sku: 'BOOK', quantity: 1, supplierId: null }, { sku: 'RULER', quantity: 1 }];
    expect(linesWithoutSupplier(items).map((i) => i.sku)).toEqual(['BOOK', 'RULER']);
  });

  it('suggests the supplier whose categories cover most of those lines, the earlier one on a tie', () => {
    const lines = [{ sku: 'PEN', quantity: 1 }, { sku: 'PEN2', quantity: 1 }, { sku: 'BOOK', quantity: 1 }];
    expect(suggestSupplier(lines, (s) => category[s], suppliers)).toBe('chenguang');
    expect(suggestSupplier([{ sku: 'PEN', quantity: 1 }], (s) => category[s], suppliers)).toBe('deli');
    expect(suggestSupplier([{ sku: 'BOOK', quantity: 1 }], (s) => category[s], suppliers)).toBe('guangbo');
  });

  it('falls back to the first supplier when no category matches, and to nothing without suppliers', () => {
    expect(suggestSupplier([{ sku: 'X', quantity: 1 }], () => undefined, suppliers)).toBe('guangbo');
    expect(suggestSupplier([{ sku: 'X', quantity: 1 }], () => undefined, [])).toBeUndefined();
  });

  it('orders the lines without a supplier from the named one first, then the rest from their own suppliers', () => {
    const items = [{ sku: 'PEN', quantity: 1, supplierId: 'deli' }, { sku: 'BOOK', quantity: 1 }];
    expect(orderRequests(items, 'chenguang')).toEqual([{ fromPurchaseList: true, supplierId: 'chenguang' }, { fromPurchaseList: true }]);
    // Everything without a supplier, or everything already with the named one: one request.
    expect(orderRequests([{ sku: 'BOOK', quantity: 1 }], 'chenguang')).toEqual([{ fromPurchaseList: true, supplierId: 'chenguang' }]);
    expect(orderRequests([{ sku: 'PEN', quantity: 1, supplierId: 'deli' }, { sku: 'BOOK', quantity: 1 }], 'deli'))
      .toEqual([{ fromPurchaseList: true, supplierId: 'deli' }]);
    expect(orderRequests([{ sku: 'PEN', quantity: 1, supplierId: 'deli' }], undefined)).toEqual([{ fromPurchaseList: true }]);
  });
});
