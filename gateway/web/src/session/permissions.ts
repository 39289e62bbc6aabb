import type { User } from './session';

/**
 * What the signed-in user may see and do. The server enforces all of it; this only hides controls that would fail.
 * Cost figures (purchase prices, quotes) belong to owner and hq alone.
 */
export interface Permissions {
  seeCost: boolean;
  isSupplier: boolean;
  viewStock: boolean;
  recordSale: boolean;
  recordReceipt: boolean;
  adjustStock: boolean;
  viewPurchasing: boolean;
  addToPurchaseList: boolean;
  /** Change a list line's quantity or supplier, remove it (purchase-list.edit: who may add to the list and place orders). */
  editPurchaseList: boolean;
  createPurchaseOrders: boolean;
  confirmPurchaseOrder: boolean;
  receivePurchaseOrder: boolean;
  cancelPurchaseOrder: boolean;
}

export function permissionsFor(roles: readonly string[]): Permissions {
  const has = (...r: string[]) => r.some((x) => roles.includes(x));
  const staff = has('owner', 'manager', 'clerk', 'hq');
  return {
    seeCost: has('owner', 'hq'),
    isSupplier: has('supplier') && !staff,
    viewStock: staff,
    recordSale: has('owner', 'manager', 'clerk', 'hq'),
    recordReceipt: has('owner', 'manager', 'clerk', 'hq'),
    adjustStock: has('owner', 'manager'),
    viewPurchasing: staff,
    addToPurchaseList: has('owner', 'manager', 'clerk', 'hq'),
    editPurchaseList: has('owner', 'manager', 'hq'),
    createPurchaseOrders: has('owner', 'manager', 'hq'),
    // The order's supplier confirms; the owner may confirm for a supplier who answered by phone.
    confirmPurchaseOrder: has('supplier', 'owner'),
    receivePurchaseOrder: has('owner', 'manager', 'clerk'),
    cancelPurchaseOrder: has('owner', 'manager', 'hq'),
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
