import { describe, expect, it } from 'vitest';
import { canAnnounceDelivery, deliveryNotice, receiptLines, timelineFileName, tomorrow } from './delivery';

const lines = [
  { sku: 'A', quantity: 20, confirmedQuantity: 20, receivedQuantity: 5 },
  { sku: 'B', quantity: 10 },
];

describe('announcing a delivery', () => {
  it('is offered only to the order\'s own supplier guest on an open order with something outstanding', () => {
    const po = { supplierId: 's1', status: 'Confirmed', lines };
    expect(canAnnounceDelivery({ isSupplier: true, supplierId: 's1' }, po)).toBe(true);
    expect(canAnnounceDelivery({ isSupplier: true, supplierId: 's2' }, po)).toBe(false);
    expect(canAnnounceDelivery({ isSupplier: false, supplierId: 's1' }, po)).toBe(false);
    expect(canAnnounceDelivery({ isSupplier: true, supplierId: null }, po)).toBe(false);
    expect(canAnnounceDelivery({ isSupplier: true, supplierId: 's1' }, { ...po, status: 'Cancelled' })).toBe(false);
    expect(canAnnounceDelivery({ isSupplier: true, supplierId: 's1' }, { ...po, status: 'Received' })).toBe(false);
    expect(canAnnounceDelivery({ isSupplier: true, supplierId: 's1' }, { ...po, lines: [{ sku: 'A', quantity: 1, receivedQuantity: 1 }] })).toBe(false);
  });

  it('leaves lines out when everything outstanding is coming, and sends only non-zero lines otherwise', () => {
    expect(deliveryNotice('2026-12-03', lines, {}, '  ')).toEqual({ expectedOn: '2026-12-03' });
    expect(deliveryNotice('2026-12-03', lines, { A: '15', B: '10' }, '')).toEqual({ expectedOn: '2026-12-03' });
    expect(deliveryNotice('2026-12-03', lines, { A: '15', B: '0' }, ' 顺丰 ')).toEqual({
      expectedOn: '2026-12-03', lines: [{ sku: 'A', quantity: 15 }], note: '顺丰',
    });
  });
});

describe('receiving', () => {
  it('sends damaged only when some arrived broken, and skips lines where nothing arrived', () => {
    expect(receiptLines(lines, { A: '15', B: '0' }, { A: '2' })).toEqual([{ sku: 'A', quantity: 15, damaged: 2 }]);
    expect(receiptLines(lines, { A: '15', B: '3' }, { A: '', B: '0' })).toEqual([{ sku: 'A', quantity: 15 }, { sku: 'B', quantity: 3 }]);
  });
});

describe('timeline export', () => {
  it('names the file after the order', () => {
    expect(timelineFileName('PO-2026-0001')).toBe('PO-2026-0001-timeline.csv');
    expect(timelineFileName('a/b c')).toBe('a_b_c-timeline.csv');
  });

  it('defaults the arrival to tomorrow', () => {
    expect(tomorrow(new Date(2026, 11, 31, 23, 0))).toBe('2027-01-01');
  });
});
