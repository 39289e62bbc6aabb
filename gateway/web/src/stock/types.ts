import type { InventorySchema } from '../api/services';

/** A product in the chain's catalogue (`GET /api/inventory/products`). */
export type Product = InventorySchema<'Product'>;

/** A row of a branch's stock (`GET /api/inventory/branches/{branch}/stock`). */
export type StockRow = InventorySchema<'StockRow'>;

export type LedgerEntry = InventorySchema<'LedgerEntry'>;

/** One item's position, policies and ledger (`GET …/stock/{sku}`). */
export type StockHistory = InventorySchema<'StockHistory'>;

/** What the item screen works with: the branch's position and ledger, and the catalogue entry (pack size, retail price). */
export interface StockItem {
  history: StockHistory;
  product?: Product;
}
