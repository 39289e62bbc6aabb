import { useState } from 'preact/hooks';
import { ApiError, asList, get, post, query } from '../api/client';
import { useApp } from '../context';
import { t, type MessageKey } from '../i18n';
import { paths } from '../router';
import { withoutCosts } from '../session/permissions';
import { ErrorMessage, Loading, Notice, formatMoney, formatTime, useLoad } from '../ui/components';
import { useSubmit } from '../ui/useSubmit';
import { normalizeOrder, normalizePoStatus, type PurchaseListItem } from './types';

export function PurchasingScreen() {
  const { perms } = useApp();
  return (
    <section class="page" aria-labelledby="purchasing-title">
      <h1 id="purchasing-title">{perms.isSupplier ? t('nav.orders') : t('purchasing.title')}</h1>
      {perms.viewPurchasing && <PurchaseList />}
      <OrderList />
    </section>
  );
}

function PurchaseList() {
  const { branch, perms } = useApp();
  const [created, setCreated] = useState<string[]>();
  const [left, setLeft] = useState(0);
  const list = useLoad(
    (signal) => get<unknown>(`/api/purchasing/branches/${encodeURIComponent(branch)}/purchase-list`, { signal })
      .then((raw) => asList<PurchaseListItem>(raw, 'lines', 'entries').map((i) => withoutCosts(i, perms))),
    [branch],
  );
  const create = useSubmit(
    (key) => post<unknown>(`/api/purchasing/branches/${encodeURIComponent(branch)}/purchase-orders`, { fromPurchaseList: true }, { idempotencyKey: key }),
    (result) => {
      const orders = asList<{ id: string }>(result, 'purchaseOrders', 'orders');
      setLeft(asList<string>(result, 'leftOnList').length);
      const ids = orders.length ? orders.map((o) => o.id) : (result as { id?: string })?.id ? [(result as { id: string }).id] : asList<string>(result, 'ids');
      setCreated(ids);
      list.reload();
    },
  );

  const items = list.data ?? [];
  return (
    <>
      <h2>{t('purchasing.list')}</h2>
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {created && (
        <Notice>
          {t('purchasing.created', { count: created.length })}{' '}
          {created.map((id) => <a key={id} href={paths.purchaseOrder(id)} class="inline-link">{id}</a>)}
          {left > 0 && <span class="block">{t('purchasing.leftOnList', { count: left })}</span>}
        </Notice>
      )}
      {list.data && items.length === 0 && <p class="muted">{t('purchasing.listEmpty')}</p>}
      {items.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('purchasing.col.product')}</th>
              <th scope="col" class="num">{t('purchasing.col.quantity')}</th>
              <th scope="col" class="num wide-only">{t('purchasing.col.suggested')}</th>
              <th scope="col">{t('purchasing.col.supplier')}</th>
              {perms.seeCost && <th scope="col" class="num">{t('purchasing.col.unitCost')}</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.sku}>
                <td>
                  {perms.viewStock ? <a href={paths.stockItem(i.sku)}>{i.name ?? i.sku}</a> : i.name ?? i.sku}
                  <span class="muted small block">{[i.spec, i.sku, i.note].filter(Boolean).join(' · ')}</span>
                </td>
                <td class="num strong">{i.quantity}</td>
                <td class="num wide-only">{i.suggestedQuantity ?? ''}</td>
                <td>{i.supplierName ?? i.supplierId ?? <span class="muted">{t('purchasing.noSupplier')}</span>}</td>
                {perms.seeCost && <td class="num">{formatMoney(i.unitCost)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {perms.createPurchaseOrders && items.length > 0 && (
        <form onSubmit={create.submit}>
          <ErrorMessage error={create.error} />
          <button type="submit" class="btn btn-primary" disabled={create.busy}>{create.busy ? t('purchasing.creating') : t('purchasing.createOrders')}</button>
        </form>
      )}
    </>
  );
}

/**
 * The orders the user can see: their branch's, or for a supplier contact their own. The list route is not in the
 * core API yet; when the server has none (404/405) the section stays out of the way.
 */
function OrderList() {
  const { branch, perms } = useApp();
  const orders = useLoad(
    (signal) => get<unknown>(`/api/purchasing/purchase-orders${query({ branch: perms.isSupplier ? undefined : branch })}`, { signal })
      .then((raw) => asList<unknown>(raw, 'purchaseOrders', 'orders').map(normalizeOrder)),
    [branch],
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
