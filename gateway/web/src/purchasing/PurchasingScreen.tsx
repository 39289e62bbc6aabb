import { useState } from 'preact/hooks';
import { ApiError, del, patch, post } from '../api/client';
import { inventory, ok, purchasing, type PurchasingSchema } from '../api/services';
import { useApp } from '../context';
import { t, type MessageKey } from '../i18n';
import { paths } from '../router';
import { withoutCosts } from '../session/permissions';
import { ErrorMessage, Loading, Notice, formatMoney, formatTime, useLoad } from '../ui/components';
import { useSubmit } from '../ui/useSubmit';
import type { Product } from '../stock/types';
import { MAX_QUANTITY, linesWithoutSupplier, quantityEdit, roundingNote, supplierOptions, type SupplierSummary } from './ordering';
import { normalizePoStatus, orderFrom, type PurchaseListItem } from './types';

export function PurchasingScreen() {
  const { perms } = useApp();
  // Orders just placed from the list show up in the orders below at once.
  const [placed, setPlaced] = useState(0);
  return (
    <section class="page" aria-labelledby="purchasing-title">
      <h1 id="purchasing-title">{perms.isSupplier ? t('nav.orders') : t('purchasing.title')}</h1>
      {perms.viewPurchasing && <PurchaseList onPlaced={() => setPlaced((n) => n + 1)} />}
      <OrderList placed={placed} />
    </section>
  );
}

function PurchaseList({ onPlaced }: { onPlaced: () => void }) {
  const { branch, perms } = useApp();
  const [created, setCreated] = useState<string[]>();
  const [left, setLeft] = useState(0);
  const list = useLoad(
    (signal) => ok(purchasing.GET('/api/purchasing/branches/{branch}/purchase-list', { params: { path: { branch } }, signal }))
      .then((list) => (list.items ?? []).map((i): PurchaseListItem => withoutCosts(i, perms))),
    [branch],
  );
  const items = list.data ?? [];
  const editable = perms.editPurchaseList && items.length > 0;
  // Every line may be sent to another supplier: the chain's suppliers, those of the product's category first.
  const suppliers = useLoad(
    (signal) => (editable
      ? Promise.all([
          ok(purchasing.GET('/api/purchasing/suppliers', { signal })),
          ok(inventory.GET('/api/inventory/products', { signal })).catch((): Product[] => []),
        ]).then(([s, p]) => ({
          suppliers: s.map((x) => ({ id: x.id, name: x.name, categories: x.categories })),
          categories: new Map(p.map((x) => [x.sku, x.category])),
        }))
      : Promise.resolve(undefined)),
    [editable],
  );
  const replace = (next: PurchaseListItem) =>
    list.setData(items.map((i) => (i.itemId === next.itemId ? withoutCosts(next, perms) : i)));
  const drop = (itemId: string) => list.setData(items.filter((i) => i.itemId !== itemId));
  const unassigned = linesWithoutSupplier(items);

  const create = useSubmit(
    async (key) => {
      const result = await post<PurchasingSchema<'PlacedFromList'>>(`/api/purchasing/branches/${encodeURIComponent(branch)}/purchase-orders`,
        { fromPurchaseList: true }, { idempotencyKey: key });
      return { ids: result.purchaseOrders.map((o) => o.id), left: result.leftOnList.length };
    },
    (result) => {
      setCreated(result.ids);
      setLeft(result.left);
      list.reload();
      onPlaced();
    },
  );

  return (
    <>
      <h2>{t('purchasing.list')}</h2>
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {created && (
        <Notice>
          {t('purchasing.created', { count: created.length })}{' '}
          {created.map((id) => <a key={id} href={paths.purchaseOrder(id)} class="inline-link">{id}</a>)}
          <span class="block">{t('purchasing.sentHint')}</span>
          {left > 0 && <span class="block">{t('purchasing.leftOnList', { count: left })}</span>}
        </Notice>
      )}
      {list.data && items.length === 0 && <p class="muted">{t('purchasing.listEmpty')}</p>}
      {editable && <ErrorMessage error={suppliers.error} onRetry={suppliers.reload} />}
      {items.length > 0 && (
        <ul class="purchase-list">
          {items.map((i) => (
            <ListLine key={i.itemId ?? i.sku} item={i} branch={branch} editable={editable}
              suppliers={supplierOptions(suppliers.data?.suppliers ?? [], suppliers.data?.categories.get(i.sku))}
              onChanged={replace} onRemoved={drop} />
          ))}
        </ul>
      )}
      {perms.createPurchaseOrders && items.length > 0 && (
        <form class="card form send-list" onSubmit={create.submit}>
          <p class="muted small">{t('purchasing.sendHint')}</p>
          {unassigned.length > 0 && <p class="muted small">{t('purchasing.leftOnList', { count: unassigned.length })}</p>}
          <ErrorMessage error={create.error} />
          <button type="submit" class="btn btn-primary btn-block" disabled={create.busy || unassigned.length === items.length}>
            {create.busy ? t('purchasing.creating') : t('purchasing.createOrders')}
          </button>
        </form>
      )}
    </>
  );
}

