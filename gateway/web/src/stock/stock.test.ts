import { describe, expect, it } from 'vitest';
import { isEan13, looksLikeBarcode, normalizeBarcode } from './barcode';
import { isSlowMover, normalizeStockItem } from './normalize';
import { normalizeStatus } from './status';

describe('scanner input', () => {
  it('drops what scanners add around the digits', () => {
    expect(normalizeBarcode(' 6901234567892\r\n')).toBe('6901234567892');
    expect(normalizeBarcode('６９０１２３')).toBe('690123');
  });

  it('checks the EAN-13 check digit', () => {
    expect(isEan13('6901234567892')).toBe(true);
    expect(isEan13('6901234567893')).toBe(false);
    expect(isEan13('690123456789')).toBe(false);
  });

  it('accepts in-house codes but not free text', () => {
    expect(looksLikeBarcode('MG-HL-Y')).toBe(true);
    expect(looksLikeBarcode('荧光笔')).toBe(false);
  });
});

describe('stock status', () => {
  it('reads the server status in any casing', () => {
    expect(normalizeStatus('OutOfStock')).toBe('out');
    expect(normalizeStatus('LOW')).toBe('low');
    expect(normalizeStatus('slow')).toBe('slow');
    expect(normalizeStatus(undefined)).toBeUndefined();
  });
});

describe('a stock item from the server', () => {
  it('flattens the nested answer of GET …/stock/{sku}', () => {
    const item = normalizeStockItem({
      stock: { sku: 'MG-HL-Y', name: '晨光荧光笔', spec: '黄色', onHand: 3, onOrder: 0, reorderPoint: 10, status: 'low' },
      policy: { reorderPoint: 10, maxLevel: 30, leadTimeDays: 3 },
      alertOpen: true,
      suggestedQuantity: 20,
      ledger: [{ kind: 'received', quantity: 5, balance: 5 }],
    });
    expect(item).toMatchObject({ sku: 'MG-HL-Y', onHand: 3, maxLevel: 30, suggestedQuantity: 20, alertOpen: true });
    expect(item.policy?.leadTimeDays).toBe(3);
    expect(item.ledger).toHaveLength(1);
    expect('stock' in item).toBe(false);
  });

  it('passes a flat answer through', () => {
    expect(normalizeStockItem({ sku: 'A', name: '橡皮', onHand: 2, history: [{ kind: 'sold' }] })).toMatchObject({ sku: 'A', onHand: 2, ledger: [{ kind: 'sold' }] });
  });
});

describe('slow movers', () => {
  const now = new Date('2025-06-01T00:00:00Z');
  const row = (onHand: number, lastSoldAt: string | null) => ({ sku: 'A', name: 'A', onHand, lastSoldAt });

  it('is stock that has not sold for sixty days', () => {
    expect(isSlowMover(row(5, '2025-03-01T00:00:00Z'), now)).toBe(true);
    expect(isSlowMover(row(5, '2025-05-20T00:00:00Z'), now)).toBe(false);
  });

  it('counts stock that never sold, but not an empty shelf', () => {
    expect(isSlowMover(row(5, null), now)).toBe(true);
    expect(isSlowMover(row(0, null), now)).toBe(false);
  });
});
