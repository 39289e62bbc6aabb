import type { MessageKey } from '../i18n/translate';

export type StockStatus = 'low' | 'out' | 'slow' | 'ok';
export const STOCK_STATUSES: readonly StockStatus[] = ['low', 'out', 'slow', 'ok'];

/** The server's status in whatever casing or spelling (`OutOfStock`, `LOW`) as one of ours. */
export function normalizeStatus(value: unknown): StockStatus | undefined {
  const s = String(value ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (s === 'low' || s === 'lowstock' || s === 'belowreorderpoint') return 'low';
  if (s === 'out' || s === 'outofstock' || s === 'soldout') return 'out';
  if (s === 'slow' || s === 'slowmover' || s === 'slowmoving') return 'slow';
  if (s === 'ok' || s === 'normal' || s === 'healthy') return 'ok';
  return undefined;
}

export const statusLabel = (s: StockStatus): MessageKey => `stock.status.${s}` as MessageKey;
