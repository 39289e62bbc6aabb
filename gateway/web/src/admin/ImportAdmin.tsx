import { useEffect, useRef, useState } from 'preact/hooks';
import { getBlob, upload } from '../api/client';
import { ok, purchasing } from '../api/services';
import { useApp } from '../context';
import { t, type MessageKey } from '../i18n';
import { paths } from '../router';
import { ErrorMessage, useLoad } from '../ui/components';
import { saveFile, useDownload } from '../ui/saveFile';
import { useSubmit } from '../ui/useSubmit';
import { AdminHeader } from './AdminScreen';
import { importKinds, importPaths, passwordList, type ImportKind, type TemporaryPassword } from './imports';

/** A row's problem as the server words it: the column key, its Chinese header, the rule (Chinese first, then English). */
export interface RowProblem { column: string; header: string; message: string }
export interface ImportRow { row: number; key: string; verdict: 'new' | 'changed' | 'unchanged' | 'error'; problems: RowProblem[]; applied: boolean; notes?: string[] | null }
export interface ImportReport {
  kind: string; dryRun: boolean; total: number; new: number; changed: number; unchanged: number; errors: number; applied: number;
  appliedRows: number[]; refusedRows: number[]; rows: ImportRow[];
  /** A staff import's new accounts with their temporary passwords: in the apply's answer only. */
  temporaryPasswords?: TemporaryPassword[];
}

const KIND_LABEL: Record<ImportKind, MessageKey> = {
  products: 'import.kind.products', 'opening-stock': 'import.kind.openingStock', staff: 'import.kind.staff', 'supplier-quotes': 'import.kind.quotes',
};

const KIND_HINT: Record<ImportKind, MessageKey> = {
  products: 'import.products.hint', 'opening-stock': 'import.openingStock.hint', staff: 'import.staff.hint', 'supplier-quotes': 'import.quotes.hint',
};

/**
 * Rows the server applies per second on this kind of machine (10,000 products in well under a minute): the apply is one
 * request, so its progress bar is this estimate, held below 100% until the summary arrives.
 */
const ROWS_PER_SECOND = 400;

