import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from './router';

describe('routes', () => {
  it('opens the chat at the root', () => {
    expect(matchRoute('/')).toEqual({ name: 'chat' });
  });

  it('reads ids back from the paths it builds', () => {
    expect(matchRoute(paths.chat('渠道 1'))).toEqual({ name: 'chat', channelId: '渠道 1' });
    expect(matchRoute(paths.stockItem('MG/黄'))).toEqual({ name: 'stockItem', sku: 'MG/黄' });
    expect(matchRoute(paths.purchaseOrder('po-1'))).toEqual({ name: 'purchaseOrder', id: 'po-1' });
    expect(matchRoute(paths.search())).toEqual({ name: 'search' });
    expect(paths.search('荧光 笔')).toBe('/search?q=%E8%8D%A7%E5%85%89%20%E7%AC%94');
  });

  it('reaches sign-up and every part of 管理', () => {
    expect(matchRoute(paths.signup())).toEqual({ name: 'signup' });
    expect(matchRoute(paths.admin())).toEqual({ name: 'admin' });
    expect(matchRoute(paths.adminBranches())).toEqual({ name: 'adminBranches' });
    expect(matchRoute(paths.adminSuppliers())).toEqual({ name: 'adminSuppliers' });
    expect(matchRoute(paths.adminSupplier('supplier-1a/2'))).toEqual({ name: 'adminSupplier', id: 'supplier-1a/2' });
    expect(matchRoute(paths.adminPolicies())).toEqual({ name: 'adminPolicies' });
    expect(matchRoute(paths.adminProducts())).toEqual({ name: 'adminProducts' });
    expect(matchRoute(paths.adminStaff())).toEqual({ name: 'adminStaff' });
    expect(matchRoute(paths.adminImport())).toEqual({ name: 'adminImport' });
    expect(matchRoute('/admin/nope')).toEqual({ name: 'notFound' });
  });

  it('reaches 盘点, a stocktake and one of its zones', () => {
    expect(matchRoute(paths.stocktakes())).toEqual({ name: 'stocktakes' });
    expect(matchRoute(paths.stocktake('ST-20261203-1'))).toEqual({ name: 'stocktake', id: 'ST-20261203-1' });
    expect(matchRoute(paths.stocktakeZone('ST-20261203-1', 'z2'))).toEqual({ name: 'stocktakeZone', id: 'ST-20261203-1', zoneId: 'z2' });
    expect(matchRoute('/stocktakes/ST-1/zones')).toEqual({ name: 'notFound' });
  });

  it('does not match unknown paths', () => {
    expect(matchRoute('/stock/a/b')).toEqual({ name: 'notFound' });
    expect(matchRoute('/nope')).toEqual({ name: 'notFound' });
  });
});
