import { describe, expect, it } from 'vitest';
import { cleanField, formatHouseReport, parseHouseReport, suggestReorder, validateHouseReport } from './houseFormat';

describe('the house format', () => {
  it('writes the four fields in brackets', () => {
    expect(formatHouseReport({ name: '晨光荧光笔', spec: '黄色', stock: 3, suggest: 20 })).toBe('[晨光荧光笔][黄色][3][20]');
  });

  it('keeps brackets inside a name from breaking the format', () => {
    expect(formatHouseReport({ name: '笔记本[A5]', spec: '【横线】', stock: 1, suggest: 0 })).toBe('[笔记本(A5)][(横线)][1][0]');
  });

  it('writes a dash for a product without a spec', () => {
    expect(formatHouseReport({ name: '橡皮', spec: '  ', stock: 12, suggest: 0 })).toBe('[橡皮][-][12][0]');
  });

  it('writes whole, non-negative counts', () => {
    expect(formatHouseReport({ name: '尺子', spec: '20cm', stock: -2, suggest: 4.6 })).toBe('[尺子][20cm][0][5]');
  });

  it('collapses whitespace in fields', () => {
    expect(cleanField('  晨光   中性笔 ')).toBe('晨光 中性笔');
  });

  it('reads back what it writes', () => {
    const report = { name: '晨光荧光笔', spec: '黄色', stock: 3, suggest: 20 };
    expect(parseHouseReport(formatHouseReport(report))).toEqual(report);
  });

  it('recognises full-width brackets and digits typed on a phone', () => {
    expect(parseHouseReport('【晨光荧光笔】【黄色】【３】【２０】')).toEqual({ name: '晨光荧光笔', spec: '黄色', stock: 3, suggest: 20 });
  });

  it('leaves ordinary chat alone', () => {
    expect(parseHouseReport('晨光荧光笔黄色款只剩3支,是否需要补货?')).toBeNull();
    expect(parseHouseReport('[晨光荧光笔][黄色][三][20]')).toBeNull();
  });

  it('flags a missing name and counts that are not whole numbers', () => {
    expect(validateHouseReport({ name: ' ', spec: '', stock: 1.5, suggest: -1 })).toEqual(['name', 'stock', 'suggest']);
    expect(validateHouseReport({ name: '橡皮', spec: '', stock: 0, suggest: 0 })).toEqual([]);
  });
});

describe('the suggested reorder quantity', () => {
  it('fills up to the maximum level, counting what is on order', () => {
    expect(suggestReorder({ onHand: 3, onOrder: 5, maxLevel: 30 })).toBe(22);
  });

  it('uses twice the reorder point without a maximum', () => {
    expect(suggestReorder({ onHand: 3, reorderPoint: 10 })).toBe(17);
  });

  it('rounds up to whole packs', () => {
    expect(suggestReorder({ onHand: 3, reorderPoint: 10, packSize: 10 })).toBe(20);
  });

  it('suggests nothing when there is enough', () => {
    expect(suggestReorder({ onHand: 40, reorderPoint: 10 })).toBe(0);
    expect(suggestReorder({ onHand: 0 })).toBe(0);
  });
});
