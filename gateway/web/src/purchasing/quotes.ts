import type { Permissions } from '../session/permissions';

/** One supplier's current quote for a product (`GET /api/purchasing/quotes?sku=`, owner and hq only). */
export interface Quote {
  supplierId: string;
  supplierName: string;
  sku: string;
  unitCost: number;
  minOrderQty: number;
  validUntil?: string;
  leadTimeDays?: number;
  quotedAt?: string;
  cheapest: boolean;
  /** How much more than the cheapest quote per unit (0 for the cheapest). */
  overCheapest: number;
}

/**
 * The comparison for one product: cheapest first (ties: shorter lead time), the cheapest marked. Returns nothing for
 * roles without the cost right, whatever the server sent, so no cost figure can reach their screen.
 */
export function compareQuotes(raw: unknown, sku: string, perms: Pick<Permissions, 'seeCost'>): Quote[] {
  if (!perms.seeCost || !Array.isArray(raw)) return [];
  const quotes = (raw as Array<Record<string, unknown>>)
    .filter((q) => q && String(q.sku ?? sku) === sku && Number.isFinite(Number(q.unitCost)))
    .map((q) => ({
      supplierId: String(q.supplierId ?? ''),
      supplierName: String(q.supplierName ?? q.supplierId ?? ''),
      sku: String(q.sku ?? sku),
      unitCost: Number(q.unitCost),
      minOrderQty: Number(q.minOrderQty ?? 1) || 1,
      validUntil: q.validUntil as string | undefined,
      leadTimeDays: q.leadTimeDays == null ? undefined : Number(q.leadTimeDays),
      quotedAt: q.quotedAt as string | undefined,
    }))
    .sort((a, b) => a.unitCost - b.unitCost || (a.leadTimeDays ?? 99) - (b.leadTimeDays ?? 99));
  const best = quotes[0]?.unitCost;
  return quotes.map((q, i) => ({ ...q, cheapest: i === 0, overCheapest: Math.round((q.unitCost - best) * 100) / 100 }));
}
