import type { PurchasingSchema } from '../api/services';
import type { Permissions } from '../session/permissions';

/** One supplier's current quote for a product, as `GET /api/purchasing/quotes?sku=` answers it (cost roles only). */
export type QuoteView = PurchasingSchema<'QuoteView'>;

/** A quote in the comparison: marked when cheapest, with how much more it costs per unit than the cheapest (0 for that one). */
export type Quote = QuoteView & { cheapest: boolean; overCheapest: number };

/**
 * The comparison for one product: cheapest first (ties: shorter lead time), the cheapest marked. Returns nothing for
 * roles without the cost right, whatever the server sent, so no cost figure can reach their screen.
 */
export function compareQuotes(answer: readonly QuoteView[], sku: string, perms: Pick<Permissions, 'seeCost'>): Quote[] {
  if (!perms.seeCost) return [];
  const quotes = answer.filter((q) => q.sku === sku).sort((a, b) => a.unitCost - b.unitCost || a.leadTimeDays - b.leadTimeDays);
  const best = quotes[0]?.unitCost;
  return quotes.map((q, i) => ({ ...q, cheapest: i === 0, overCheapest: Math.round((q.unitCost - best) * 100) / 100 }));
}
