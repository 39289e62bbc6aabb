import { describe, expect, it } from 'vitest';
import { mentionsUser, permissionsFor, withoutCosts } from './permissions';
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

describe('what a role may see and do', () => {
  it('shows costs to owner and hq only', () => {
    expect(permissionsFor(['owner']).seeCost).toBe(true);
    expect(permissionsFor(['hq']).seeCost).toBe(true);
    for (const role of ['manager', 'clerk', 'supplier']) expect(permissionsFor([role]).seeCost).toBe(false);
  });

  it('lets a supplier confirm orders but not see stock or purchasing', () => {
    const p = permissionsFor(['supplier']);
    expect(p).toMatchObject({ isSupplier: true, confirmPurchaseOrder: true, viewStock: false, viewPurchasing: false, createPurchaseOrders: false });
  });

  it('lets a clerk record sales and receipts but not adjust or order', () => {
    expect(permissionsFor(['clerk'])).toMatchObject({ recordSale: true, recordReceipt: true, adjustStock: false, createPurchaseOrders: false });
  });

  it('strips cost fields for roles without the cost right', () => {
    const line = { sku: 'A', quantity: 3, unitCost: 1.2, lineTotal: 3.6, retailPrice: 2.5 };
    expect(withoutCosts(line, permissionsFor(['clerk']))).toEqual({ sku: 'A', quantity: 3, retailPrice: 2.5 });
    expect(withoutCosts(line, permissionsFor(['owner']))).toEqual(line);
  });

  it('recognises mentions of me by id, username or role', () => {
    const user = sessionFromLogin(login, 'demo').user;
    expect(mentionsUser(['@owner'], user)).toBe(true);
    expect(mentionsUser(['u1'], user)).toBe(true);
    expect(mentionsUser(['clerk'], user)).toBe(false);
    expect(mentionsUser(undefined, user)).toBe(false);
  });
});
