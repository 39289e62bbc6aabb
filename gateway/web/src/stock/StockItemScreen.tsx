import { useState } from 'preact/hooks';
import { newId, post } from '../api/client';
import { inventory, ok } from '../api/services';
import { useApp } from '../context';
import { t, type MessageKey } from '../i18n';
import { paths } from '../router';
import { ErrorMessage, Field, Loading, Notice, formatMoney, formatTime, useLoad } from '../ui/components';
import { useSubmit } from '../ui/useSubmit';
import { suggestReorder } from '../chat/houseFormat';
import { QuoteComparison } from '../purchasing/QuoteComparison';
import { normalizeStatus, statusLabel } from './status';
import type { LedgerEntry, StockItem } from './types';

type FormKind = 'sale' | 'receipt' | 'adjustment' | 'purchaseList';

export function StockItemScreen({ sku }: { sku: string }) {
  const { branch, perms } = useApp();
  const item = useLoad(
    (signal) => loadStockItem(branch, sku, signal),
    [branch, sku],
  );
  const [form, setForm] = useState<FormKind>();
  const [notice, setNotice] = useState<string>();

  const base = `/api/inventory/branches/${encodeURIComponent(branch)}`;
  const done = (message: string) => { setForm(undefined); setNotice(message); item.reload(); };
  const forms: Array<[FormKind, MessageKey, boolean]> = [
    ['sale', 'stock.sale', perms.recordSale],
    ['receipt', 'stock.receipt', perms.recordReceipt],
    ['adjustment', 'stock.adjustment', perms.adjustStock],
    ['purchaseList', 'stock.addToList', perms.addToPurchaseList],
  ];

  const history = item.data?.history;
  const data = history?.stock;
  const status = normalizeStatus(data?.status);
  // The figures in force (set by hand, the category's default or computed from sales), the rest as set.
  const policy = history && {
    ...history.policy,
    reorderPoint: history.effectivePolicy.reorderPoint ?? history.policy.reorderPoint,
    maxLevel: history.effectivePolicy.maxLevel ?? history.policy.maxLevel,
  };
  const ledger = history?.ledger ?? [];

  return (
    <section class="page" aria-labelledby="item-title">
      <a href={paths.stock()} class="small">‹ {t('stock.title')}</a>
      <h1 id="item-title">{data?.name ?? sku} {status && <span class={`chip chip-${status} static`}>{t(statusLabel(status))}</span>}</h1>
      {data && <p class="muted">{[data.spec, data.sku].filter(Boolean).join(' · ')}</p>}
      <ErrorMessage error={item.error} onRetry={item.reload} />
      {item.loading && !data && <Loading />}
      {notice && <Notice onDone={() => setNotice(undefined)}>{notice}</Notice>}
      {data && (
        <>
          <h2>{t('stock.position')}</h2>
          <dl class="stats">
            <Stat label={t('stock.col.onHand')} value={data.onHand} strong />
            <Stat label={t('stock.col.onOrder')} value={data.onOrder} />
            <Stat label={t('stock.col.inTransit')} value={data.inTransit} />
            <Stat label={t('stock.col.daysOfCover')} value={data.daysOfCover == null ? undefined : t('stock.days', { count: Math.round(data.daysOfCover) })} />
            <Stat label={t('stock.col.lastSold')} value={data.lastSoldAt ? formatTime(data.lastSoldAt, true) : t('stock.never')} />
            <Stat label={t('stock.suggested')} value={history?.suggestedQuantity || undefined} />
          </dl>
          <h2>{t('stock.policy')}</h2>
          <dl class="stats">
            <Stat label={t('stock.col.reorderPoint')} value={policy?.reorderPoint} />
            <Stat label={t('stock.col.maxLevel')} value={policy?.maxLevel} />
            <Stat label={t('stock.col.leadTime')} value={policy?.leadTimeDays == null ? undefined : t('stock.days', { count: policy.leadTimeDays })} />
            <Stat label={t('stock.col.slowMoverDays')} value={policy?.slowMoverDays == null ? undefined : t('stock.days', { count: policy.slowMoverDays })} />
          </dl>

          <QuoteComparison sku={data.sku || sku} />

          <div class="chips" role="group" aria-label={t('stock.record')}>
            {forms.filter(([, , allowed]) => allowed).map(([kind, label]) => (
              <button key={kind} type="button" class={`chip${form === kind ? ' active' : ''}`} aria-expanded={form === kind}
                aria-controls="stock-form" onClick={() => setForm(form === kind ? undefined : kind)}>{t(label)}</button>
            ))}
          </div>
          <div id="stock-form">
            {form === 'sale' && <SaleForm base={base} item={item.data!} onDone={() => done(t('stock.saved'))} />}
            {form === 'receipt' && <ReceiptForm base={base} item={item.data!} onDone={() => done(t('stock.saved'))} />}
            {form === 'adjustment' && <AdjustmentForm base={base} item={item.data!} onDone={() => done(t('stock.saved'))} />}
            {form === 'purchaseList' && <PurchaseListForm branch={branch} item={item.data!} onDone={() => done(t('stock.addedToList'))} />}
          </div>

          <h2>{t('stock.ledger')}</h2>
          <Ledger entries={ledger} />
        </>
      )}
    </section>
  );
}

