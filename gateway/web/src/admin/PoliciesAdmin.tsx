import { useEffect, useState } from 'preact/hooks';
import { inventory, ok } from '../api/services';
import { ApiError, get, put } from '../api/client';
import { useApp } from '../context';
import { t, type MessageKey } from '../i18n';
import { ErrorMessage, Field, Loading, Notice, useLoad } from '../ui/components';
import { useSubmit } from '../ui/useSubmit';
import { AdminHeader } from './AdminScreen';
import type { Product } from './ProductsAdmin';
import { categoryBody, policyBody, previewPath, readable, toForm, type CategoryForm, type PolicyForm, type PolicyPreview } from './policies';

const POLICY_KEYS: Array<keyof PolicyForm> = ['reorderPoint', 'maxLevel', 'leadTimeDays', 'slowMoverDays'];
const CATEGORY_KEYS: Array<keyof CategoryForm> = ['leadTimeDays', 'coverDays', 'lookBackDays', 'safetyFactor'];

/**
 * 补货策略: a product's policy at a branch and its category's defaults. While the owner types, the reorder point and the
 * suggested quantity are the server's own computation on the product's sales (the preview endpoint), never a copy here.
 */
export function PoliciesAdmin() {
  const app = useApp();
  const [branch, setBranch] = useState(app.branch);
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState('');
  const products = useLoad((signal) => ok(inventory.GET('/api/inventory/products', { params: { query: { search: applied || undefined } }, signal })), [applied]);
  const [sku, setSku] = useState('');
  const chosenBranch = branch || app.branches[0]?.code || '';
  const product = (products.data ?? []).find((p) => p.sku === sku && !p.discontinued);

  return (
    <section class="page narrow" aria-labelledby="policies-title">
      <AdminHeader id="policies-title" title={t('admin.policies')} />
      <ErrorMessage error={products.error} />
      <div class="field">
        <label for="policy-branch">{t('admin.policy.branch')}</label>
        <select id="policy-branch" value={chosenBranch} onChange={(e) => setBranch(e.currentTarget.value)}>
          {app.branches.map((b) => <option key={b.code} value={b.code}>{b.name}</option>)}
        </select>
      </div>
      <form class="row" role="search" onSubmit={(e) => { e.preventDefault(); setApplied(search.trim()); }}>
        <Field label={t('admin.products.search')} name="search" idPrefix="policy" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        <button type="submit" class="btn">{t('admin.products.find')}</button>
      </form>
      <div class="field">
        <label for="policy-product">{t('admin.policy.product')}</label>
        <select id="policy-product" value={sku} onChange={(e) => setSku(e.currentTarget.value)}>
          <option value="">{t('admin.policy.chooseProduct')}</option>
          {(products.data ?? []).filter((p) => !p.discontinued).map((p) => <option key={p.sku} value={p.sku}>{p.name} {p.spec} · {p.sku}</option>)}
        </select>
      </div>
      {products.loading && !products.data && <Loading />}
      {product && chosenBranch && <PolicyEditor key={`${chosenBranch}/${product.sku}`} branch={chosenBranch} product={product} />}
    </section>
  );
}

function PolicyEditor({ branch, product }: { branch: string; product: Product }) {
  const { perms } = useApp();
  const saved = useLoad((signal) => Promise.all([
    ok(inventory.GET('/api/inventory/branches/{branch}/stock/{sku}', { params: { path: { branch, sku: product.sku } }, signal })),
    ok(inventory.GET('/api/inventory/categories/{category}/policy', { params: { path: { category: product.category } }, signal })),
  ]), []);
  if (saved.error) return <ErrorMessage error={saved.error} onRetry={saved.reload} />;
  if (!saved.data) return <Loading />;
  return <PolicyForms branch={branch} product={product} canSetCategory={perms.setCategoryPolicies}
    policy={toForm<PolicyForm>(POLICY_KEYS, saved.data[0].policy)} category={toForm<CategoryForm>(CATEGORY_KEYS, saved.data[1].set)} />;
}

