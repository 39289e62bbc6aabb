import type { ReportingSchema } from '../api/services';

/** The shapes of Reporting's report routes (`/api/reporting/branches/{branch}/daily|weekly`, `/api/reporting/chain/summary`), generated from its OpenAPI document. */
export type SalesTotals = ReportingSchema<'SalesTotals'>;
export type DaySales = ReportingSchema<'DaySales'>;
export type BestSeller = ReportingSchema<'BestSeller'>;
export type CategorySales = ReportingSchema<'CategorySales'>;
export type ReorderItem = ReportingSchema<'ReorderItem'>;
export type SlowMover = ReportingSchema<'SlowMover'>;
export type DailyReport = ReportingSchema<'DailyReport'>;
export type WeeklyReport = ReportingSchema<'WeeklyReport'>;
/** What a daily and a weekly report share: the screen shows both with the same parts. */
export type BranchReport = DailyReport | WeeklyReport;
export type BranchSummary = ReportingSchema<'BranchSummary'>;
export type ChainSummary = ReportingSchema<'ChainSummary'>;

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