/** One line of the list; for buyers with its quantity, supplier and a remove button, each saved at once. */
function ListLine({ item, branch, editable, suppliers, onChanged, onRemoved }: {
  item: PurchaseListItem; branch: string; editable: boolean; suppliers: SupplierSummary[];
  onChanged: (item: PurchaseListItem) => void; onRemoved: (itemId: string) => void;
}) {
  const { perms } = useApp();
  const [draft, setDraft] = useState(String(item.quantity));
  const [invalid, setInvalid] = useState<MessageKey>();
  const name = item.name ?? item.sku;
  const path = `/api/purchasing/branches/${encodeURIComponent(branch)}/purchase-list/items/${encodeURIComponent(item.itemId ?? '')}`;
  const save = useSubmit(
    async () => {
      const edit = quantityEdit(item, draft);
      setInvalid(edit.error);
      return edit.body ? await patch<PurchaseListItem>(path, edit.body) : undefined;
    },
    (next) => { if (next) { onChanged(next); setDraft(String(next.quantity)); } },
  );
  const [picking, setPicking] = useState(false);
  const [pickError, setPickError] = useState<unknown>();
  async function choose(supplierId: string) {
    if (!supplierId || supplierId === item.supplierId) return;
    setPicking(true);
    setPickError(undefined);
    try {
      const next = await patch<PurchaseListItem>(path, { supplierId });
      onChanged(next);
      setDraft(String(next.quantity));
    } catch (e) {
      setPickError(e);
    } finally {
      setPicking(false);
    }
  }
  const remove = useSubmit(async () => { await del(path); }, () => onRemoved(item.itemId ?? ''));
  const note = roundingNote(item);
  const offered = item.supplierId && !suppliers.some((s) => s.id === item.supplierId)
    ? [{ id: item.supplierId, name: item.supplierName ?? item.supplierId }, ...suppliers]
    : suppliers;

  return (
    <li class="card list-line">
      <div class="list-line-head">
        <span class="strong">{perms.viewStock ? <a href={paths.stockItem(item.sku)}>{name}</a> : name}</span>
        {!editable && <span class="num strong">{item.quantity}{item.unit ?? ''}</span>}
      </div>
      <span class="muted small block">{[item.spec, item.note].filter(Boolean).join(' · ')}</span>
      {editable ? (
        <div class="list-line-edit">
          <form class="list-line-quantity" onSubmit={save.submit}>
            <input type="number" inputMode="numeric" min={1} max={MAX_QUANTITY} step={1} value={draft}
              aria-label={t('purchasing.quantityFor', { name })} aria-invalid={invalid ? true : undefined}
              onInput={(e) => setDraft(e.currentTarget.value)} />
            <button type="submit" class="btn btn-small" disabled={save.busy || draft.trim() === String(item.quantity)}>
              {t('purchasing.saveQuantity')}
            </button>
          </form>
          <select aria-label={t('purchasing.supplierOf', { name })} value={item.supplierChosen ? item.supplierId ?? '' : ''}
            disabled={picking} onChange={(e) => void choose(e.currentTarget.value)}>
            <option value="">
              {item.supplierChosen || !item.supplierId
                ? t('purchasing.pickSupplier')
                : t('purchasing.defaultSupplier', { name: item.supplierName ?? item.supplierId })}
            </option>
            {offered.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
          <button type="button" class="btn btn-small btn-danger" disabled={remove.busy} aria-label={t('purchasing.removeOf', { name })}
            onClick={() => { if (confirm(t('purchasing.removeAsk', { name }))) void remove.submit(); }}>
            {t('purchasing.remove')}
          </button>
        </div>
      ) : (
        <span class="small block">
          {item.supplierName ?? item.supplierId ?? <span class="muted">{t('purchasing.noSupplier')}</span>}
        </span>
      )}
      {note && <span class="muted small block rounding-note">{t(note.key, note.params)}</span>}
      {perms.seeCost && item.unitCost != null && <span class="small block">{t('purchasing.col.unitCost')} {formatMoney(item.unitCost)}</span>}
      {invalid && <small class="field-error block">{t(invalid)}</small>}
      <ErrorMessage error={save.error ?? pickError ?? remove.error} />
    </li>
  );
}

/**
 * The orders the user can see: their branch's, or for a supplier contact their own. The list route is not in the
 * core API yet; when the server has none (404/405) the section stays out of the way.
 */
function OrderList({ placed }: { placed: number }) {
  const { branch, perms } = useApp();
  const orders = useLoad(
    (signal) => ok(purchasing.GET('/api/purchasing/purchase-orders', { params: { query: { branch: perms.isSupplier ? undefined : branch } }, signal }))
      .then((views) => views.map(orderFrom)),
    [branch, placed],
  );
  const missing = orders.error instanceof ApiError && (orders.error.status === 404 || orders.error.status === 405);
  if (missing) return null;
  const list = orders.data ?? [];
  return (
    <>
      <h2>{t('purchasing.orders')}</h2>
      <ErrorMessage error={orders.error} onRetry={orders.reload} />
      {orders.loading && !orders.data && <Loading />}
      {orders.data && list.length === 0 && <p class="muted">{t('purchasing.ordersEmpty')}</p>}
      <ul class="order-list">
        {list.map((o) => {
          const status = normalizePoStatus(o.status);
          return (
            <li key={o.id}>
              <a href={paths.purchaseOrder(o.id)} class="card order-link">
                <span class="strong">{o.number ?? o.id}</span>
                <span class="muted small">{[o.supplierName ?? o.supplierId, o.branch ?? o.branchId, formatTime(o.placedAt ?? o.createdAt, true)].filter(Boolean).join(' · ')}</span>
                <span class={`tag tag-${status}`}>{t(`purchasing.status.${status}` as MessageKey)}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </>
  );
}
