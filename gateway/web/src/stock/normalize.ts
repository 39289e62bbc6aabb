import type { StockItem, StockRow } from './types';

/**
 * `GET …/stock/{sku}` answers `{ stock, policy, alertOpen, suggestedQuantity, ledger }`; screens want one flat item.
 * A flat answer (older or other servers) passes through unchanged.
 */
export function normalizeStockItem(raw: unknown): StockItem {
  const r = (raw ?? {}) as Record<string, unknown>;
  const stock = (r.stock && typeof r.stock === 'object' ? r.stock : {}) as Partial<StockRow>;
  const policy = (r.policy ?? {}) as StockItem['policy'];
  const merged = { ...stock, ...r } as StockItem & { stock?: unknown };
  delete merged.stock;
  return {
    ...merged,
    sku: String(merged.sku ?? ''),
    name: String(merged.name ?? merged.sku ?? ''),
    onHand: Number(merged.onHand ?? 0),
    reorderPoint: merged.reorderPoint ?? policy?.reorderPoint ?? undefined,
    maxLevel: merged.maxLevel ?? policy?.maxLevel ?? undefined,
    policy,
    ledger: merged.ledger ?? merged.history ?? merged.entries ?? [],
  };
}

export const SLOW_MOVER_DAYS = 60;

/**
 * 滞销: stock on the shelf that has not sold for `days` (never sold counts from when it arrived, which the row does not
 * carry, so a never-sold item with stock counts as slow). Used when the server cannot filter by `status=slow` itself.
 */
export function isSlowMover(row: StockRow, now: Date, days = SLOW_MOVER_DAYS): boolean {
  if (row.onHand <= 0) return false;
  if (!row.lastSoldAt) return true;
  const last = Date.parse(row.lastSoldAt);
  return Number.isFinite(last) && now.getTime() - last >= days * 86_400_000;
}
