import type { MessageKey } from '../i18n';

/** 差异原因: the six reasons a manager gives for a variance, in the server's words. */
export const REASONS = ['unrecorded-sale', 'delivery-not-booked', 'miscount', 'damage', 'loss', 'other'] as const;
export type Reason = (typeof REASONS)[number];

export const reasonLabel = (reason: string): MessageKey => `stocktake.reason.${reason}` as MessageKey;

export interface ZoneLike { zoneId: string; mine: boolean; status: string }

/** 我的区域 first, then the rest, each in the stocktake's own order. */
export function zonesMineFirst<Z extends ZoneLike>(zones: readonly Z[]): Z[] {
  return [...zones.filter((z) => z.mine), ...zones.filter((z) => !z.mine)];
}

/** An accuracy (0…1, four places) as the percentage people read: 98.5%. */
export function percent(accuracy: number | null | undefined): string {
  if (accuracy == null || !Number.isFinite(Number(accuracy))) return '—';
  return `${(Math.round(Number(accuracy) * 1000) / 10).toFixed(1)}%`;
}

/** Skus typed or pasted into a zone: separated by spaces, commas (either width), 、 or new lines; each once. */
export function parseSkus(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean))];
}

export interface ZoneDraft {
  name: string;
  by: 'category' | 'skus';
  category: string;
  skus: string;
  counters: Array<{ userId: string; name: string }>;
}

export const emptyZone = (): ZoneDraft => ({ name: '', by: 'category', category: '', skus: '', counters: [] });

/** The open request from the form: a zone covers its category or its skus, never both. */
export function openRequest(kind: 'full' | 'cycle', blind: boolean, zones: readonly ZoneDraft[]) {
  return {
    kind,
    blind,
    zones: zones.map((z) => ({
      name: z.name.trim() || (z.by === 'category' ? z.category : ''),
      category: z.by === 'category' ? z.category || null : null,
      skus: z.by === 'skus' ? parseSkus(z.skus) : null,
      counters: z.counters,
    })),
    // The categories' own thresholds (stocktake-settings) apply.
    thresholds: null,
  };
}

/** 循环盘点: today's proposal as zones, one per due category, named after it, counters left to pick. */
export function cycleZones(proposal: { categories: ReadonlyArray<{ category: string }> }): ZoneDraft[] {
  return proposal.categories.map((c) => ({ ...emptyZone(), name: c.category, category: c.category }));
}

/** A count typed by hand: a whole number, 0 or more (the server says the same; this catches a slip before it is queued). */
export function parseQuantity(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

export interface MyCount {
  sku: string;
  label: string;
  quantity: number;
  /** 已同步 (the server has it), 待同步 (waiting on the phone), or refused with a problem the counter must act on. */
  state: 'synced' | 'waiting' | 'problem';
  countId?: string;
}

/**
 * 我的清点: the counter's own lines as the server has them, overlaid by what still waits on the phone (newer: a recount
 * waiting replaces the synced figure on screen, as it will on the server). Never a book figure.
 */
export function myCounts(
  lines: ReadonlyArray<{ sku: string; name: string; spec: string; myCount?: number | null }>,
  waiting: ReadonlyArray<{ sku: string; label: string; quantity: number; countId: string; problem?: unknown }>,
): MyCount[] {
  const bySku = new Map<string, MyCount>();
  for (const l of lines) if (l.myCount != null) bySku.set(l.sku, { sku: l.sku, label: `${l.name} ${l.spec}`.trim(), quantity: l.myCount, state: 'synced' });
  for (const w of waiting) bySku.set(w.sku, { sku: w.sku, label: w.label, quantity: w.quantity, countId: w.countId, state: w.problem ? 'problem' : 'waiting' });
  return [...bySku.values()];
}
