import type { MessageKey } from '../i18n';
import type { PurchaseListItem } from './types';

// Editing the purchase list line by line: quantity, supplier, what the server's rounding did. Pure; tested in ordering.test.ts.

export interface SupplierSummary {
  id: string;
  name: string;
  categories?: string[];
}

/** The largest quantity the server accepts on a list line. */
export const MAX_QUANTITY = 1_000_000;

/**
 * What saving a line's quantity field sends: nothing when it is the line's quantity already, an error (as a message key)
 * when it is not a whole number from 1 to 1,000,000.
 */
export function quantityEdit(item: Pick<PurchaseListItem, 'quantity'>, draft: string): { body?: { quantity: number }; error?: MessageKey } {
  const text = draft.trim();
  if (!/^\d+$/.test(text)) return { error: 'purchasing.quantityInvalid' };
  const quantity = Number(text);
  if (quantity <= 0 || quantity > MAX_QUANTITY) return { error: 'purchasing.quantityInvalid' };
  return quantity === item.quantity ? {} : { body: { quantity } };
}

/** What the server's rounding did to the quantity asked for, when it changed it: to say so next to the line. */
export function roundingNote(item: PurchaseListItem): { key: MessageKey; params: Record<string, string | number> } | undefined {
  const asked = item.requestedQuantity;
  if (asked == null || asked === item.quantity) return undefined;
  const params = { asked, quantity: item.quantity, pack: item.packSize ?? 1, min: item.minOrderQty ?? 0, unit: item.unit ?? '' };
  return { key: (item.minOrderQty ?? 0) > asked ? 'purchasing.roundedMin' : 'purchasing.roundedPack', params };
}

/**
 * The suppliers to offer for a line: those whose categories include the product's first (in their order), then the rest.
 */
export function supplierOptions(suppliers: readonly SupplierSummary[], category: string | undefined): SupplierSummary[] {
  const fits = (s: SupplierSummary) => !!category && (s.categories ?? []).includes(category);
  return [...suppliers.filter(fits), ...suppliers.filter((s) => !fits(s))];
}

/** Lines that would stay on the list when it is sent: no supplier chosen and no valid quote to default to. */
export function linesWithoutSupplier(items: readonly PurchaseListItem[]): PurchaseListItem[] {
  return items.filter((i) => !i.supplierId);
}
