import { describe, expect, it } from 'vitest';
import { adminSections } from '../admin/AdminScreen';
import { mentionsUser, noPermissions, permissionsFrom, withoutCosts } from './permissions';
import { parseStoredSession, sessionFromLogin } from './session';

const now = new Date('2025-02-20T08:00:00Z');
const login = {
  accessToken: 'jwt', expiresAt: '2025-02-20T08:30:00Z', refreshToken: 'demo.r1', refreshExpiresAt: '2025-02-20T20:00:00Z',
  user: { id: 'u1', name: '张店长', username: 'owner', roles: ['Owner'], branches: ['main'] },
};

describe('the stored session', () => {
  it('survives a reload, even with an expired access token, until its refresh token expires', () => {
    const raw = JSON.stringify(sessionFromLogin(login, 'demo'));
    expect(parseStoredSession(raw, now)?.user.roles).toEqual(['owner']);
    expect(parseStoredSession(raw, new Date('2025-02-20T12:00:00Z'))?.refreshToken).toBe('demo.r1');
    expect(parseStoredSession(raw, new Date('2025-02-21T00:00:00Z'))).toBeUndefined();
  });

  it('ignores junk in storage', () => {
    expect(parseStoredSession('{not json', now)).toBeUndefined();
    expect(parseStoredSession('{"accessToken":"x"}', now)).toBeUndefined();
    // A session stored before refresh tokens existed cannot be kept alive: log in again.
    expect(parseStoredSession(JSON.stringify({ ...sessionFromLogin(login, 'demo'), refreshToken: undefined }), now)).toBeUndefined();
    expect(parseStoredSession(null, now)).toBeUndefined();
  });
});

// What /me answers for the demo roles (the server's permission table; the web app keeps no copy of it).
const me = (permissions: string[], supplier: string | null = null) =>
  permissionsFrom({ permissions, reach: { allBranches: false, branches: supplier ? [] : ['main'], supplier } });
const owner = me(['stock.read', 'stock.record', 'stock.adjust', 'costs.see', 'purchase-list', 'purchase-list.edit', 'orders.place', 'orders.confirm', 'orders.receive']);
const clerk = me(['stock.read', 'stock.record', 'purchase-list', 'orders.receive']);
const supplier = me(['costs.see', 'orders.read', 'orders.confirm', 'orders.announce'], 's1');

describe('what the user may see and do, from the permission names /me gives', () => {
  it('shows costs to holders of costs.see across the chain, not to a supplier guest (its own prices come from the server)', () => {
    expect(owner.seeCost).toBe(true);
    expect(clerk.seeCost).toBe(false);
    expect(supplier.seeCost).toBe(false);
  });

  it('lets a supplier confirm orders but not see stock or purchasing', () => {
    expect(supplier).toMatchObject({ isSupplier: true, confirmPurchaseOrder: true, viewStock: false, viewPurchasing: false, createPurchaseOrders: false });
  });

  it('lets a clerk record sales and receipts but not adjust or order', () => {
    expect(clerk).toMatchObject({ recordSale: true, recordReceipt: true, adjustStock: false, createPurchaseOrders: false, isSupplier: false });
  });

  it('opens 管理 to whom may manage the catalogue or the directory, each part by its own permission', () => {
    const founder = me(['catalogue.manage', 'directory.manage', 'directory.read']);
    const manager = me(['catalogue.manage', 'stock.read']);
    expect(founder).toMatchObject({ admin: true, manageCatalogue: true, manageDirectory: true });
    expect(adminSections(founder).map((s) => s.href)).toEqual(['/admin/branches', '/admin/products', '/admin/staff', '/admin/import']);
    expect(adminSections(manager).map((s) => s.href)).toEqual(['/admin/products', '/admin/import']);
    // 导入/导出 holds the staff import, so directory.manage alone opens it too.
    expect(adminSections(me(['directory.manage'])).map((s) => s.href)).toEqual(['/admin/branches', '/admin/staff', '/admin/import']);
    expect(clerk.admin).toBe(false);
    expect(me(['catalogue.manage'], 's1').admin).toBe(false);
  });

  it('shows 报表 in 管理 to whom may read branch reports, and the chain view only with reports.chain', () => {
    const manager = me(['reports.branch', 'stock.read']);
    const hq = me(['reports.branch', 'reports.chain', 'directory.manage']);
    expect(manager).toMatchObject({ admin: true, branchReports: true, chainReports: false });
    expect(adminSections(manager).map((s) => s.href)).toEqual(['/reports']);
    expect(adminSections(hq).map((s) => s.href)).toEqual(['/admin/branches', '/admin/staff', '/admin/import', '/reports']);
    expect(hq.chainReports).toBe(true);
    expect(clerk).toMatchObject({ branchReports: false, chainReports: false });
  });

  it('allows nothing until /me has answered', () => {
    expect(Object.values(permissionsFrom(noPermissions)).some(Boolean)).toBe(false);
  });

  it('strips cost fields for users without the cost right', () => {
    const line = { sku: 'A', quantity: 3, unitCost: 1.2, lineTotal: 3.6, retailPrice: 2.5 };
    expect(withoutCosts(line, clerk)).toEqual({ sku: 'A', quantity: 3, retailPrice: 2.5 });
    expect(withoutCosts(line, owner)).toEqual(line);
  });

  it('recognises mentions of me by id, username or role', () => {
    const user = sessionFromLogin(login, 'demo').user;
    expect(mentionsUser(['@owner'], user)).toBe(true);
    expect(mentionsUser(['u1'], user)).toBe(true);
    expect(mentionsUser(['clerk'], user)).toBe(false);
    expect(mentionsUser(undefined, user)).toBe(false);
  });
});
