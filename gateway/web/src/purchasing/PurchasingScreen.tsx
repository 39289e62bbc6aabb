import { useState } from 'preact/hooks';
import { ApiError, asList, get, post, query } from '../api/client';
import { useApp } from '../context';
import { t, type MessageKey } from '../i18n';
import { paths } from '../router';
import { withoutCosts } from '../session/permissions';
import { ErrorMessage, Loading, Notice, formatMoney, formatTime, useLoad } from '../ui/components';
import { useSubmit } from '../ui/useSubmit';
import type { Product } from '../stock/types';
import { linesWithoutSupplier, orderRequests, suggestSupplier } from './ordering';
import { normalizeOrder, normalizePoStatus, type PurchaseListItem } from './types';

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
  const [chosen, setChosen] = useState<string>();
  const list = useLoad(
    (signal) => get<unknown>(`/api/purchasing/branches/${encodeURIComponent(branch)}/purchase-list`, { signal })
      .then((raw) => asList<PurchaseListItem>(raw, 'items', 'lines', 'entries').map((i) => withoutCosts(i, perms))),
    [branch],
  );
  const items = list.data ?? [];
  const unassigned = linesWithoutSupplier(items);
  const needSupplier = perms.createPurchaseOrders && unassigned.length > 0;
  // Who could take the lines without a supplier: the chain's suppliers, the best fit for those products offered first.
  const suppliers = useLoad(
    (signal) => (needSupplier
      ? Promise.all([
          get<unknown>('/api/purchasing/suppliers', { signal }),
          get<unknown>('/api/inventory/products', { signal }).catch(() => []),
        ]).then(([s, p]) => ({
          suppliers: asList<{ id?: string; supplierId?: string; name: string; categories?: string[] }>(s, 'suppliers')
            .map((x) => ({ id: (x.id ?? x.supplierId)!, name: x.name, categories: x.categories })),
          categories: new Map(asList<Product>(p, 'products').map((x) => [x.sku, x.category])),
        }))
      : Promise.resolve(undefined)),
    [needSupplier],
  );
  const options = suppliers.data?.suppliers ?? [];
  const suggested = suppliers.data ? suggestSupplier(unassigned, (sku) => suppliers.data!.categories.get(sku), options) : undefined;
  const named = chosen && options.some((o) => o.id === chosen) ? chosen : suggested;
  const namedName = options.find((o) => o.id === named)?.name;

  const create = useSubmit(
    async (key) => {
      const ids: string[] = [];
      let leftOnList: string[] = [];
      const requests = orderRequests(items, needSupplier ? named : undefined);
      for (const [n, body] of requests.entries()) {
        try {
          const result = await post<unknown>(`/api/purchasing/branches/${encodeURIComponent(branch)}/purchase-orders`, body,
            { idempotencyKey: `${key}-${n}` });
          ids.push(...asList<{ id: string }>(result, 'purchaseOrders', 'orders').map((o) => o.id));
          leftOnList = asList<string>(result, 'leftOnList');
        } catch (e) {
          // Nothing left for the second request (its lines went with the first) is not a failure.
          if (!(ids.length > 0 && e instanceof ApiError && e.status < 500)) throw e;
        }
      }
      return { ids, left: leftOnList.length };
    },
    (result) => {
      setCreated(result.ids);
      setLeft(result.left);
      setChosen(undefined);
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
      {items.length > 0 && (
        <table class="table purchase-list">
          <thead>
            <tr>
              <th scope="col">{t('purchasing.col.product')}</th>
              <th scope="col" class="num">{t('purchasing.col.quantity')}</th>
              <th scope="col">{t('purchasing.col.supplier')}</th>
              {perms.seeCost && <th scope="col" class="num wide-only">{t('purchasing.col.unitCost')}</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={(i as { itemId?: string }).itemId ?? i.sku}>
                <td>
                  {perms.viewStock ? <a href={paths.stockItem(i.sku)}>{i.name ?? i.sku}</a> : i.name ?? i.sku}
                  <span class="muted small block">{[i.spec, i.note].filter(Boolean).join(' · ')}</span>
                </td>
                <td class="num strong">{i.quantity}</td>
                <td>
                  {i.supplierName ?? i.supplierId
                    ?? (needSupplier && namedName
                      ? <span class="supplier-pending">{namedName}<span class="muted small block">{t('purchasing.supplierPicked')}</span></span>
                      : <span class="muted">{t('purchasing.noSupplier')}</span>)}
                </td>
                {perms.seeCost && <td class="num wide-only">{formatMoney(i.unitCost)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {perms.createPurchaseOrders && items.length > 0 && (
        <form class="card form send-list" onSubmit={create.submit}>
          {needSupplier && (
            <div class="field">
              <label for="list-supplier">{t('purchasing.supplierFor', { count: unassigned.length })}</label>
              <ErrorMessage error={suppliers.error} onRetry={suppliers.reload} />
              <select id="list-supplier" value={named ?? ''} disabled={!options.length} onChange={(e) => setChosen(e.currentTarget.value)}>
                {options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
            </div>
          )}
          <p class="muted small">{t('purchasing.sendHint')}</p>
          <ErrorMessage error={create.error} />
          <button type="submit" class="btn btn-primary btn-block" disabled={create.busy || (needSupplier && !named)}>
            {create.busy ? t('purchasing.creating') : t('purchasing.createOrders')}
          </button>
        </form>
      )}
    </>
  );
}

/**
 * The orders the user can see: their branch's, or for a supplier contact their own. The list route is not in the
 * core API yet; when the server has none (404/405) the section stays out of the way.
 */
function OrderList({ placed }: { placed: number }) {
  const { branch, perms } = useApp();
  const orders = useLoad(
    (signal) => get<unknown>(`/api/purchasing/purchase-orders${query({ branch: perms.isSupplier ? undefined : branch })}`, { signal })
      .then((raw) => asList<unknown>(raw, 'purchaseOrders', 'orders').map(normalizeOrder)),
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