function PolicyForms({ branch, product, policy, category, canSetCategory }:
  { branch: string; product: Product; policy: PolicyForm; category: CategoryForm; canSetCategory: boolean }) {
  const [p, setP] = useState(policy);
  const [c, setC] = useState(category);
  const [notice, setNotice] = useState<string>();
  const preview = usePreview(branch, product.sku, p, c);
  const saveProduct = useSubmit((key) => put(`/api/inventory/branches/${encodeURIComponent(branch)}/products/${encodeURIComponent(product.sku)}/policy`,
    policyBody(p), { idempotencyKey: key }), () => setNotice(t('admin.policy.saved', { name: product.name })));
  const saveCategory = useSubmit((key) => put(`/api/inventory/categories/${encodeURIComponent(product.category)}/policy`, categoryBody(c),
    { idempotencyKey: key }), () => setNotice(t('admin.policy.categorySaved', { category: product.category })));
  // The server's words for a field: the save's answer first, else what the live preview was told.
  const errors = (saveErrors: Record<string, string[]>, name: string) => saveErrors[name] ?? preview.fields[name];
  const number = { type: 'text', inputMode: 'decimal', autoComplete: 'off' } as const;

  return (
    <>
      {notice && <Notice onDone={() => setNotice(undefined)}>{notice}</Notice>}
      {!preview.loading && preview.error ? <ErrorMessage error={preview.error} /> : <PreviewFigures preview={preview.data} loading={preview.loading} />}
      <form class="card form" onSubmit={saveProduct.submit} aria-labelledby="product-policy-title" noValidate>
        <h2 id="product-policy-title">{t('admin.policy.productTitle', { name: product.name })}</h2>
        <p class="muted small">{t('admin.policy.productHint')}</p>
        <div class="row">
          {POLICY_KEYS.slice(0, 2).map((k) => (
            <Field key={k} label={t(`admin.policy.${k}` as MessageKey)} name={k} idPrefix="policy" value={p[k]} error={errors(saveProduct.fields, k)}
              onInput={(e) => setP({ ...p, [k]: e.currentTarget.value })} {...number} />
          ))}
        </div>
        <div class="row">
          {POLICY_KEYS.slice(2).map((k) => (
            <Field key={k} label={t(`admin.policy.${k}` as MessageKey)} name={k} idPrefix="policy" value={p[k]} error={errors(saveProduct.fields, k)}
              onInput={(e) => setP({ ...p, [k]: e.currentTarget.value })} {...number} />
          ))}
        </div>
        <ErrorMessage error={Object.keys(saveProduct.fields).length ? undefined : saveProduct.error} />
        <button type="submit" class="btn btn-primary" disabled={saveProduct.busy}>{t('admin.policy.save')}</button>
      </form>
      <form class="card form" onSubmit={saveCategory.submit} aria-labelledby="category-policy-title" noValidate>
        <h2 id="category-policy-title">{t('admin.policy.categoryTitle', { category: product.category })}</h2>
        <p class="muted small">{t('admin.policy.categoryHint')}</p>
        <div class="row">
          {CATEGORY_KEYS.slice(0, 2).map((k) => (
            <Field key={k} label={t(`admin.category.${k}` as MessageKey)} name={k} idPrefix="category" value={c[k]} disabled={!canSetCategory}
              error={saveCategory.fields[k] ?? (k === 'leadTimeDays' ? undefined : preview.fields[k])}
              onInput={(e) => setC({ ...c, [k]: e.currentTarget.value })} {...number} />
          ))}
        </div>
        <div class="row">
          {CATEGORY_KEYS.slice(2).map((k) => (
            <Field key={k} label={t(`admin.category.${k}` as MessageKey)} name={k} idPrefix="category" value={c[k]} disabled={!canSetCategory}
              error={saveCategory.fields[k] ?? preview.fields[k]} onInput={(e) => setC({ ...c, [k]: e.currentTarget.value })} {...number} />
          ))}
        </div>
        <ErrorMessage error={Object.keys(saveCategory.fields).length ? undefined : saveCategory.error} />
        {canSetCategory && <button type="submit" class="btn btn-primary" disabled={saveCategory.busy}>{t('admin.policy.saveCategory')}</button>}
      </form>
    </>
  );
}

/** The preview for what is typed now: asked a moment after the typing pauses; an older answer never replaces a newer one. */
function usePreview(branch: string, sku: string, p: PolicyForm, c: CategoryForm) {
  const [state, setState] = useState<{ data?: PolicyPreview; fields: Record<string, string[]>; loading: boolean; error?: unknown }>({ fields: {}, loading: true });
  const path = previewPath(branch, sku, p, c);
  const ok = readable(...Object.values(p), ...Object.values(c));
  useEffect(() => {
    if (!ok) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      get<PolicyPreview>(path, { signal: controller.signal }).then(
        (data) => setState({ data, fields: {}, loading: false }),
        (error) => {
          if (controller.signal.aborted) return;
          // Refused figures compute nothing: the old figures go, so they are not read as the answer to what is typed now.
          const refused = error instanceof ApiError && error.status === 400;
          const fields = error instanceof ApiError ? error.describe().fields : {};
          // A failure that names no field (the network, a refusal) is shown where the figures would be.
          setState((s) => ({ data: refused ? undefined : s.data, fields, loading: false, error: Object.keys(fields).length ? undefined : error }));
        });
    }, 250);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [path, ok]);
  return state;
}

/** The figures the server computed for what is typed: what alerts will use, and what an order would suggest now. */
function PreviewFigures({ preview, loading }: { preview?: PolicyPreview; loading: boolean }) {
  if (!preview) return loading ? <Loading /> : null;
  const c = preview.computed;
  const source = t(`admin.policy.source.${preview.effective.source}` as MessageKey);
  return (
    <section class="card" aria-labelledby="preview-title" aria-live="polite" aria-busy={loading}>
      <h2 id="preview-title">{t('admin.policy.preview')}</h2>
      <dl class="figures">
        <dt>{t('admin.policy.reorderPointInForce')}</dt>
        <dd data-testid="preview-reorder-point">{preview.effective.reorderPoint ?? '—'} <span class="muted small">{source}</span></dd>
        <dt>{t('admin.policy.maxLevelInForce')}</dt>
        <dd data-testid="preview-max-level">{preview.effective.maxLevel ?? '—'}</dd>
        <dt>{t('admin.policy.suggested')}</dt>
        <dd data-testid="preview-suggested">{preview.suggestedQuantity ?? '—'}</dd>
        <dt>{t('admin.policy.onHand')}</dt>
        <dd>{t('admin.policy.stockFigures', { onHand: preview.onHand, onOrder: preview.onOrder, inTransit: preview.inTransit })}</dd>
      </dl>
      {c ? (
        <p class="muted small" data-testid="preview-computed">
          {t('admin.policy.computedFrom', {
            average: c.averageDailySales, days: c.daysUsed, lead: preview.settings.leadTimeDays, safety: c.safetyStock,
            cover: preview.settings.coverDays, point: c.reorderPoint, max: c.maxLevel,
          })}
        </p>
      ) : (
        <p class="muted small" data-testid="preview-computed">{t('admin.policy.notEnoughSales', { days: preview.settings.lookBackDays })}</p>
      )}
      {preview.wouldAlert && <p class="chip chip-low static">{t('admin.policy.wouldAlert')}</p>}
    </section>
  );
}
