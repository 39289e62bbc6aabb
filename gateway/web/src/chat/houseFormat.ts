// 约定格式: [商品名称][规格型号][当前库存][建议补货数量], e.g. [晨光荧光笔][黄色][3][20].
// The chat service parses exactly this shape, so the helper must never produce anything else.

export interface HouseReport {
  name: string;
  spec: string;
  stock: number;
  suggest: number;
}

const PATTERN = /^\s*\[([^\[\]]+)\]\s*\[([^\[\]]*)\]\s*\[(\d+)\]\s*\[(\d+)\]\s*$/;

/** Brackets inside a name would break the format: they become parentheses; whitespace is collapsed. */
export function cleanField(value: string): string {
  return value.replace(/[\[【]/g, '(').replace(/[\]】]/g, ')').replace(/\s+/g, ' ').trim();
}

function wholeNonNegative(n: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.round(n)) : 0;
}

export function formatHouseReport(report: HouseReport): string {
  const name = cleanField(report.name);
  const spec = cleanField(report.spec) || '-';
  return `[${name}][${spec}][${wholeNonNegative(report.stock)}][${wholeNonNegative(report.suggest)}]`;
}

/** The report a message holds, or null when it is ordinary chat. Full-width brackets and digits count too. */
export function parseHouseReport(text: string): HouseReport | null {
  const normalized = text
    .replace(/【/g, '[').replace(/】/g, ']')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const m = PATTERN.exec(normalized);
  if (!m) return null;
  return { name: m[1].trim(), spec: m[2].trim(), stock: Number(m[3]), suggest: Number(m[4]) };
}

export interface StockFacts {
  onHand: number;
  onOrder?: number;
  reorderPoint?: number;
  maxLevel?: number;
  packSize?: number;
}

/**
 * A starting suggestion the clerk can change: enough to bring stock (with what is already on order) up to the
 * maximum level, or to twice the reorder point when no maximum is set; rounded up to whole packs. 0 when enough.
 */
export function suggestReorder(facts: StockFacts): number {
  const target = facts.maxLevel ?? (facts.reorderPoint ? facts.reorderPoint * 2 : 0);
  const need = target - Math.max(0, facts.onHand) - Math.max(0, facts.onOrder ?? 0);
  if (need <= 0) return 0;
  const pack = facts.packSize && facts.packSize > 1 ? facts.packSize : 1;
  return Math.ceil(need / pack) * pack;
}

export function validateHouseReport(report: HouseReport): Array<keyof HouseReport> {
  const bad: Array<keyof HouseReport> = [];
  if (!cleanField(report.name)) bad.push('name');
  if (!Number.isInteger(report.stock) || report.stock < 0) bad.push('stock');
  if (!Number.isInteger(report.suggest) || report.suggest < 0) bad.push('suggest');
  return bad;
}
