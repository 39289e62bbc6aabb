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
  });

  it('does not match unknown paths', () => {
    expect(matchRoute('/stock/a/b')).toEqual({ name: 'notFound' });
    expect(matchRoute('/nope')).toEqual({ name: 'notFound' });
  });
});
