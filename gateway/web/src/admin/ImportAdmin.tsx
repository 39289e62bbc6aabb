import { useEffect, useRef, useState } from 'preact/hooks';
import { getBlob, upload } from '../api/client';
import { useApp } from '../context';
import { t, type MessageKey } from '../i18n';
import { paths } from '../router';
import { ErrorMessage } from '../ui/components';
import { saveFile, useDownload } from '../ui/saveFile';
import { useSubmit } from '../ui/useSubmit';
import { AdminHeader } from './AdminScreen';

export type ImportKind = 'products' | 'opening-stock';

/** A row's problem as the server words it: the column key, its Chinese header, the rule (Chinese first, then English). */
export interface RowProblem { column: string; header: string; message: string }
export interface ImportRow { row: number; key: string; verdict: 'new' | 'changed' | 'unchanged' | 'error'; problems: RowProblem[]; applied: boolean; notes?: string[] | null }
export interface ImportReport {
  kind: string; dryRun: boolean; total: number; new: number; changed: number; unchanged: number; errors: number; applied: number;
  appliedRows: number[]; refusedRows: number[]; rows: ImportRow[];
}

/** The import routes of a kind (opening stock is per branch): dry run, apply, template and export. */
export function importPaths(kind: ImportKind, branch: string) {
  const b = encodeURIComponent(branch);
  return kind === 'products'
    ? { preview: '/api/inventory/imports/products/preview', apply: '/api/inventory/imports/products',
        template: '/api/inventory/imports/products/template', export: '/api/inventory/exports/products' }
    : { preview: `/api/inventory/branches/${b}/imports/opening-stock/preview`, apply: `/api/inventory/branches/${b}/imports/opening-stock`,
        template: `/api/inventory/branches/${b}/imports/opening-stock/template`, export: `/api/inventory/branches/${b}/exports/opening-stock` };
}

/**
 * Rows the server applies per second on this kind of machine (10,000 products in well under a minute): the apply is one
 * request, so its progress bar is this estimate, held below 100% until the summary arrives.
 */
const ROWS_PER_SECOND = 400;

/** 导入/导出: pick a kind, download the template, preview a file (every row's verdict), apply it with a progress bar, export. */
export function ImportAdmin() {
  const { perms, branch: current, branches } = useApp();
  const kinds: ImportKind[] = [...(perms.manageCatalogue ? ['products' as const] : []), ...(perms.adjustStock ? ['opening-stock' as const] : [])];
  const [kind, setKind] = useState<ImportKind>(kinds[0] ?? 'products');
  const [branch, setBranch] = useState(current);
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<ImportReport>();
  const [summary, setSummary] = useState<ImportReport>();
  const fileInput = useRef<HTMLInputElement>(null);
  const routes = importPaths(kind, branch);

  function reset() { setPreview(undefined); setSummary(undefined); }

  const check = useSubmit((key) => upload<ImportReport>(routes.preview, file!, file!.name, { idempotencyKey: key }),
    (r) => { setPreview(r); setSummary(undefined); });
  const apply = useSubmit((key) => upload<ImportReport>(routes.apply, file!, file!.name, { idempotencyKey: key }),
    (r) => { setSummary(r); setPreview(undefined); setFile(undefined); if (fileInput.current) fileInput.current.value = ''; });

  const download = (path: string, name: string) => async () => {
    const blob = await getBlob(path);
    const url = URL.createObjectURL(blob);
    saveFile(url, name);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const label = kind === 'products' ? t('import.kind.products') : `${t('import.kind.openingStock')} ${branch}`;

  return (
    <section class="page narrow" aria-labelledby="import-title">
      <AdminHeader id="import-title" title={t('admin.import')} />
      <fieldset class="card form">
        <legend>{t('import.kind')}</legend>
        {kinds.map((k) => (
          <label key={k} class="radio">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => { setKind(k); reset(); }} />
            {k === 'products' ? t('import.kind.products') : t('import.kind.openingStock')}
          </label>
        ))}
        {kind === 'opening-stock' && (
          <div class="field">
            <label for="import-branch">{t('import.branch')}</label>
            <select id="import-branch" value={branch} onChange={(e) => { setBranch(e.currentTarget.value); reset(); }}>
              {branches.map((b) => <option key={b.code} value={b.code}>{b.name}</option>)}
            </select>
          </div>
        )}
        <p class="muted small">{kind === 'products' ? t('import.products.hint') : t('import.openingStock.hint')}</p>
        <div class="row">
          <DownloadButton label={t('import.template', { format: 'xlsx' })} run={download(`${routes.template}?format=xlsx`, `${label} 模板.xlsx`)} />
          <DownloadButton label={t('import.template', { format: 'csv' })} run={download(`${routes.template}?format=csv`, `${label} 模板.csv`)} />
        </div>
      </fieldset>

      <form class="card form" onSubmit={check.submit} aria-labelledby="import-file-title" noValidate>
        <h2 id="import-file-title">{t('import.file')}</h2>
        <div class={`field${check.fields.file?.length ? ' field-invalid' : ''}`}>
          <label for="import-file">{t('import.pick')}</label>
          <input id="import-file" ref={fileInput} type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(e) => { setFile(e.currentTarget.files?.[0]); reset(); }} />
          {check.fields.file?.length ? <small class="field-error">{check.fields.file.join('；')}</small> : null}
        </div>
        <ErrorMessage error={check.fields.file?.length ? undefined : check.error} />
        <button type="submit" class="btn btn-primary" disabled={!file || check.busy}>{t('import.preview')}</button>
      </form>

      {preview && (
        <Preview report={preview} busy={apply.busy} error={apply.error} onApply={() => apply.submit()} />
      )}
      {summary && <Summary report={summary} kind={kind} />}

      <div class="card form">
        <h2>{t('import.export')}</h2>
        <div class="row">
          <DownloadButton label={t('import.exportAs', { format: 'xlsx' })} run={download(`${routes.export}?format=xlsx`, `${label}.xlsx`)} />
          <DownloadButton label={t('import.exportAs', { format: 'csv' })} run={download(`${routes.export}?format=csv`, `${label}.csv`)} />
        </div>
      </div>
    </section>
  );
}

