import { describe, expect, it } from 'vitest';
import { importKinds, importPaths, passwordList } from './imports';

describe('导入/导出 kinds and routes', () => {
  it('shows the price list to cost roles only and staff to directory admins only', () => {
    const none = { manageCatalogue: false, adjustStock: false, manageDirectory: false, seeCost: false };
    expect(importKinds({ ...none, manageCatalogue: true, adjustStock: true, manageDirectory: true, seeCost: true }))
      .toEqual(['products', 'opening-stock', 'staff', 'supplier-quotes']);
    expect(importKinds({ ...none, adjustStock: true })).toEqual(['opening-stock']);
    expect(importKinds({ ...none, manageCatalogue: true, adjustStock: true })).not.toContain('supplier-quotes');
  });

  it('aims a price list at its supplier and staff at Identity', () => {
    expect(importPaths('supplier-quotes', 'main', 'sup 1').apply).toBe('/api/purchasing/suppliers/sup%201/imports/quotes');
    expect(importPaths('staff', 'main').preview).toBe('/api/identity/imports/staff/preview');
    expect(importPaths('opening-stock', 'east').export).toBe('/api/inventory/branches/east/exports/opening-stock');
  });

  it('lists the temporary passwords with the chain code, quoting a name with a comma', () => {
    const text = passwordList('demo', [
      { row: 2, userId: 'u1', username: 'clerk-1', displayName: '小王', password: 'abcDEF234567' },
      { row: 3, userId: 'u2', username: 'clerk-2', displayName: '李,四', password: 'xyzXYZ234567' },
    ]);
    expect(text.split('\r\n')).toEqual(['\uFEFF连锁代码(chain),用户名(username),姓名(name),临时密码(password)',
      'demo,clerk-1,小王,abcDEF234567', 'demo,clerk-2,"李,四",xyzXYZ234567']);
  });
});