/** 导入/导出: pick a kind, download the template, preview a file (every row's verdict), apply it with a progress bar, export. */
export function ImportAdmin() {
  const { perms, branch: current, branches, session } = useApp();
  const kinds = importKinds(perms);
  const [kind, setKind] = useState<ImportKind>(kinds[0] ?? 'products');
  const [branch, setBranch] = useState(current);
  const [supplier, setSupplier] = useState('');
  const suppliers = useLoad((signal) => perms.seeCost ? ok(purchasing.GET('/api/purchasing/suppliers', { signal })) : Promise.resolve([]), [perms.seeCost]);
  useEffect(() => { if (!supplier && suppliers.data?.length) setSupplier(suppliers.data[0].id); }, [suppliers.data, supplier]);
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<ImportReport>();
  const [summary, setSummary] = useState<ImportReport>();
  const fileInput = useRef<HTMLInputElement>(null);
  const routes = importPaths(kind, branch, supplier);
  const ready = kind !== 'supplier-quotes' || supplier !== '';

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
  const label = kind === 'opening-stock' ? `${t('import.kind.openingStock')} ${branch}`
    : kind === 'supplier-quotes' ? `${t('import.kind.quotes')} ${supplier}` : t(KIND_LABEL[kind]);

  return (
    <section class="page narrow" aria-labelledby="import-title">
      <AdminHeader id="import-title" title={t('admin.import')} />
      <fieldset class="card form">
        <legend>{t('import.kind')}</legend>
        {kinds.map((k) => (
          <label key={k} class="radio">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => { setKind(k); reset(); }} />
            {t(KIND_LABEL[k])}
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
        {kind === 'supplier-quotes' && (
          <div class="field">
            <label for="import-supplier">{t('import.supplier')}</label>
            <select id="import-supplier" value={supplier} onChange={(e) => { setSupplier(e.currentTarget.value); reset(); }}>
              {(suppliers.data ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
            {suppliers.data?.length === 0 && <small class="muted">{t('import.noSuppliers')}</small>}
          </div>
        )}
        <p class="muted small">{t(KIND_HINT[kind])}</p>
        {ready && <div class="row">
          <DownloadButton label={t('import.template', { format: 'xlsx' })} run={download(`${routes.template}?format=xlsx`, `${label} 模板.xlsx`)} />
          <DownloadButton label={t('import.template', { format: 'csv' })} run={download(`${routes.template}?format=csv`, `${label} 模板.csv`)} />
        </div>}
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
        <button type="submit" class="btn btn-primary" disabled={!file || !ready || check.busy}>{t('import.preview')}</button>
      </form>

      {preview && (
        <Preview report={preview} busy={apply.busy} error={apply.error} onApply={() => apply.submit()} />
      )}
      {summary && <Summary report={summary} kind={kind} chain={session.chain} />}

      {ready && <div class="card form">
        <h2>{t('import.export')}</h2>
        <div class="row">
          <DownloadButton label={t('import.exportAs', { format: 'xlsx' })} run={download(`${routes.export}?format=xlsx`, `${label}.xlsx`)} />
          <DownloadButton label={t('import.exportAs', { format: 'csv' })} run={download(`${routes.export}?format=csv`, `${label}.csv`)} />
        </div>
      </div>}
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

const SEE: Record<ImportKind, { href: () => string; label: MessageKey }> = {
  products: { href: paths.adminProducts, label: 'import.seeProducts' },
  'opening-stock': { href: paths.stock, label: 'import.seeStock' },
  staff: { href: paths.adminStaff, label: 'import.seeStaff' },
  'supplier-quotes': { href: paths.adminSuppliers, label: 'import.seeSuppliers' },
};

function Summary({ report, kind, chain }: { report: ImportReport; kind: ImportKind; chain: string }) {
  const refused = report.rows.filter((r) => r.verdict === 'error');
  const see = SEE[kind];
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
      {report.temporaryPasswords && report.temporaryPasswords.length > 0 && <Passwords chain={chain} passwords={report.temporaryPasswords} />}
      <a href={see.href()}>{t(see.label)}</a>
    </section>
  );
}

/**
 * The new accounts' temporary passwords, shown this once (the server keeps none and exports none): a table to read out,
 * and the list to copy or save as CSV before leaving the page.
 */
function Passwords({ chain, passwords }: { chain: string; passwords: TemporaryPassword[] }) {
  const [copied, setCopied] = useState<boolean>();
  const text = passwordList(chain, passwords);
  async function copy() {
    // The clipboard needs a secure context (https or localhost); without it, saving as CSV is the way.
    try {
      await navigator.clipboard.writeText(text.replace(/^\uFEFF/, ''));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  function save() {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    saveFile(url, `${t('import.passwords.file')} ${chain}.csv`);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return (
    <div class="import-passwords" aria-labelledby="import-passwords-title">
      <h3 id="import-passwords-title">{t('import.passwords.title', { count: passwords.length })}</h3>
      <p class="alert alert-info">{t('import.passwords.once', { chain })}</p>
      <table class="table">
        <thead><tr><th>{t('import.passwords.username')}</th><th>{t('import.passwords.name')}</th><th>{t('import.passwords.password')}</th></tr></thead>
        <tbody>
          {passwords.map((p) => (
            <tr key={p.userId} data-username={p.username}><td>{p.username}</td><td>{p.displayName}</td><td><code>{p.password}</code></td></tr>
          ))}
        </tbody>
      </table>
      <div class="row">
        <button type="button" class="btn" onClick={copy}>{copied ? t('import.passwords.copied') : t('import.passwords.copy')}</button>
        <button type="button" class="btn" onClick={save}>{t('import.passwords.save')}</button>
      </div>
      {copied === false && <p class="field-error small">{t('import.passwords.copyFailed')}</p>}
    </div>
  );
}
