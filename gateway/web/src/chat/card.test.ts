import { describe, expect, it } from 'vitest';
import { cardActions, cardFields, cardResolved } from './card';

describe('bot cards', () => {
  it('reads facts given as a list or as a map', () => {
    expect(cardFields({ fields: [{ label: '系统库存', value: 30 }] })).toEqual([{ label: '系统库存', value: 30 }]);
    expect(cardFields({ fields: { 系统库存: 30, 上报库存: 3 } })).toEqual([{ label: '系统库存', value: 30 }, { label: '上报库存', value: 3 }]);
    expect(cardFields({})).toEqual([]);
  });

  it('labels buttons whatever the label is called, and skips buttons without an id', () => {
    const actions = cardActions({ buttons: [{ id: 'add', text: '加入采购清单' } as never, { id: '', label: 'x' }, { id: 'count', label: '记为抽盘' }] });
    expect(actions.map((a) => [a.id, a.label])).toEqual([['add', '加入采购清单'], ['count', '记为抽盘']]);
  });

  it('knows when a card was already handled', () => {
    expect(cardResolved({ status: 'Resolved' })).toBe(true);
    expect(cardResolved({ resolvedBy: '张店长' })).toBe(true);
    expect(cardResolved({ status: 'open' })).toBe(false);
  });
});
