import { describe, expect, it } from 'vitest';
import { linesWithoutSupplier, quantityEdit, roundingNote, supplierOptions } from './ordering';

const suppliers = [
  { id: 'guangbo', name: '广博', categories: ['本册', '纸品'] },
  { id: 'deli', name: '得力', categories: ['办公用品', '笔类'] },
  { id: 'chenguang', name: '晨光', categories: ['笔类', '本册'] },
];

describe('editing the purchase list', () => {
  it('sends a changed quantity, nothing for the same one, and refuses what the server would', () => {
    const line = { sku: 'PEN', quantity: 36 };
    expect(quantityEdit(line, ' 40 ')).toEqual({ body: { quantity: 40 } });
    expect(quantityEdit(line, '36')).toEqual({});
    for (const bad of ['0', '-3', '2.5', '', 'abc', '1000001'])
      expect(quantityEdit(line, bad)).toEqual({ error: 'purchasing.quantityInvalid' });
  });

  it('says how the quantity asked for was rounded: by packs, or up to the minimum order', () => {
    expect(roundingNote({ sku: 'PEN', quantity: 36, requestedQuantity: 30, packSize: 12, minOrderQty: 0, unit: '支' }))
      .toEqual({ key: 'purchasing.roundedPack', params: { asked: 30, quantity: 36, pack: 12, min: 0, unit: '支' } });
    expect(roundingNote({ sku: 'PEN', quantity: 60, requestedQuantity: 30, packSize: 1, minOrderQty: 60 })?.key).toBe('purchasing.roundedMin');
    expect(roundingNote({ sku: 'PEN', quantity: 36, requestedQuantity: 36, packSize: 12 })).toBeUndefined();
    expect(roundingNote({ sku: 'PEN', quantity: 36 })).toBeUndefined();
  });

  it('offers the suppliers of the product\'s category first, every supplier once', () => {
    expect(supplierOptions(suppliers, '笔类').map((s) => s.id)).toEqual(['deli', 'chenguang', 'guangbo']);
    expect(supplierOptions(suppliers, undefined).map((s) => s.id)).toEqual(['guangbo', 'deli', 'chenguang']);
    expect(supplierOptions([], '笔类')).toEqual([]);
  });

  it('finds the lines that would stay on the list for want of a supplier', () => {
    const items = [{ sku: 'PEN', quantity: 1, supplierId: 'deli' }, { sku: 'BOOK', quantity: 1, supplierId: null }, { sku: 'RULER', quantity: 1 }];
    expect(linesWithoutSupplier(items).map((i) => i.sku)).toEqual(['BOOK', 'RULER']);
  });
});
