export interface PurchaseListItem {
  itemId?: string;
  sku: string;
  name?: string;
  spec?: string;
  unit?: string;
  quantity: number;
  /** What was asked for when the server rounded it up to the supplier's packs or minimum order. */
  requestedQuantity?: number;
  packSize?: number;
  minOrderQty?: number;
  /** The supplier was picked for this line (not the default, the cheapest quote meeting the lead time). */
  supplierChosen?: boolean;
  neededBy?: string;
  suggestedQuantity?: number;
  supplierId?: string | null;
  supplierName?: string | null;
  unitCost?: number;
  note?: string;
}

export interface PurchaseOrderLine {
  sku: string;
  name?: string;
  spec?: string;
  unit?: string;
  quantity: number;
  confirmedQuantity?: number | null;
  receivedQuantity?: number | null;
  outstanding?: number;
  unitCost?: number;
  lineTotal?: number;
}

export interface TimelineEntry {
  version?: number;
  at?: string;
  occurredAt?: string;
  status?: string;
  kind?: string;
  event?: string;
  title?: string;
  text?: string;
  by?: string;
  byName?: string;
  note?: string;
}

export interface PurchaseOrder {
  id: string;
  number?: string;
  supplierId?: string;
  supplierName?: string;
  branch?: string;
  branchId?: string;
  status: string;
  createdAt?: string;
  placedAt?: string;
  lines: PurchaseOrderLine[];
  timeline?: TimelineEntry[];
  history?: TimelineEntry[];
  totalCost?: number;
  /** The agreed delivery day (the confirmed one once the supplier confirmed). */
  expectedBy?: string;
  /** The day the order asked for when placed. */
  orderedExpectedBy?: string;
  placedBy?: string;
}

/** Order lines come as `ordered / confirmed / received`; older shapes as `quantity / confirmedQuantity / receivedQuantity`. */
export function normalizeOrder(raw: unknown): PurchaseOrder {
  const r = (raw ?? {}) as Record<string, unknown> & Partial<PurchaseOrder>;
  const rawLines: Array<Record<string, unknown>> = Array.isArray(r.lines) ? (r.lines as unknown as Array<Record<string, unknown>>) : [];
  const lines = rawLines.map((l) => {
    const line: PurchaseOrderLine = {
      ...(l as unknown as PurchaseOrderLine),
      quantity: Number(l.quantity ?? l.ordered ?? 0),
      confirmedQuantity: (l.confirmedQuantity ?? l.confirmed ?? null) as number | null,
      receivedQuantity: (l.receivedQuantity ?? l.received ?? null) as number | null,
    };
    delete (line as unknown as Record<string, unknown>).ordered;
    delete (line as unknown as Record<string, unknown>).confirmed;
    delete (line as unknown as Record<string, unknown>).received;
    return line;
  });
  return { ...(r as PurchaseOrder), id: String(r.id ?? ''), status: String(r.status ?? ''), lines, timeline: r.timeline ?? r.history ?? [] };
}

/** The server's status in our vocabulary, e.g. `PartiallyReceived` → `partiallyReceived`. */
export function normalizePoStatus(status: string | undefined): string {
  const s = (status ?? '').replace(/[-_\s]/g, '').toLowerCase();
  const known: Record<string, string> = {
    draft: 'draft', placed: 'placed', sent: 'sent', submitted: 'sent', open: 'placed', created: 'placed',
    confirmed: 'confirmed', partiallyreceived: 'partiallyReceived', partreceived: 'partiallyReceived',
    received: 'received', completed: 'received', closed: 'received', cancelled: 'cancelled', canceled: 'cancelled',
  };
  return known[s] ?? status ?? '';
}

/** What can happen next to an order in this status. */
export function poActions(status: string) {
  const s = normalizePoStatus(status);
  return {
    canConfirm: s === 'placed' || s === 'sent' || s === 'draft',
    canReceive: s === 'confirmed' || s === 'partiallyReceived' || s === 'placed' || s === 'sent',
    canCancel: s === 'draft' || s === 'placed' || s === 'sent' || s === 'confirmed',
  };
}

/** What is still to arrive on a line: confirmed (or ordered) less received, never negative. */
export function outstanding(line: PurchaseOrderLine): number {
  if (typeof line.outstanding === 'number') return Math.max(0, line.outstanding);
  const expected = line.confirmedQuantity ?? line.quantity;
  return Math.max(0, expected - (line.receivedQuantity ?? 0));
}
