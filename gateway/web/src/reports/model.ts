/** The shapes of Reporting's report routes (`/api/reporting/branches/{branch}/daily|weekly`, `/api/reporting/chain/summary`). */

export interface SalesTotals { revenue: number; units: number; tickets: number; averageTicket: number }
export interface DaySales { date: string; revenue: number; units: number; tickets: number }
export interface BestSeller { rank: number; sku: string; name: string; spec: string; unit: string; category: string; quantity: number; revenue: number }
export interface CategorySales { category: string; revenue: number; units: number; baseline: number; change: number | null; falling: boolean }
export interface ReorderItem {
  sku: string; name: string; spec: string; unit: string; onHand: number | null; reorderPoint: number | null;
  suggestedQuantity: number | null; outOfStock: boolean; since: string | null;
}
export interface SlowMover {
  sku: string; name: string; spec: string; unit: string; category: string; onHand: number | null; daysWithoutSale: number;
  lastSoldAt: string | null; ageingBracket: string; sellThrough: number; since: string; discontinued: boolean;
}

/** What a daily and a weekly report share: the screen shows both with the same parts. */
export interface BranchReport {
  branch: string;
  branchName: string;
  timeZone: string;
  totals: SalesTotals;
  bestSellers: BestSeller[];
  categories: CategorySales[];
  toReorder: ReorderItem[];
  slowMovers: SlowMover[];
}

export interface DailyReport extends BranchReport { date: string; lastDays: DaySales[] }
export interface WeeklyReport extends BranchReport { week: string; from: string; to: string; previousWeek: SalesTotals; days: DaySales[] }

export interface BranchSummary { branch: string; name: string; revenue: number; units: number; tickets: number; averageTicket: number; share: number }
export interface ChainSummary { from: string; to: string; totals: SalesTotals; branches: BranchSummary[] }

export type ReportKind = 'daily' | 'weekly';

/** The days a chart draws, as its labels (`11/25`) and values (revenue in yuan). */
export function chartOfDays(days: readonly DaySales[]): { labels: string[]; values: number[] } {
  return {
    labels: days.map((d) => { const [, m, day] = d.date.split('-'); return `${Number(m)}/${Number(day)}`; }),
    values: days.map((d) => Number(d.revenue) || 0),
  };
}

/** The chain view's chart: one bar per branch, by name. */
export function chartOfBranches(branches: readonly BranchSummary[]): { labels: string[]; values: number[] } {
  return { labels: branches.map((b) => b.name), values: branches.map((b) => Number(b.revenue) || 0) };
}

/** A change fraction (−0.25) as the screen writes it: `−25%`, `+160%`; empty without a baseline. */
export function formatChange(change: number | null | undefined): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return '';
  const percent = Math.round(change * 100);
  return percent > 0 ? `+${percent}%` : percent < 0 ? `−${Math.abs(percent)}%` : '0%';
}

/** The query of a report: `?date=` for a day, `?week=` for a week; empty means "the current one at the branch". */
export function reportPath(branch: string, kind: ReportKind, period: string, format: '' | '.csv' | '.xlsx' = ''): string {
  const base = `/api/reporting/branches/${encodeURIComponent(branch)}/${kind}${format}`;
  if (!period) return base;
  return `${base}?${kind === 'daily' ? 'date' : 'week'}=${encodeURIComponent(period)}`;
}

/** The file a download is saved as, e.g. `main-2025-11-25.xlsx` (the server's own name for it). */
export function reportFileName(branch: string, period: string, format: '.csv' | '.xlsx'): string {
  return `${branch}-${period || 'latest'}${format}`;
}

/** ISO week of a date (`2025-11-25` → `2025-W48`), as `<input type="week">` and the weekly route write it. */
export function isoWeekOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((day.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
