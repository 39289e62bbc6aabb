import type { Product } from '../stock/types';
import { inventory, ok } from '../api/services';
import { useState } from 'preact/hooks';
import { post, put } from '../api/client';
import { t } from '../i18n';
import { BarcodeScan } from '../ui/BarcodeScan';
import { ErrorMessage, Field, Loading, Notice, formatMoney, useLoad } from '../ui/components';
import { useSubmit } from '../ui/useSubmit';
import { AdminHeader } from './AdminScreen';

export type { Product } from '../stock/types';

/** 商品: search the catalogue, register a product, change one, discontinue one. */
export function ProductsAdmin() {
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState('');
  const list = useLoad((signal) => ok(inventory.GET('/api/inventory/products', { params: { query: { search: applied || undefined } }, signal })), [applied]);
  const [editing, setEditing] = useState<Product | 'new'>();
  const [notice, setNotice] = useState<string>();
  const done = (message: string) => { setEditing(undefined); setNotice(message); list.reload(); };

  return (
    <section class="page" aria-labelledby="products-title">
      <AdminHeader id="products-title" title={t('admin.products')} />
      {notice && <Notice onDone={() => setNotice(undefined)}>{notice}</Notice>}
      <form class="row" role="search" onSubmit={(e) => { e.preventDefault(); setApplied(search.trim()); }}>
        <Field label={t('admin.products.search')} name="search" idPrefix="products" type="search" value={search}
          onInput={(e) => setSearch(e.currentTarget.value)} />
        <button type="submit" class="btn">{t('admin.products.find')}</button>
      </form>
      <button type="button" class="btn btn-primary" aria-expanded={editing === 'new'} onClick={() => setEditing(editing === 'new' ? undefined : 'new')}>
        {t('admin.product.register')}
      </button>
      {editing === 'new' && <ProductForm onDone={(p) => done(t('admin.product.registered', { name: p.name }))} />}
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.length === 0 && <p class="muted">{t('admin.products.none')}</p>}
      {list.data && list.data.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('admin.product.name')}</th>
              <th scope="col" class="wide-only">{t('admin.product.sku')}</th>
              <th scope="col" class="num">{t('admin.product.retailPrice')}</th>
              <th scope="col"><span class="visually-hidden">{t('admin.product.edit')}</span></th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((p) => (
              <tr key={p.sku} class={p.discontinued ? 'muted' : undefined}>
                <td>{p.name} <span class="muted small">{p.spec}</span>{p.discontinued && <span class="chip static">{t('admin.product.discontinued')}</span>}</td>
                <td class="wide-only">{p.sku}</td>
                <td class="num">{formatMoney(p.retailPrice)}</td>
                <td>
                  {!p.discontinued && (
                    <button type="button" class="btn btn-small" aria-label={`${t('admin.product.edit')} ${p.name}`}
                      onClick={() => setEditing(editing !== 'new' && editing?.sku === p.sku ? undefined : p)}>{t('admin.product.edit')}</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && editing !== 'new' && (
        <>
          <ProductForm product={editing} onDone={(p) => done(t('admin.product.changed', { name: p.name }))} />
          <DiscontinueForm product={editing} onDone={() => done(t('admin.product.discontinuedNotice', { name: editing.name }))} />
        </>
      )}
    </section>
  );
}

/** Registers a product, or changes one (its sku stays). The server's problems show next to the fields they name. */
function ProductForm({ product, onDone }: { product?: Product; onDone: (p: Product) => void }) {
  const [f, setF] = useState({
    sku: product?.sku ?? '', name: product?.name ?? '', spec: product?.spec ?? '', brand: product?.brand ?? '',
    category: product?.category ?? '', unit: product?.unit ?? '支', barcode: product?.barcode ?? '',
    retailPrice: product ? String(product.retailPrice) : '', packSize: product ? String(product.packSize) : '1',
  });
  const set = (name: keyof typeof f) => (e: { currentTarget: HTMLInputElement }) => setF({ ...f, [name]: e.currentTarget.value });
  const body = () => ({
    sku: f.sku.trim(), name: f.name.trim(), spec: f.spec.trim(), brand: f.brand.trim(), category: f.category.trim(), unit: f.unit.trim(),
    barcode: f.barcode.trim() || null, retailPrice: f.retailPrice.trim() === '' ? null : Number(f.retailPrice),
    packSize: f.packSize.trim() === '' ? null : Number(f.packSize),
  });
  const s = useSubmit((key) => product
    ? put<Product>(`/api/inventory/products/${encodeURIComponent(product.sku)}`, body(), { idempotencyKey: key })
    : post<Product>('/api/inventory/products', body(), { idempotencyKey: key }), (p) => onDone(p ?? (body() as unknown as Product)));
  const id = product ? 'change-product' : 'new-product';
  const field = (name: keyof typeof f, label: string, extra: Record<string, unknown> = {}) => (
    <Field label={label} name={name} idPrefix={id} value={f[name]} error={s.fields[name]} onInput={set(name)} {...extra} />
  );
  return (
    <form class="card form" onSubmit={s.submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{product ? t('admin.product.change', { name: product.name }) : t('admin.product.register')}</h2>
      {!product && field('sku', t('admin.product.sku'), { required: true, autoCapitalize: 'none', spellcheck: false, hint: t('admin.product.skuHint') })}
      {field('name', t('admin.product.name'), { required: true })}
      <div class="row">
        {field('spec', t('admin.product.spec'))}
        {field('brand', t('admin.product.brand'))}
      </div>
      <div class="row">
        {field('category', t('admin.product.category'), { required: true })}
        {field('unit', t('admin.product.unit'), { required: true })}
      </div>
      {field('barcode', t('admin.product.barcode'), { inputMode: 'numeric', autoComplete: 'off', hint: t('admin.product.barcodeHint') })}
      <BarcodeScan id={`${id}-barcode`} onCode={(barcode) => setF((current) => ({ ...current, barcode }))} />
      <div class="row">
        {field('retailPrice', t('admin.product.retailPrice'), { type: 'number', inputMode: 'decimal', min: 0, step: '0.01', required: true })}
        {field('packSize', t('admin.product.packSize'), { type: 'number', inputMode: 'numeric', min: 1, step: 1, required: true })}
      </div>
      <ErrorMessage error={Object.keys(s.fields).length ? undefined : s.error} />
      <button type="submit" class="btn btn-primary" disabled={s.busy}>{product ? t('app.save') : t('admin.product.register')}</button>
    </form>
  );
}

function DiscontinueForm({ product, onDone }: { product: Product; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const s = useSubmit((key) => post(`/api/inventory/products/${encodeURIComponent(product.sku)}/discontinue`, { reason: reason.trim() || null },
    { idempotencyKey: key }), onDone);
  return (
    <form class="card form" onSubmit={s.submit} aria-labelledby="discontinue-title" noValidate>
      <h2 id="discontinue-title">{t('admin.product.discontinue')}</h2>
      <Field label={t('admin.product.discontinueReason')} name="reason" idPrefix="discontinue" value={reason} error={s.fields.reason}
        onInput={(e) => setReason(e.currentTarget.value)} />
      <ErrorMessage error={Object.keys(s.fields).length ? undefined : s.error} />
      <button type="submit" class="btn btn-danger" disabled={s.busy}>{t('admin.product.discontinue')}</button>
    </form>
  );
}
