import { describe, expect, it } from 'vitest';
import { cycleZones, emptyZone, myCounts, openRequest, parseQuantity, parseSkus, percent, zonesMineFirst } from './model';

describe('盘点 screen logic', () => {
  it('puts 我的区域 first and keeps the order otherwise', () => {
    const zones = [
      { zoneId: 'z1', mine: false, status: 'counting' },
      { zoneId: 'z2', mine: true, status: 'not-started' },
      { zoneId: 'z3', mine: false, status: 'finished' },
      { zoneId: 'z4', mine: true, status: 'finished' },
    ];
    expect(zonesMineFirst(zones).map((z) => z.zoneId)).toEqual(['z2', 'z4', 'z1', 'z3']);
  });

  it('shows accuracy as a percentage with one decimal', () => {
    expect(percent(0.9853)).toBe('98.5%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(0)).toBe('0.0%');
    expect(percent(null)).toBe('—');
  });

  it('reads skus separated any way a shop types them, each once', () => {
    expect(parseSkus('PEN-1, PEN-2，NB-3、NB-3\nER-4 ;ER-5')).toEqual(['PEN-1', 'PEN-2', 'NB-3', 'ER-4', 'ER-5']);
    expect(parseSkus('  ')).toEqual([]);
  });

  it('builds the open request with a category zone and a sku zone', () => {
    const request = openRequest('full', true, [
      { ...emptyZone(), by: 'category', category: '笔类', counters: [{ userId: 'u1', name: '小李' }] },
      { ...emptyZone(), name: '收银台', by: 'skus', category: '笔类', skus: 'A-1 A-2', counters: [] },
    ]);
    expect(request).toEqual({
      kind: 'full',
      blind: true,
      zones: [
        { name: '笔类', category: '笔类', skus: null, counters: [{ userId: 'u1', name: '小李' }] },
        { name: '收银台', category: null, skus: ['A-1', 'A-2'], counters: [] },
      ],
      thresholds: null,
    });
  });

  it('pre-fills a cycle stocktake with a zone per due category', () => {
    const zones = cycleZones({ categories: [{ category: '橡皮' }, { category: '尺规' }] });
    expect(zones.map((z) => [z.name, z.by, z.category])).toEqual([['橡皮', 'category', '橡皮'], ['尺规', 'category', '尺规']]);
  });

  it('takes whole numbers as counts and leaves the rest to the form', () => {
    expect(parseQuantity(' 12 ')).toBe(12);
    expect(parseQuantity('-3')).toBe(-3);
    expect(parseQuantity('1.5')).toBeUndefined();
    expect(parseQuantity('')).toBeUndefined();
  });
});

describe('我的清点 on the phone', () => {
  it('shows synced counts and lets a waiting recount replace the synced figure', () => {
    const lines = [
      { sku: 'A', name: '中性笔', spec: '0.5mm', myCount: 10 },
      { sku: 'B', name: '橡皮', spec: '4B', myCount: null },
      { sku: 'C', name: '直尺', spec: '20cm', myCount: 3 },
    ];
    const waiting = [
      { sku: 'C', label: '直尺 20cm', quantity: 4, countId: 'c1' },
      { sku: 'D', label: 'D', quantity: 1, countId: 'c2', problem: { status: 409 } },
    ];
    expect(myCounts(lines, waiting)).toEqual([
      { sku: 'A', label: '中性笔 0.5mm', quantity: 10, state: 'synced' },
      { sku: 'C', label: '直尺 20cm', quantity: 4, countId: 'c1', state: 'waiting' },
      { sku: 'D', label: 'D', quantity: 1, countId: 'c2', state: 'problem' },
    ]);
  });
});
