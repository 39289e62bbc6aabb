import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'login' }
  | { name: 'chat'; channelId?: string }
  | { name: 'search'; q?: string }
  | { name: 'stock' }
  | { name: 'stockItem'; sku: string }
  | { name: 'transfers' }
  | { name: 'stocktakes' }
  | { name: 'stocktake'; id: string }
  | { name: 'stocktakeZone'; id: string; zoneId: string }
  | { name: 'purchasing' }
  | { name: 'purchaseOrder'; id: string }
  | { name: 'me' }
  | { name: 'signup' }
  | { name: 'admin' }
  | { name: 'adminBranches' }
  | { name: 'adminProducts' }
  | { name: 'adminStaff' }
  | { name: 'adminImport' }
  | { name: 'adminSuppliers' }
  | { name: 'adminSupplier'; id: string }
  | { name: 'adminPolicies' }
  | { name: 'reports' }
  | { name: 'notFound' };

/** The screen for a path. `/` is the chat, the home screen. */
export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeSegment);
  const [a, b, c, d] = parts;
  if (parts.length === 0) return { name: 'chat' };
  if (a === 'login' && parts.length === 1) return { name: 'login' };
  if (a === 'chat' && parts.length <= 2) return b ? { name: 'chat', channelId: b } : { name: 'chat' };
  if (a === 'search' && parts.length === 1) return { name: 'search' };
  if (a === 'stock' && parts.length === 1) return { name: 'stock' };
  if (a === 'stock' && parts.length === 2 && b === 'transfers') return { name: 'transfers' };
  if (a === 'stock' && parts.length === 2) return { name: 'stockItem', sku: b };
  if (a === 'stocktakes' && parts.length === 1) return { name: 'stocktakes' };
  if (a === 'stocktakes' && parts.length === 2) return { name: 'stocktake', id: b };
  if (a === 'stocktakes' && parts.length === 4 && c === 'zones') return { name: 'stocktakeZone', id: b, zoneId: d };
  if (a === 'purchasing' && parts.length === 1) return { name: 'purchasing' };
  if (a === 'purchasing' && b === 'orders' && c && parts.length === 3) return { name: 'purchaseOrder', id: c };
  if (a === 'me' && parts.length === 1) return { name: 'me' };
  if (a === 'signup' && parts.length === 1) return { name: 'signup' };
  if (a === 'admin' && parts.length === 1) return { name: 'admin' };
  if (a === 'admin' && parts.length === 2 && b === 'branches') return { name: 'adminBranches' };
  if (a === 'admin' && parts.length === 2 && b === 'products') return { name: 'adminProducts' };
  if (a === 'admin' && parts.length === 2 && b === 'staff') return { name: 'adminStaff' };
  if (a === 'admin' && parts.length === 2 && b === 'import') return { name: 'adminImport' };
  if (a === 'admin' && parts.length === 2 && b === 'suppliers') return { name: 'adminSuppliers' };
  if (a === 'admin' && parts.length === 3 && b === 'suppliers') return { name: 'adminSupplier', id: c };
  if (a === 'admin' && parts.length === 2 && b === 'policies') return { name: 'adminPolicies' };
  if (a === 'reports' && parts.length === 1) return { name: 'reports' };
  return { name: 'notFound' };
}

function decodeSegment(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

export const paths = {
  chat: (channelId?: string) => (channelId ? `/chat/${encodeURIComponent(channelId)}` : '/chat'),
  search: (q?: string) => (q ? `/search?q=${encodeURIComponent(q)}` : '/search'),
  stock: () => '/stock',
  stockItem: (sku: string) => `/stock/${encodeURIComponent(sku)}`,
  transfers: () => '/stock/transfers',
  stocktakes: () => '/stocktakes',
  stocktake: (id: string) => `/stocktakes/${encodeURIComponent(id)}`,
  stocktakeZone: (id: string, zoneId: string) => `/stocktakes/${encodeURIComponent(id)}/zones/${encodeURIComponent(zoneId)}`,
  purchasing: () => '/purchasing',
  purchaseOrder: (id: string) => `/purchasing/orders/${encodeURIComponent(id)}`,
  me: () => '/me',
  signup: () => '/signup',
  admin: () => '/admin',
  adminBranches: () => '/admin/branches',
  adminProducts: () => '/admin/products',
  adminStaff: () => '/admin/staff',
  adminImport: () => '/admin/import',
  adminSuppliers: () => '/admin/suppliers',
  adminSupplier: (id: string) => `/admin/suppliers/${encodeURIComponent(id)}`,
  adminPolicies: () => '/admin/policies',
  reports: () => '/reports',
  login: () => '/login',
};

const listeners = new Set<() => void>();

export function navigate(path: string, replace = false): void {
  if (path === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listeners.forEach((l) => l());
}

if (typeof window !== 'undefined') window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export function usePath(): string {
  const [path, setPath] = useState(() => location.pathname);
  useEffect(() => {
    const l = () => setPath(location.pathname);
    listeners.add(l);
    return () => { listeners.delete(l); };
  }, []);
  return path;
}

/** Same-origin left clicks on links navigate inside the app; modified clicks keep the browser's behaviour. */
export function onLinkClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a || a.target || a.hasAttribute('download')) return;
  const href = a.getAttribute('href');
  if (!href || !href.startsWith('/') || href.startsWith('//') || /^\/(api|openapi|hubs)\//.test(href)) return;
  e.preventDefault();
  navigate(href);
}
