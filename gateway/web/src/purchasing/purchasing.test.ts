import { describe, expect, it } from 'vitest';
import { normalizePoStatus, orderFrom, outstanding, poActions } from './types';

describe('purchase orders', () => {
  it('reads the server status in any casing', () => {
    expect(normalizePoStatus('PartiallyReceived')).toBe('partiallyReceived');
    expect(normalizePoStatus('partially-received')).toBe('partiallyReceived');
    expect(normalizePoStatus('Canceled')).toBe('cancelled');
  });

  it('offers confirm only before the supplier confirmed, and nothing once received', () => {
    expect(poActions('Placed')).toEqual({ canConfirm: true, canReceive: true, canCancel: true });
    expect(poActions('Confirmed').canConfirm).toBe(false);
    expect(poActions('Received')).toEqual({ canConfirm: false, canReceive: false, canCancel: false });
  });

  it('expects what the supplier confirmed, less what arrived', () => {
    expect(outstanding({ sku: 'A', quantity: 100, confirmedQuantity: 50, receivedQuantity: 20 })).toBe(30);
    expect(outstanding({ sku: 'A', quantity: 10 })).toBe(10);
    expect(outstanding({ sku: 'A', quantity: 10, receivedQuantity: 12 })).toBe(0);
  });
});

describe('an order from the server', () => {
  it('reads ordered / confirmed / received lines', () => {
    const po = orderFrom({
      id: 'po-1', branch: 'main', supplierId: 's1', supplierName: '晨光', status: 'confirmed', expectedBy: '2026-12-05',
      placedBy: 'u1', placedAt: '2026-12-01T08:00:00Z', receipts: 0, totalCost: null,
      timeline: [{ version: 1, at: '2026-12-01T08:00:00Z', kind: 'placed', by: null, byName: null, text: '下单' }],
      lines: [{ sku: 'A', name: '荧光笔', spec: '黄色', unit: '支', ordered: 100, confirmed: 50, received: 0, outstanding: 50, damaged: 0, unitCost: null, lineTotal: null }],
    });
    expect(po.lines[0]).toMatchObject({ sku: 'A', quantity: 100, confirmedQuantity: 50, receivedQuantity: 0 });
    expect(outstanding(po.lines[0])).toBe(50);
    expect(po.timeline).toHaveLength(1);
    expect(po.totalCost).toBeUndefined();
  });
});