/** The branch's position and ledger, and the catalogue entry for its pack size and retail price. */
async function loadStockItem(branch: string, sku: string, signal: AbortSignal): Promise<StockItem> {
  const [history, products] = await Promise.all([
    ok(inventory.GET('/api/inventory/branches/{branch}/stock/{sku}', { params: { path: { branch, sku } }, signal })),
    ok(inventory.GET('/api/inventory/products', { params: { query: { search: sku } }, signal })),
  ]);
  return { history, product: products.find((p) => p.sku === sku) };
}

function Stat({ label, value, strong }: { label: string; value: unknown; strong?: boolean }) {
  if (value === undefined || value === null || value === '') return null;
  return <div class="stat"><dt>{label}</dt><dd class={strong ? 'strong' : undefined}>{String(value)}</dd></div>;
}

function Ledger({ entries }: { entries: LedgerEntry[] }) {
  if (entries.length === 0) return <p class="muted">{t('stock.ledger.empty')}</p>;
  const kindLabel = (k?: string) => {
    const key = `stock.ledger.${k ?? ''}` as MessageKey;
    const text = t(key);
    return text === key ? k ?? '' : text;
  };
  const reasonLabel = (r: string) => {
    const key = `stock.reason.${r}` as MessageKey;
    const text = t(key);
    return text === key ? r : text;
  };
  return (
    <table class="table">
      <thead>
        <tr>
          <th scope="col">{t('stock.ledger.when')}</th>
          <th scope="col">{t('stock.ledger.what')}</th>
          <th scope="col" class="num">{t('stock.ledger.change')}</th>
          <th scope="col" class="num">{t('stock.ledger.balance')}</th>
          <th scope="col" class="wide-only">{t('stock.ledger.reference')}</th>
        </tr>
      </thead>
      <tbody>
        {[...entries].reverse().map((e, i) => {
          const delta = e.quantity;
          return (
            <tr key={i}>
              <td>{formatTime(e.occurredAt ?? e.at, true)}</td>
              <td>{kindLabel(e.kind)}{e.reason && e.kind === 'adjusted' ? ` · ${reasonLabel(e.reason)}` : ''}{e.note ? ` · ${e.note}` : ''}</td>
              <td class={`num ${delta < 0 ? 'negative' : 'positive'}`}>{delta ? (delta > 0 ? `+${delta}` : delta) : ''}</td>
              <td class="num">{e.balance}</td>
              <td class="wide-only">{e.reference ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface FormProps { base: string; item: StockItem; onDone: () => void }

const reference = (prefix: string) => `${prefix}-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${newId().slice(0, 6)}`;

function SaleForm({ base, item, onDone }: FormProps) {
  const [quantity, setQuantity] = useState('1');
  const [unitPrice, setUnitPrice] = useState(item.product ? formatMoney(item.product.retailPrice) : '');
  const [ref, setRef] = useState('');
  const s = useSubmit((key) => post(`${base}/sales`, {
    reference: ref.trim() || reference('POS'),
    soldAt: new Date().toISOString(),
    // No price typed: the server charges the catalogue's retail price.
    lines: [{ sku: item.history.stock.sku, quantity: Number(quantity), ...(unitPrice.trim() ? { unitPrice: Number(unitPrice) } : {}) }],
  }, { idempotencyKey: key }), onDone);
  const line = (f: string) => s.fields[`lines[0].${f}`] ?? s.fields[f];
  return (
    <form class="card form" onSubmit={s.submit} aria-labelledby="sale-title">
      <h3 id="sale-title">{t('stock.sale')}</h3>
      <div class="row">
        <Field label={t('stock.quantity')} name="quantity" idPrefix="sale" type="number" inputMode="numeric" min={1} step={1} required value={quantity}
          error={line('quantity')} onInput={(e) => setQuantity(e.currentTarget.value)} />
        <Field label={t('stock.unitPrice')} name="unitPrice" idPrefix="sale" type="number" inputMode="decimal" min={0} step="0.01" value={unitPrice}
          hint={unitPrice ? undefined : t('stock.unitPriceHint')}
          error={line('unitPrice')} onInput={(e) => setUnitPrice(e.currentTarget.value)} />
      </div>
      <Field label={t('stock.reference')} name="reference" idPrefix="sale" value={ref} error={s.fields.reference} onInput={(e) => setRef(e.currentTarget.value)} />
      <ErrorMessage error={Object.keys(s.fields).length ? undefined : s.error} />
      <button type="submit" class="btn btn-primary" disabled={s.busy}>{t('app.save')}</button>
    </form>
  );
}

function ReceiptForm({ base, item, onDone }: FormProps) {
  const packSize = item.product?.packSize ?? 1;
  const [quantity, setQuantity] = useState(String(packSize > 1 ? packSize : 1));
  const [ref, setRef] = useState('');
  const s = useSubmit((key) => post(`${base}/receipts`, {
    reference: ref.trim() || reference('GR'),
    lines: [{ sku: item.history.stock.sku, quantity: Number(quantity) }],
  }, { idempotencyKey: key }), onDone);
  return (
    <form class="card form" onSubmit={s.submit} aria-labelledby="receipt-title">
      <h3 id="receipt-title">{t('stock.receipt')}</h3>
      <Field label={t('stock.quantity')} name="quantity" idPrefix="receipt" type="number" inputMode="numeric" min={1} step={1} required value={quantity}
        error={s.fields['lines[0].quantity'] ?? s.fields.quantity} onInput={(e) => setQuantity(e.currentTarget.value)} />
      <Field label={t('stock.reference')} name="reference" idPrefix="receipt" value={ref} error={s.fields.reference} onInput={(e) => setRef(e.currentTarget.value)} />
      <ErrorMessage error={Object.keys(s.fields).length ? undefined : s.error} />
      <button type="submit" class="btn btn-primary" disabled={s.busy}>{t('app.save')}</button>
    </form>
  );
}

const REASONS = ['count', 'correction', 'damage', 'loss', 'theft', 'found'] as const;

function AdjustmentForm({ base, item, onDone }: FormProps) {
  const [delta, setDelta] = useState('-1');
  const [reason, setReason] = useState<string>('count');
  const [note, setNote] = useState('');
  const s = useSubmit((key) => post(`${base}/adjustments`, { sku: item.history.stock.sku, delta: Number(delta), reason, note: note.trim() }, { idempotencyKey: key }), onDone);
  return (
    <form class="card form" onSubmit={s.submit} aria-labelledby="adjust-title">
      <h3 id="adjust-title">{t('stock.adjustment')}</h3>
      <Field label={t('stock.delta')} name="delta" idPrefix="adjust" type="number" inputMode="numeric" step={1} required value={delta}
        error={s.fields.delta} onInput={(e) => setDelta(e.currentTarget.value)} />
      <div class="field">
        <label for="adjust-reason">{t('stock.reason')}</label>
        <select id="adjust-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
          {REASONS.map((r) => <option key={r} value={r}>{t(`stock.reason.${r}` as MessageKey)}</option>)}
        </select>
        {s.fields.reason && <small class="field-error">{s.fields.reason.join('；')}</small>}
      </div>
      <Field label={t('stock.note')} name="note" idPrefix="adjust" value={note} error={s.fields.note} onInput={(e) => setNote(e.currentTarget.value)} />
      <ErrorMessage error={Object.keys(s.fields).length ? undefined : s.error} />
      <button type="submit" class="btn btn-primary" disabled={s.busy}>{t('app.save')}</button>
    </form>
  );
}

function PurchaseListForm({ branch, item, onDone }: { branch: string; item: StockItem; onDone: () => void }) {
  const { stock, effectivePolicy } = item.history;
  const packSize = item.product?.packSize;
  const suggested = item.history.suggestedQuantity || suggestReorder({
    onHand: stock.onHand, onOrder: stock.onOrder, packSize,
    reorderPoint: effectivePolicy.reorderPoint ?? undefined, maxLevel: effectivePolicy.maxLevel ?? undefined,
  });
  const [quantity, setQuantity] = useState(String(suggested || packSize || 1));
  const [note, setNote] = useState('');
  const s = useSubmit((key) => post(`/api/purchasing/branches/${encodeURIComponent(branch)}/purchase-list`,
    { sku: stock.sku, quantity: Number(quantity), note: note.trim() }, { idempotencyKey: key }), onDone);
  return (
    <form class="card form" onSubmit={s.submit} aria-labelledby="plist-title">
      <h3 id="plist-title">{t('stock.addToList')}</h3>
      <Field label={t('stock.quantity')} name="quantity" idPrefix="plist" type="number" inputMode="numeric" min={1} step={1} required value={quantity}
        error={s.fields.quantity} onInput={(e) => setQuantity(e.currentTarget.value)} />
      <Field label={t('stock.note')} name="note" idPrefix="plist" value={note} error={s.fields.note} onInput={(e) => setNote(e.currentTarget.value)} />
      <ErrorMessage error={Object.keys(s.fields).length ? undefined : s.error} />
      <button type="submit" class="btn btn-primary" disabled={s.busy}>{t('stock.addToList')}</button>
    </form>
  );
}
