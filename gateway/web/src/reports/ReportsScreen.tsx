import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { getBlob } from '../api/client';
import { ok, reporting } from '../api/services';
import { useApp } from '../context';
import { t } from '../i18n';
import { ErrorMessage, Loading, formatMoney, formatTime, useLoad } from '../ui/components';
import { saveFile, useDownload } from '../ui/saveFile';
import { BarChart } from './BarChart';
import {
  chartOfBranches, chartOfDays, formatChange, reportFileName, reportPath,
  type BranchReport, type DailyReport, type ReportKind, type SalesTotals, type WeeklyReport,
} from './model';

type Tab = ReportKind | 'chain';

/**
 * 报表: a branch's daily and weekly report (the branch picked in the top bar) with its chart, best sellers, categories
 * against their baseline, items to reorder and slow movers, downloadable as CSV and Excel; and, for hq and owners, the
 * chain across its branches. Every figure is a sales figure at retail (the reports hold no cost).
 */
export function ReportsScreen() {
  const { perms } = useApp();
  const tabs: Tab[] = [...(perms.branchReports ? (['daily', 'weekly'] as const) : []), ...(perms.chainReports ? (['chain'] as const) : [])];
  const [tab, setTab] = useState<Tab>(tabs[0] ?? 'daily');
  return (
    <section class="page" aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports.title')}</h1>
      <div class="chips" role="tablist" aria-label={t('reports.title')}>
        {tabs.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} class={tab === k ? 'chip active' : 'chip'} onClick={() => setTab(k)}>
            {t(`reports.tab.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'chain' ? <ChainView /> : <BranchReportView key={tab} kind={tab} />}
    </section>
  );
}

function BranchReportView({ kind }: { kind: ReportKind }) {
  const { branch, branches } = useApp();
  const [period, setPeriod] = useState('');
  const report = useLoad((signal): Promise<DailyReport | WeeklyReport> => (kind === 'daily'
    ? ok(reporting.GET('/api/reporting/branches/{branch}/daily', { params: { path: { branch }, query: { date: period || undefined } }, signal }))
    : ok(reporting.GET('/api/reporting/branches/{branch}/weekly', { params: { path: { branch }, query: { week: period || undefined } }, signal }))),
  [branch, kind, period]);
  const r = report.data;
  const shown = r ? ('date' in r ? r.date : r.week) : period;
  const days = r ? ('lastDays' in r ? r.lastDays : r.days) : [];
  const chart = chartOfDays(days);
  const branchName = r?.branchName ?? branches.find((b) => b.code === branch)?.name ?? branch;
  return (
    <div class="report">
      <div class="toolbar">
        <div class="field">
          <label for="report-period">{t(kind === 'daily' ? 'reports.date' : 'reports.week')}</label>
          <input id="report-period" type={kind === 'daily' ? 'date' : 'week'} value={shown} onChange={(e) => setPeriod(e.currentTarget.value)} />
        </div>
        <Download branch={branch} kind={kind} period={shown} format=".csv" label={t('reports.exportCsv')} />
        <Download branch={branch} kind={kind} period={shown} format=".xlsx" label={t('reports.exportXlsx')} />
      </div>
      <ErrorMessage error={report.error} onRetry={report.reload} />
      {report.loading && !r && <Loading />}
      {r && (
        <>
          <h2>{kind === 'daily' ? t('reports.dailyOf', { branch: branchName, period: shown }) : t('reports.weeklyOf', { branch: branchName, period: shown })}</h2>
          <Totals totals={r.totals} previous={'previousWeek' in r ? r.previousWeek : undefined} />
          <BarChart title={t('reports.chart.revenue')} labels={chart.labels} values={chart.values} highlightLast={kind === 'daily'} />
          <ReportLists report={r} />
        </>
      )}
    </div>
  );
}

function Totals({ totals, previous }: { totals: SalesTotals; previous?: SalesTotals }) {
  return (
    <dl class="stats" aria-label={t('reports.totals')}>
      <div class="stat"><dt>{t('reports.revenue')}</dt><dd data-figure="revenue">¥{formatMoney(totals.revenue)}</dd></div>
      <div class="stat"><dt>{t('reports.units')}</dt><dd>{totals.units}</dd></div>
      <div class="stat"><dt>{t('reports.tickets')}</dt><dd>{totals.tickets}</dd></div>
      <div class="stat"><dt>{t('reports.averageTicket')}</dt><dd>¥{formatMoney(totals.averageTicket)}</dd></div>
      {previous && <div class="stat"><dt>{t('reports.previousWeek')}</dt><dd>¥{formatMoney(previous.revenue)}</dd></div>}
    </dl>
  );
}

function ReportLists({ report }: { report: BranchReport }) {
  return (
    <>
      <Part title={t('reports.bestSellers')} empty={report.bestSellers.length === 0}>
        <table class="table">
          <thead><tr><th scope="col">#</th><th scope="col">{t('reports.product')}</th><th scope="col" class="num">{t('reports.units')}</th><th scope="col" class="num">{t('reports.revenue')}</th></tr></thead>
          <tbody>{report.bestSellers.map((b) => (
            <tr key={b.sku}><td>{b.rank}</td><td>{b.name} <span class="muted small">{b.spec}</span></td><td class="num">{b.quantity} {b.unit}</td><td class="num">¥{formatMoney(b.revenue)}</td></tr>
          ))}</tbody>
        </table>
      </Part>
      <Part title={t('reports.categories')} empty={report.categories.length === 0}>
        <table class="table">
          <thead><tr><th scope="col">{t('reports.category')}</th><th scope="col" class="num">{t('reports.revenue')}</th><th scope="col" class="num">{t('reports.baseline')}</th><th scope="col" class="num">{t('reports.change')}</th></tr></thead>
          <tbody>{report.categories.map((c) => (
            <tr key={c.category} data-falling={c.falling ? 'true' : undefined}>
              <td>{c.category} {c.falling && <span class="tag tag-cancelled">{t('reports.falling')}</span>}</td>
              <td class="num">¥{formatMoney(c.revenue)}</td><td class="num">¥{formatMoney(c.baseline)}</td>
              <td class={`num ${(c.change ?? 0) < 0 ? 'negative' : ''}`}>{formatChange(c.change)}</td>
            </tr>
          ))}</tbody>
        </table>
      </Part>
      <Part title={t('reports.toReorder')} empty={report.toReorder.length === 0}>
        <table class="table">
          <thead><tr><th scope="col">{t('reports.product')}</th><th scope="col" class="num">{t('reports.onHand')}</th><th scope="col" class="num">{t('reports.reorderPoint')}</th><th scope="col" class="num">{t('reports.suggested')}</th></tr></thead>
          <tbody>{report.toReorder.map((i) => (
            <tr key={i.sku}>
              <td>{i.name} <span class="muted small">{i.spec}</span> {i.outOfStock && <span class="tag tag-cancelled">{t('reports.outOfStock')}</span>}</td>
              <td class="num">{i.onHand ?? '—'}</td><td class="num">{i.reorderPoint ?? '—'}</td><td class="num">{i.suggestedQuantity ?? '—'}</td>
            </tr>
          ))}</tbody>
        </table>
      </Part>
      <Part title={t('reports.slowMovers')} empty={report.slowMovers.length === 0}>
        <table class="table">
          <thead><tr><th scope="col">{t('reports.product')}</th><th scope="col" class="num">{t('reports.onHand')}</th><th scope="col" class="num">{t('reports.daysWithoutSale')}</th><th scope="col">{t('reports.lastSold')}</th></tr></thead>
          <tbody>{report.slowMovers.map((s) => (
            <tr key={s.sku}>
              <td>{s.name} <span class="muted small">{s.spec}</span> {s.discontinued && <span class="tag">{t('reports.discontinued')}</span>}</td>
              <td class="num">{s.onHand ?? '—'}</td><td class="num">{s.daysWithoutSale}</td><td>{s.lastSoldAt ? formatTime(s.lastSoldAt, true) : '—'}</td>
            </tr>
          ))}</tbody>
        </table>
      </Part>
    </>
  );
}

function Part({ title, empty, children }: { title: string; empty: boolean; children: ComponentChildren }) {
  return (
    <section class="report-part">
      <h3>{title}</h3>
      {empty ? <p class="muted">{t('reports.none')}</p> : children}
    </section>
  );
}

/** 导出: the file needs the bearer token, so it is fetched as a blob and saved through a temporary link. */
function Download({ branch, kind, period, format, label }: { branch: string; kind: ReportKind; period: string; format: '.csv' | '.xlsx'; label: string }) {
  const { busy, failed, download } = useDownload(async () => {
    const blob = await getBlob(reportPath(branch, kind, period, format));
    const url = URL.createObjectURL(blob);
    saveFile(url, reportFileName(branch, period, format));
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return (
    <span>
      <button type="button" class="btn btn-secondary btn-small" onClick={() => void download()} aria-busy={busy} disabled={busy}>{label}</button>
      {failed && <span class="field-error small" role="alert"> {t('reports.exportFailed')}</span>}
    </span>
  );
}

/** 全连锁: every branch's totals over a range of days, best first, with its share of the chain. */
function ChainView() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const summary = useLoad((signal) => ok(reporting.GET('/api/reporting/chain/summary', { params: { query: { from: from || undefined, to: to || undefined } }, signal })), [from, to]);
  const s = summary.data;
  const chart = s ? chartOfBranches(s.branches) : { labels: [], values: [] };
  return (
    <div class="report">
      <div class="toolbar">
        <div class="field"><label for="chain-from">{t('reports.from')}</label><input id="chain-from" type="date" value={from || s?.from || ''} onChange={(e) => setFrom(e.currentTarget.value)} /></div>
        <div class="field"><label for="chain-to">{t('reports.to')}</label><input id="chain-to" type="date" value={to || s?.to || ''} onChange={(e) => setTo(e.currentTarget.value)} /></div>
      </div>
      <ErrorMessage error={summary.error} onRetry={summary.reload} />
      {summary.loading && !s && <Loading />}
      {s && (
        <>
          <h2>{t('reports.chainOf', { from: s.from, to: s.to })}</h2>
          <Totals totals={s.totals} />
          <BarChart title={t('reports.chart.branches')} labels={chart.labels} values={chart.values} />
          <table class="table">
            <thead><tr><th scope="col">{t('reports.branch')}</th><th scope="col" class="num">{t('reports.revenue')}</th><th scope="col" class="num">{t('reports.tickets')}</th><th scope="col" class="num">{t('reports.share')}</th></tr></thead>
            <tbody>{s.branches.map((b) => (
              <tr key={b.branch}><td>{b.name}</td><td class="num">¥{formatMoney(b.revenue)}</td><td class="num">{b.tickets}</td><td class="num">{Math.round(b.share * 1000) / 10}%</td></tr>
            ))}</tbody>
          </table>
        </>
      )}
    </div>
  );
}
