import type { Permissions } from '../session/permissions';

export type ImportKind = 'products' | 'opening-stock' | 'staff' | 'supplier-quotes';

/** The kinds the caller's `/me` permissions allow, in the screen's order (the price list is cost data: cost roles only). */
export function importKinds(perms: Pick<Permissions, 'manageCatalogue' | 'adjustStock' | 'manageDirectory' | 'seeCost'>): ImportKind[] {
  return [
    ...(perms.manageCatalogue ? ['products' as const] : []),
    ...(perms.adjustStock ? ['opening-stock' as const] : []),
    ...(perms.manageDirectory ? ['staff' as const] : []),
    ...(perms.seeCost ? ['supplier-quotes' as const] : []),
  ];
}

/** The import routes of a kind (opening stock is per branch, a price list per supplier): dry run, apply, template and export. */
export function importPaths(kind: ImportKind, branch: string, supplier = '') {
  const b = encodeURIComponent(branch);
  const s = encodeURIComponent(supplier);
  switch (kind) {
    case 'products':
      return { preview: '/api/inventory/imports/products/preview', apply: '/api/inventory/imports/products',
        template: '/api/inventory/imports/products/template', export: '/api/inventory/exports/products' };
    case 'opening-stock':
      return { preview: `/api/inventory/branches/${b}/imports/opening-stock/preview`, apply: `/api/inventory/branches/${b}/imports/opening-stock`,
        template: `/api/inventory/branches/${b}/imports/opening-stock/template`, export: `/api/inventory/branches/${b}/exports/opening-stock` };
    case 'staff':
      return { preview: '/api/identity/imports/staff/preview', apply: '/api/identity/imports/staff',
        template: '/api/identity/imports/staff/template', export: '/api/identity/exports/staff' };
    case 'supplier-quotes':
      return { preview: `/api/purchasing/suppliers/${s}/imports/quotes/preview`, apply: `/api/purchasing/suppliers/${s}/imports/quotes`,
        template: `/api/purchasing/suppliers/${s}/imports/quotes/template`, export: `/api/purchasing/suppliers/${s}/exports/quotes` };
  }
}

/** A new account of a staff import and its temporary password: in the apply's answer only, shown once. */
export interface TemporaryPassword { row: number; userId: string; username: string; displayName: string; password: string }

/**
 * The new accounts' logins as text to copy or save (UTF-8 CSV with a byte-order mark so Excel reads the Chinese names):
 * the chain code, username, name and temporary password of each. Built in the page from the one answer; never fetched again.
 */
export function passwordList(chain: string, passwords: readonly TemporaryPassword[]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return ['\uFEFF连锁代码(chain),用户名(username),姓名(name),临时密码(password)',
    ...passwords.map((p) => [chain, p.username, p.displayName, p.password].map(cell).join(','))].join('\r\n');
}