function DownloadButton({ label, run }: { label: string; run: () => Promise<void> }) {
  const { busy, failed, download } = useDownload(run);
  return (
    <>
      <button type="button" class="btn" disabled={busy} onClick={download}>{label}</button>
      {failed && <span class="field-error small">{t('import.downloadFailed')}</span>}
    </>
  );
}

function Counts({ report }: { report: ImportReport }) {
  return (
    <p class="import-counts">
      {t('import.counts', { total: report.total, new: report.new, changed: report.changed, unchanged: report.unchanged, errors: report.errors })}
    </p>
  );
}

/** The dry run: error rows first (red, with each problem and its column), then the rest; 确认导入 applies the file. */
function Preview({ report, busy, error, onApply }: { report: ImportReport; busy: boolean; error: unknown; onApply: () => void }) {
  const rows = [...report.rows.filter((r) => r.verdict === 'error'), ...report.rows.filter((r) => r.verdict !== 'error')];
  const toApply = report.new + report.changed;
  return (
    <section class="card" aria-labelledby="import-preview-title">
      <h2 id="import-preview-title">{t('import.previewTitle')}</h2>
      <Counts report={report} />
      <ul class="import-rows" aria-label={t('import.previewTitle')}>
        {rows.map((r) => <RowItem key={r.row} row={r} />)}
      </ul>
      <ErrorMessage error={error} />
      {busy && <ApplyProgress rows={toApply} />}
      <button type="button" class="btn btn-primary" disabled={busy || toApply === 0} onClick={onApply}>
        {t('import.apply', { count: toApply })}
      </button>
    </section>
  );
}

function RowItem({ row }: { row: ImportRow }) {
  return (
    <li class={`import-row ${row.verdict}`} data-row={row.row}>
      <span class="import-row-head">
        <span class="muted small">{t('import.row', { row: row.row })}</span> <strong>{row.key || '—'}</strong>{' '}
        <span class={`chip static verdict-${row.verdict}`}>{t(`import.verdict.${row.verdict}` as MessageKey)}</span>
      </span>
      {row.problems.map((p, i) => <span key={i} class="import-problem">{p.header}：{p.message}</span>)}
      {row.notes?.map((n, i) => <span key={`n${i}`} class="muted small">{n}</span>)}
    </li>
  );
}

/** An estimated progress bar for the one apply request (see ROWS_PER_SECOND). */
function ApplyProgress({ rows }: { rows: number }) {
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setElapsed((Date.now() - started) / 1000), 200);
    return () => clearInterval(timer);
  }, []);
  const value = Math.min(0.95, (elapsed * ROWS_PER_SECOND) / Math.max(rows, 1));
  return (
    <div class="import-progress">
      <label for="import-progress">{t('import.applying', { count: rows })}</label>
      <progress id="import-progress" max={1} value={value} />
    </div>
  );
}

function Summary({ report, kind }: { report: ImportReport; kind: ImportKind }) {
  const refused = report.rows.filter((r) => r.verdict === 'error');
  return (
    <section class="card" aria-labelledby="import-summary-title" role="status">
      <h2 id="import-summary-title">{t('import.summaryTitle')}</h2>
      <p class="import-applied"><strong>{t('import.appliedCount', { applied: report.applied, unchanged: report.unchanged, refused: refused.length })}</strong></p>
      {refused.length > 0 && (
        <>
          <p>{t('import.refusedRows', { rows: report.refusedRows.join('、') })}</p>
          <ul class="import-rows">{refused.map((r) => <RowItem key={r.row} row={r} />)}</ul>
        </>
      )}
      <a href={kind === 'products' ? paths.adminProducts() : paths.stock()}>{kind === 'products' ? t('import.seeProducts') : t('import.seeStock')}</a>
    </section>
  );
}
