import type { PurchaseListItem } from './types';

// Sending the purchase list: which supplier gets the lines that have none yet. Pure; tested in ordering.test.ts.

export interface SupplierSummary {
  id: string;
  name: string;
  categories?: string[];
}

/** Lines with no supplier of their own (none chosen, no valid quote): these go to the supplier the owner names. */
export function linesWithoutSupplier(items: readonly PurchaseListItem[]): PurchaseListItem[] {
  return items.filter((i) => !i.supplierId);
}

/**
 * The supplier to offer for the lines without one: the one whose categories cover most of those products (ties go to
 * the earlier supplier in the list), or the first supplier when no category matches.
 */
export function suggestSupplier(lines: readonly PurchaseListItem[], categoryOf: (sku: string) => string | undefined,
  suppliers: readonly SupplierSummary[]): string | undefined {
  let best: SupplierSummary | undefined;
  let bestCount = 0;
  for (const s of suppliers) {
    const covered = lines.filter((l) => {
      const c = categoryOf(l.sku);
      return !!c && (s.categories ?? []).includes(c);
    }).length;
    if (covered > bestCount) { best = s; bestCount = covered; }
  }
  return (best ?? suppliers[0])?.id;
}

/**
 * The requests that send the list: first the lines without a supplier together with the named supplier's own lines
 * (`{ fromPurchaseList, supplierId }`), then whatever is left for the suppliers already chosen or quoting.
 */
export function orderRequests(items: readonly PurchaseListItem[], namedSupplier: string | undefined): Array<Record<string, unknown>> {
  const unassigned = linesWithoutSupplier(items);
  const requests: Array<Record<string, unknown>> = [];
  if (unassigned.length > 0 && namedSupplier) requests.push({ fromPurchaseList: true, supplierId: namedSupplier });
  const rest = items.filter((i) => i.supplierId && i.supplierId !== (unassigned.length > 0 ? namedSupplier : undefined));
  if (rest.length > 0 || requests.length === 0) requests.push({ fromPurchaseList: true });
  return requests;
}
