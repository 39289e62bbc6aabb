import { describe, expect, it } from 'vitest';
import { en } from './en';
import { interpolate, resolveLocale, translate } from './translate';
import { zhCN, type MessageKey } from './zh-CN';

describe('translation', () => {
  it('speaks Chinese by default', () => {
    expect(resolveLocale(null)).toBe('zh-CN');
    expect(resolveLocale('fr')).toBe('zh-CN');
    expect(translate(resolveLocale(undefined), 'nav.stock')).toBe('库存');
  });

  it('switches to English', () => {
    expect(resolveLocale('en-GB')).toBe('en');
    expect(translate('en', 'nav.stock')).toBe('Stock');
  });

  it('falls back to Chinese for a string English lacks', () => {
    const missing = Object.keys(zhCN).find((k) => !(k in en)) as MessageKey | undefined;
    const key = missing ?? 'nav.stock';
    expect(translate('en', key)).toBe(missing ? zhCN[key] : en[key]);
    const saved = en['nav.stock'];
    delete en['nav.stock'];
    try {
      expect(translate('en', 'nav.stock')).toBe('库存');
    } finally {
      en['nav.stock'] = saved;
    }
  });

  it('shows the key rather than nothing for an unknown string', () => {
    expect(translate('en', 'no.such.key' as MessageKey)).toBe('no.such.key');
  });

  it('fills in parameters and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'chat.unread', { count: 3 })).toBe('3 条未读');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('has no English string for a key Chinese does not have', () => {
    expect(Object.keys(en).filter((k) => !(k in zhCN))).toEqual([]);
  });
});
