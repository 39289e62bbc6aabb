import { normalizePoStatus, outstanding, type PurchaseOrderLine } from './types';

/** 通知发货 is for the order's own supplier guest, while the order is open and something is still to arrive. */
export function canAnnounceDelivery(
  who: { isSupplier: boolean; supplierId?: string | null },
  po: { supplierId?: string; status: string; lines: PurchaseOrderLine[] },
): boolean {
  const s = normalizePoStatus(po.status);
  const open = s !== 'received' && s !== 'cancelled' && s !== 'draft';
  return who.isSupplier && !!who.supplierId && who.supplierId === po.supplierId && open && po.lines.some((l) => outstanding(l) > 0);
}

/**
 * The body of `POST …/delivery-notices`: `lines` only when some quantity differs from what is outstanding (left out, the
 * server announces everything outstanding); lines with 0 are not sent; an empty note is left out.
 */
export function deliveryNotice(expectedOn: string, lines: PurchaseOrderLine[], quantities: Record<string, string>, note: string) {
  const chosen = lines.map((l) => ({ sku: l.sku, quantity: Number(quantities[l.sku] ?? outstanding(l)) || 0, outstanding: outstanding(l) }));
  const everything = chosen.every((l) => l.quantity === l.outstanding);
  return {
    expectedOn,
    ...(everything ? {} : { lines: chosen.filter((l) => l.quantity > 0).map(({ sku, quantity }) => ({ sku, quantity })) }),
    ...(note.trim() ? { note: note.trim() } : {}),
  };
}

/** Receipt lines: what arrived and how much of it is broken (破损, sent only when above 0); lines where nothing arrived are left out. */
export function receiptLines(lines: PurchaseOrderLine[], quantities: Record<string, string>, damaged: Record<string, string>) {
  return lines
    .map((l) => ({ sku: l.sku, quantity: Number(quantities[l.sku] || 0), damaged: Number(damaged[l.sku] || 0) }))
    .filter((l) => l.quantity > 0)
    .map(({ sku, quantity, damaged }) => (damaged > 0 ? { sku, quantity, damaged } : { sku, quantity }));
}

/** A file name for the timeline export: the server's `{id}-timeline.csv`, kept safe for a download attribute. */
export function timelineFileName(id: string): string {
  return `${id.replace(/[^\w.-]+/g, '_')}-timeline.csv`;
}

/** Tomorrow as `yyyy-MM-dd` in local time (the default expected arrival). */
export function tomorrow(now: Date = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
