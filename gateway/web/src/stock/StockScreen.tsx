import { useMemo, useState } from 'preact/hooks';
import { inventory, ok } from '../api/services';
import { useApp } from '../context';
import { t } from '../i18n';
import { navigate, paths } from '../router';
import { ErrorMessage, Loading, formatTime, useLoad } from '../ui/components';
import { BarcodeField } from './BarcodeField';
import { normalizeStatus, statusLabel, STOCK_STATUSES, type StockStatus } from './status';
import type { StockRow } from './types';

export function StockScreen() {
  const { branch, perms } = useApp();
  const [status, setStatus] = useState<StockStatus | ''>('');
  const [category, setCategory] = useState('');
  const [search, setSearch] = useState('');
  const [scanMessage, setScanMessage] = useState<string>();

  const stock = useLoad((signal) => loadStock(branch, status, category, signal), [branch, status, category]);
  const categories = useLoad(
    (signal) => ok(inventory.GET('/api/inventory/products', { signal }))
      .then((products) => [...new Set(products.map((p) => p.category).filter((c) => !!c))].sort()),
    [],
  );

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    const all = stock.data ?? [];
    return q ? all.filter((r) => [r.name, r.spec, r.sku].some((v) => v?.toLowerCase().includes(q))) : all;
  }, [stock.data, search]);

  async function scan(code: string) {
    setScanMessage(undefined);
    try {
      const found = await ok(inventory.GET('/api/inventory/products', { params: { query: { barcode: code } } }));
      if (found[0]) navigate(paths.stockItem(found[0].sku));
      else setScanMessage(t('stock.scanNotFound', { code }));
    } catch {
      setScanMessage(t('stock.scanNotFound', { code }));
    }
  }

  return (
    <section class="page" aria-labelledby="stock-title">
      <h1 id="stock-title">{t('stock.title')}</h1>
      <p class="links-row">
        <a href={paths.transfers()}>{t('transfer.title')}</a>
        {perms.countStocktakes && <a href={paths.stocktakes()}>{t('stocktake.title')}</a>}
      </p>
      <div class="toolbar">
        <div class="field grow">
          <label for="stock-search">{t('stock.search')}</label>
          <input id="stock-search" type="search" value={search} placeholder={t('stock.searchHint')} onInput={(e) => setSearch(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="stock-category">{t('stock.category')}</label>
          <select id="stock-category" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
            <option value="">{t('stock.allCategories')}</option>
            {(categories.data ?? []).map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </div>
      </div>
      <BarcodeField id="stock-scan" label={t('stock.scan')} onScan={(code) => void scan(code)} />
      {scanMessage && <p class="alert alert-error" role="alert">{scanMessage}</p>}
      <div class="chips" role="group" aria-label={t('stock.status')}>
        {(['', ...STOCK_STATUSES] as const).map((s) => (
          <button key={s || 'all'} type="button" class={`chip${s ? ` chip-${s}` : ''}${status === s ? ' active' : ''}`} aria-pressed={status === s}
            onClick={() => setStatus(s)}>
            {s ? t(statusLabel(s)) : t('stock.status.all')}
          </button>
        ))}
      </div>
      <ErrorMessage error={stock.error} onRetry={stock.reload} />
      {stock.loading && !stock.data && <Loading />}
      {stock.data && (
        <>
          <p class="muted small" aria-live="polite">{t('stock.count', { count: rows.length })}</p>
          {rows.length === 0 ? <p class="muted">{t('stock.none')}</p> : (
            <table class="table stock-table">
              <thead>
                <tr>
                  <th scope="col">{t('stock.col.product')}</th>
                  <th scope="col" class="num">{t('stock.col.onHand')}</th>
                  <th scope="col" class="num wide-only">{t('stock.col.onOrder')}</th>
                  <th scope="col" class="num wide-only">{t('stock.col.reorderPoint')}</th>
                  <th scope="col" class="num wide-only">{t('stock.col.daysOfCover')}</th>
                  <th scope="col" class="wide-only">{t('stock.col.lastSold')}</th>
                  <th scope="col">{t('stock.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const s = status === 'slow' ? 'slow' : normalizeStatus(r.status);
                  return (
                    <tr key={r.sku}>
                      <td>
                        <a href={paths.stockItem(r.sku)} class="product-link">{r.name}</a>
                        <span class="muted small block">{[r.spec, r.sku].filter(Boolean).join(' · ')}</span>
                      </td>
                      <td class="num strong">{r.onHand}</td>
                      <td class="num wide-only">{r.onOrder ?? ''}</td>
                      <td class="num wide-only">{r.reorderPoint ?? ''}</td>
                      <td class="num wide-only">{r.daysOfCover == null ? '' : t('stock.days', { count: Math.round(r.daysOfCover) })}</td>
                      <td class="wide-only">{r.lastSoldAt ? formatTime(r.lastSoldAt, true) : t('stock.never')}</td>
                      <td>{s ? <span class={`chip chip-${s} static`}>{t(statusLabel(s))}</span> : r.status}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

const PAGE = 200;

/** Every row of the branch's board (pages of 200 by sku); 滞销 and the other statuses are the server's (`status=`). */
async function loadStock(branch: string, status: StockStatus | '', category: string, signal: AbortSignal): Promise<StockRow[]> {
  const rows: StockRow[] = [];
  for (let after = ''; ;) {
    const page = await ok(inventory.GET('/api/inventory/branches/{branch}/stock', {
      params: { path: { branch }, query: { status: status || undefined, category: category || undefined, after: after || undefined, limit: PAGE } },
      signal,
    }));
    rows.push(...page);
    if (page.length < PAGE) return rows;
    after = page[page.length - 1].sku;
  }
}
