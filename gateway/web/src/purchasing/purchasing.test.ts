import { describe, expect, it } from 'vitest';
import { normalizePoStatus, outstanding, poActions } from './types';

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
