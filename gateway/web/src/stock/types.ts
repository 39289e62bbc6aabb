/** A product in the chain's catalogue (`GET /api/inventory/products`). */
export interface Product {
  sku: string;
  name: string;
  spec?: string;
  brand?: string;
  category?: string;
  unit?: string;
  barcode?: string | null;
  retailPrice?: number;
  packSize?: number;
}

/** A row of a branch's stock (`GET /api/inventory/branches/{branch}/stock`). */
export interface StockRow {
  sku: string;
  name: string;
  spec?: string;
  category?: string;
  onHand: number;
  onOrder?: number;
  inTransit?: number;
  reorderPoint?: number;
  maxLevel?: number;
  status?: string;
  daysOfCover?: number | null;
  lastSoldAt?: string | null;
}

export interface LedgerEntry {
  version?: number;
  at?: string;
  occurredAt?: string;
  kind?: string;
  type?: string;
  delta?: number;
  quantity?: number;
  balance?: number;
  onHandAfter?: number;
  reference?: string;
  reason?: string;
  note?: string;
  by?: string;
  source?: string;
}

/** One item's position, policy and ledger (`GET …/stock/{sku}`). */
export interface StockItem extends StockRow {
  unit?: string;
  retailPrice?: number;
  packSize?: number;
  policy?: { reorderPoint?: number; maxLevel?: number; leadTimeDays?: number; slowMoverDays?: number };
  leadTimeDays?: number;
  slowMoverDays?: number;
  alertOpen?: boolean;
  suggestedQuantity?: number | null;
  ledger?: LedgerEntry[];
  history?: LedgerEntry[];
  entries?: LedgerEntry[];
}
