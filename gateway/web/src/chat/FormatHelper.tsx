import { useEffect, useState } from 'preact/hooks';
import { inventory, ok } from '../api/services';
import { useApp } from '../context';
import { t } from '../i18n';
import type { Product } from '../stock/types';
import { Dialog, ErrorMessage, Field } from '../ui/components';
import { formatHouseReport, suggestReorder, validateHouseReport, type HouseReport } from './houseFormat';

/** Pick a product and the house-format report ([名称][规格][库存][建议]) fills itself in; the clerk corrects the count. */
export function FormatHelper({ onClose, onInsert }: { onClose: () => void; onInsert: (text: string) => void }) {
  const { branch } = useApp();
  const [search, setSearch] = useState('');
  const [results, setResults] = useState<Product[]>([]);
  const [searched, setSearched] = useState(false);
  const [error, setError] = useState<unknown>();
  const [report, setReport] = useState<HouseReport>();
  const [systemStock, setSystemStock] = useState<number>();

  useEffect(() => {
    const text = search.trim();
    if (!text) { setResults([]); setSearched(false); return; }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      ok(inventory.GET('/api/inventory/products', { params: { query: { search: text } }, signal: controller.signal }))
        .then((products) => { setResults(products.slice(0, 20)); setSearched(true); setError(undefined); })
        .catch((e) => { if ((e as Error)?.name !== 'AbortError') setError(e); });
    }, 250);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [search]);

  async function pick(p: Product) {
    setReport({ name: p.name, spec: p.spec ?? '', stock: 0, suggest: 0 });
    setSystemStock(undefined);
    if (!branch) return;
    try {
      const { stock, effectivePolicy, suggestedQuantity } = await ok(inventory.GET('/api/inventory/branches/{branch}/stock/{sku}',
        { params: { path: { branch, sku: p.sku } } }));
      setSystemStock(stock.onHand);
      setReport((r) => r && {
        ...r,
        stock: stock.onHand,
        suggest: suggestedQuantity || suggestReorder({
          onHand: stock.onHand, onOrder: stock.onOrder, packSize: p.packSize,
          reorderPoint: effectivePolicy.reorderPoint ?? undefined, maxLevel: effectivePolicy.maxLevel ?? undefined,
        }),
      });
    } catch {
      // No stock record yet in this branch: the clerk types the count.
    }
  }

  const invalid = report ? validateHouseReport(report) : [];
  const int = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
  return (
    <Dialog title={t('chat.formatHelper.title')} onClose={onClose}>
      {!report ? (
        <div class="form">
          <Field label={t('chat.formatHelper.search')} name="search" idPrefix="helper" type="search" value={search}
            hint={t('chat.formatHelper.searchHint')} autoFocus onInput={(e) => setSearch(e.currentTarget.value)} />
          <ErrorMessage error={error} />
          {searched && results.length === 0 && <p class="muted">{t('chat.formatHelper.noResults')}</p>}
          <ul class="pick-list">
            {results.map((p) => (
              <li key={p.sku}>
                <button type="button" class="pick" onClick={() => void pick(p)}>
                  <span>{p.name}</span> <span class="muted">{[p.spec, p.brand, p.sku].filter(Boolean).join(' · ')}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <form class="form" onSubmit={(e) => { e.preventDefault(); if (!invalid.length) onInsert(formatHouseReport(report)); }}>
          <Field label={t('chat.formatHelper.name')} name="name" idPrefix="helper" value={report.name} required
            error={invalid.includes('name') ? [t('error.field.required')] : undefined}
            onInput={(e) => setReport({ ...report, name: e.currentTarget.value })} />
          <Field label={t('chat.formatHelper.spec')} name="spec" idPrefix="helper" value={report.spec}
            onInput={(e) => setReport({ ...report, spec: e.currentTarget.value })} />
          <div class="row">
            <Field label={t('chat.formatHelper.stock')} name="stock" idPrefix="helper" type="number" inputMode="numeric" min={0} step={1}
              value={Number.isNaN(report.stock) ? '' : report.stock}
              hint={systemStock !== undefined ? t('chat.formatHelper.systemStock', { count: systemStock }) : undefined}
              error={invalid.includes('stock') ? [t('error.field.integer')] : undefined}
              onInput={(e) => setReport({ ...report, stock: int(e.currentTarget.value) })} />
            <Field label={t('chat.formatHelper.suggest')} name="suggest" idPrefix="helper" type="number" inputMode="numeric" min={0} step={1}
              value={Number.isNaN(report.suggest) ? '' : report.suggest}
              error={invalid.includes('suggest') ? [t('error.field.integer')] : undefined}
              onInput={(e) => setReport({ ...report, suggest: int(e.currentTarget.value) })} />
          </div>
          <p><span class="muted">{t('chat.formatHelper.preview')}：</span><code class="preview">{invalid.length ? '—' : formatHouseReport(report)}</code></p>
          <div class="row">
            <button type="button" class="btn btn-secondary" onClick={() => setReport(undefined)}>{t('app.back')}</button>
            <button type="submit" class="btn btn-primary" disabled={invalid.length > 0}>{t('chat.formatHelper.insert')}</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
