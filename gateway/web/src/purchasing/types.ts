import type { PurchasingSchema } from '../api/services';

export interface PurchaseListItem {
  itemId?: string;
  sku: string;
  name?: string;
  spec?: string;
  unit?: string;
  quantity: number;
  /** What was asked for when the server rounded it up to the supplier's packs or minimum order. */
  requestedQuantity?: number | null;
  packSize?: number;
  minOrderQty?: number;
  /** The supplier was picked for this line (not the default, the cheapest quote meeting the lead time). */
  supplierChosen?: boolean;
  neededBy?: string | null;
  suggestedQuantity?: number;
  supplierId?: string | null;
  supplierName?: string | null;
  unitCost?: number | null;
  note?: string | null;
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

export type PurchaseOrderView = PurchasingSchema<'PurchaseOrderView'>;

/** An order as the screens use it, read field by field from the server's view (a changed view breaks the build here). */
export function orderFrom(view: PurchaseOrderView): PurchaseOrder {
  return {
    id: view.id,
    supplierId: view.supplierId,
    supplierName: view.supplierName,
    branch: view.branch,
    status: view.status,
    placedAt: view.placedAt,
    placedBy: view.placedBy,
    expectedBy: view.expectedBy,
    orderedExpectedBy: view.orderedExpectedBy,
    totalCost: view.totalCost ?? undefined,
    lines: view.lines.map((l) => ({
      sku: l.sku, name: l.name, spec: l.spec, unit: l.unit, quantity: l.ordered, confirmedQuantity: l.confirmed,
      receivedQuantity: l.received, outstanding: l.outstanding, unitCost: l.unitCost ?? undefined, lineTotal: l.lineTotal ?? undefined,
    })),
    timeline: view.timeline.map((e) => ({ version: e.version, at: e.at, kind: e.kind, by: e.by ?? undefined, byName: e.byName ?? undefined, text: e.text })),
  };
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
