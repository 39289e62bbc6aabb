import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/translate';
import { cardActions, cardFields, cardLinks, cardResolved } from './card';

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

  it('links a discrepancy card to the messages where its figures were agreed, in the reader\'s language', () => {
    const card = {
      links: [
        { kind: 'order', label: '订单原文', channelId: 'supplier-sup 1', messageId: 'm1', seq: 12, by: null, at: '2026-03-01T02:00:00Z' },
        { kind: 'confirmation', label: '供应商确认 · 王经理', channelId: 'supplier-sup 1', messageId: 'm2', seq: 15, by: '王经理', at: '2026-03-01T03:00:00Z' },
        { kind: 'later', label: 'bot label', channelId: 'c', messageId: 'm3', seq: 2 },
      ],
    };
    const zh = (k: Parameters<typeof translate>[1], p?: Parameters<typeof translate>[2]) => translate('zh-CN', k, p);
    const en = (k: Parameters<typeof translate>[1], p?: Parameters<typeof translate>[2]) => translate('en', k, p);
    expect(cardLinks(card, zh).map((l) => [l.text, l.href])).toEqual([
      ['订单原文', '/chat/supplier-sup%201#seq-12'], ['供应商确认 · 王经理', '/chat/supplier-sup%201#seq-15'], ['bot label', '/chat/c#seq-2']]);
    expect(cardLinks(card, en).map((l) => l.text)).toEqual(['Order as sent', 'Confirmed by 王经理', 'bot label']);
    expect(cardLinks({}, zh)).toEqual([]);
  });
});
