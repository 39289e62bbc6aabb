import type { IdentitySchema } from '../api/services';
import type { User } from './session';

/**
 * The part of `GET /api/identity/me` that says what the user may do: permission names from the server's one table, and how
 * far they reach (every branch for hq, or the listed ones; a supplier guest reaches its own supplier only).
 */
export type Me = Pick<IdentitySchema<'GetMeResponse'>, 'permissions' | 'reach'>;

/**
 * What the signed-in user may see and do, derived from the permission names `/me` gives (the server's table is the only
 * copy of who may do what). The server enforces all of it; this only hides controls that would fail.
 */
export interface Permissions {
  /** costs.see across the chain (a supplier guest sees only its own prices, which the server already limits). */
  seeCost: boolean;
  isSupplier: boolean;
  viewStock: boolean;
  recordSale: boolean;
  recordReceipt: boolean;
  adjustStock: boolean;
  /** Send stock to another branch (stock.transfer). */
  transferStock: boolean;
  viewPurchasing: boolean;
  addToPurchaseList: boolean;
  /** Change a list line's quantity or supplier, remove it (purchase-list.edit). */
  editPurchaseList: boolean;
  createPurchaseOrders: boolean;
  confirmPurchaseOrder: boolean;
  receivePurchaseOrder: boolean;
  cancelPurchaseOrder: boolean;
  /** Register, change and discontinue products (catalogue.manage). */
  manageCatalogue: boolean;
  /** Open branches; add, change and disable staff, invite supplier contacts (directory.manage). */
  manageDirectory: boolean;
  /** Register suppliers (suppliers.manage). */
  manageSuppliers: boolean;
  /** Set a product's reorder policy at a branch, and preview it (stock.policy). */
  setPolicies: boolean;
  /** Set a category's reorder defaults (categories.policy). */
  setCategoryPolicies: boolean;
  /** Start a direct conversation or a group (channels.open). */
  openConversations: boolean;
  /** 盘点: see the branch's stocktakes and count the zones one is given (stocktake.count). */
  countStocktakes: boolean;
  /** 盘点: open, complete and cancel stocktakes, explain variances (stocktake.manage). */
  manageStocktakes: boolean;
  /** Any part of 管理. */
  admin: boolean;
  /** A branch's daily and weekly reports (reports.branch). */
  branchReports: boolean;
  /** The chain summary across branches (reports.chain). */
  chainReports: boolean;
}

/** Nothing allowed: until `/me` has answered, or when it could not be read. */
export const noPermissions: Me = { permissions: [], reach: { allBranches: false, branches: [], supplier: null } };

export function permissionsFrom(me: Me): Permissions {
  const has = (name: string) => me.permissions.includes(name);
  const isSupplier = !!me.reach.supplier;
  return {
    seeCost: has('costs.see') && !isSupplier,
    isSupplier,
    viewStock: has('stock.read'),
    recordSale: has('stock.record'),
    recordReceipt: has('stock.record'),
    adjustStock: has('stock.adjust'),
    transferStock: has('stock.transfer'),
    viewPurchasing: has('purchase-list'),
    addToPurchaseList: has('purchase-list'),
    editPurchaseList: has('purchase-list.edit'),
    createPurchaseOrders: has('orders.place'),
    confirmPurchaseOrder: has('orders.confirm'),
    receivePurchaseOrder: has('orders.receive'),
    cancelPurchaseOrder: has('orders.place'),
    manageCatalogue: has('catalogue.manage'),
    manageDirectory: has('directory.manage'),
    manageSuppliers: has('suppliers.manage'),
    setPolicies: has('stock.policy'),
    setCategoryPolicies: has('categories.policy'),
    openConversations: has('channels.open'),
    countStocktakes: has('stocktake.count'),
    manageStocktakes: has('stocktake.manage'),
    admin: !isSupplier && ['catalogue.manage', 'directory.manage', 'suppliers.manage', 'stock.policy', 'reports.branch', 'reports.chain'].some(has),
    branchReports: has('reports.branch'),
    chainReports: has('reports.chain'),
  };
}

/** Mentions that address this user: their id, username, display name, one of their roles, or everyone. */
export function mentionsUser(mentions: readonly string[] | undefined, user: User): boolean {
  if (!mentions?.length) return false;
  const me = new Set([user.id, user.username, user.name, ...user.roles, 'all', '所有人', 'everyone']
    .filter(Boolean).map((x) => String(x).toLowerCase().replace(/^@/, '')));
  return mentions.some((m) => me.has(String(m).toLowerCase().replace(/^@/, '')));
}

const COST_KEY = /cost|amount|margin|total$|^(price|unitPrice|purchasePrice)$/i;

/** Removes cost fields from a record for roles without the cost right, so nothing downstream can render them. */
export function withoutCosts<T extends object>(record: T, perms: Permissions): T {
  if (perms.seeCost) return record;
  const copy = { ...record } as Record<string, unknown>;
  for (const key of Object.keys(copy)) if (COST_KEY.test(key) && !/retail/i.test(key)) delete copy[key];
  return copy as T;
}
