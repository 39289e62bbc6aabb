import { ok, purchasing } from '../api/services';
import { useApp } from '../context';
import { t } from '../i18n';
import { ErrorMessage, Loading, formatMoney, useLoad } from '../ui/components';
import { compareQuotes, type Quote } from './quotes';

/** 比价: every supplier's current quote for one product. Owner and hq only; for anyone else it renders (and fetches) nothing. */
export function QuoteComparison({ sku }: { sku: string }) {
  const { perms } = useApp();
  if (!perms.seeCost) return null;
  return <LoadedQuotes sku={sku} />;
}

function LoadedQuotes({ sku }: { sku: string }) {
  const { perms } = useApp();
  const quotes = useLoad((signal) => ok(purchasing.GET('/api/purchasing/quotes', { params: { query: { sku } }, signal })).then((raw) => compareQuotes(raw, sku, perms)), [sku]);
  const list = quotes.data ?? [];
  return (
    <section aria-labelledby="quotes-title">
      <h2 id="quotes-title">{t('quotes.title')}</h2>
      <ErrorMessage error={quotes.error} onRetry={quotes.reload} />
      {quotes.loading && !quotes.data && <Loading />}
      {quotes.data && list.length === 0 && <p class="muted">{t('quotes.none')}</p>}
      {list.length > 0 && <QuoteTable quotes={list} />}
    </section>
  );
}

/** One product's quotes side by side, cheapest first and marked, with what each costs above the cheapest. */
export function QuoteTable({ quotes, caption }: { quotes: Quote[]; caption?: string }) {
  return (
    <div class="table-wrap">
      <table class="table quotes-table">
        <caption class={caption ? undefined : 'visually-hidden'}>{caption ?? t('quotes.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('quotes.supplier')}</th>
            <th scope="col" class="num">{t('quotes.unitCost')}</th>
            <th scope="col" class="num">{t('quotes.minQty')}</th>
            <th scope="col" class="num">{t('quotes.leadTime')}</th>
          </tr>
        </thead>
        <tbody>
          {quotes.map((q) => (
            <tr key={q.supplierId} class={q.cheapest ? 'cheapest' : undefined}>
              <th scope="row">
                {q.supplierName}
                {q.cheapest && <span class="tag tag-ok">{t('quotes.cheapest')}</span>}
                {q.validUntil && <span class="muted small block">{t('quotes.validUntil', { date: q.validUntil })}</span>}
              </th>
              <td class="num">
                {formatMoney(q.unitCost)}
                {q.overCheapest > 0 && <span class="muted small block">+{formatMoney(q.overCheapest)}</span>}
              </td>
              <td class="num">{q.minOrderQty}</td>
              <td class="num">{q.leadTimeDays == null ? '—' : t('stock.days', { count: q.leadTimeDays })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
