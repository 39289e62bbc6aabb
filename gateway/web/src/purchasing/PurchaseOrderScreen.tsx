import { useState } from 'preact/hooks';
import { getBlob, post } from '../api/client';
import { ok, purchasing } from '../api/services';
import { useApp } from '../context';
import { t, type MessageKey } from '../i18n';
import { paths } from '../router';
import { withoutCosts } from '../session/permissions';
import { ErrorMessage, Loading, Notice, formatMoney, formatTime, useLoad } from '../ui/components';
import { saveFile, useDownload } from '../ui/saveFile';
import { useSubmit } from '../ui/useSubmit';
import { canAnnounceDelivery, deliveryNotice, receiptLines, timelineFileName, tomorrow } from './delivery';
import { normalizePoStatus, orderFrom, outstanding, poActions, type PurchaseOrderLine } from './types';

const statusText = (s: string) => {
  const key = `purchasing.status.${normalizePoStatus(s)}` as MessageKey;
  const text = t(key);
  return text === key ? s : text;
};

export function PurchaseOrderScreen({ id }: { id: string }) {
  const { perms, branches, session } = useApp();
  const branchName = (code?: string) => branches.find((b) => b.code === code)?.name ?? code;
  const order = useLoad(
    (signal) => ok(purchasing.GET('/api/purchasing/purchase-orders/{id}', { params: { path: { id } }, signal })).then((view) => {
      const po = orderFrom(view);
      return { ...withoutCosts(po, perms), lines: po.lines.map((l) => withoutCosts(l, perms)) };
    }),
    [id],
  );
  const [notice, setNotice] = useState<string>();
  const po = order.data;
  const status = po ? normalizePoStatus(po.status) : '';
  const actions = poActions(status);
  const after = (message: string) => { setNotice(message); order.reload(); };
  const timeline = po?.timeline ?? [];
  const total = perms.seeCost ? po?.totalCost : undefined;

  return (
    <section class="page" aria-labelledby="po-title">
      <a href={paths.purchasing()} class="small">‹ {perms.isSupplier ? t('nav.orders') : t('purchasing.title')}</a>
      <h1 id="po-title">{t('purchasing.order', { id: po?.number ?? id })}</h1>
      <ErrorMessage error={order.error} onRetry={order.reload} />
      {order.loading && !po && <Loading />}
      {notice && <Notice onDone={() => setNotice(undefined)}>{notice}</Notice>}
      {po && (
        <>
          <dl class="facts card">
            <dt>{t('purchasing.status')}</dt><dd><span class={`tag tag-${status}`}>{statusText(po.status)}</span></dd>
            {(po.supplierName ?? po.supplierId) && <><dt>{t('purchasing.col.supplier')}</dt><dd>{po.supplierName ?? po.supplierId}</dd></>}
            {(po.branch ?? po.branchId) && <><dt>{t('purchasing.branch')}</dt><dd>{branchName(po.branch ?? po.branchId)}</dd></>}
            {(po.placedAt ?? po.createdAt) && <><dt>{t('purchasing.createdAt')}</dt><dd>{formatTime(po.placedAt ?? po.createdAt, true)}</dd></>}
            {po.expectedBy && <><dt>{t('purchasing.expectedBy')}</dt><dd>{po.expectedBy}
              {po.orderedExpectedBy && po.orderedExpectedBy !== po.expectedBy && (
                <span class="muted small"> （{t('purchasing.orderedExpectedBy', { date: po.orderedExpectedBy })}）</span>
              )}</dd></>}
          </dl>

          <h2>{t('purchasing.lines')}</h2>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('purchasing.col.product')}</th>
                <th scope="col" class="num">{t('purchasing.col.ordered')}</th>
                <th scope="col" class="num">{t('purchasing.col.confirmed')}</th>
                <th scope="col" class="num">{t('purchasing.col.received')}</th>
                {perms.seeCost && <th scope="col" class="num wide-only">{t('purchasing.col.unitCost')}</th>}
                {perms.seeCost && <th scope="col" class="num wide-only">{t('purchasing.col.amount')}</th>}
              </tr>
            </thead>
            <tbody>
              {po.lines.map((l) => (
                <tr key={l.sku}>
                  <td>{l.name ?? l.sku}<span class="muted small block">{[l.spec, l.sku].filter(Boolean).join(' · ')}</span></td>
                  <td class="num">{l.quantity}</td>
                  <td class="num">{l.confirmedQuantity ?? ''}</td>
                  <td class="num">{l.receivedQuantity ?? ''}</td>
                  {perms.seeCost && <td class="num wide-only">{formatMoney(l.unitCost)}</td>}
                  {perms.seeCost && <td class="num wide-only">{formatMoney(l.lineTotal)}</td>}
                </tr>
              ))}
            </tbody>
            {total !== undefined && total !== null && (
              <tfoot><tr><th scope="row" colSpan={4}>{t('purchasing.total')}</th><td class="wide-only" /><td class="num strong">{formatMoney(total)}</td></tr></tfoot>
            )}
          </table>

          {perms.confirmPurchaseOrder && actions.canConfirm && (perms.isSupplier
            ? <LinesForm id={id} kind="confirm" lines={po.lines} initial={(l) => l.quantity} expectedBy={po.expectedBy} onDone={() => after(t('purchasing.confirmed'))} />
            : (
              // The supplier confirms in their own view; the shop confirms for them only when they answered by phone.
              <>
                <p class="muted small">{t('purchasing.awaitingSupplier')}</p>
                <details class="card confirm-for-supplier">
                  <summary>{t('purchasing.confirmForSupplier')}</summary>
                  <LinesForm id={id} kind="confirm" lines={po.lines} initial={(l) => l.quantity} expectedBy={po.expectedBy} onDone={() => after(t('purchasing.confirmed'))} />
                </details>
              </>
            ))}
          {perms.receivePurchaseOrder && actions.canReceive && (
            <LinesForm id={id} kind="receipts" lines={po.lines} initial={outstanding} onDone={() => after(t('purchasing.receivedOk'))} />
          )}
          {canAnnounceDelivery({ isSupplier: perms.isSupplier, supplierId: session.user.supplierId }, po) && (
            <DeliveryForm id={id} lines={po.lines} onDone={() => after(t('purchasing.announced'))} />
          )}
          {perms.cancelPurchaseOrder && actions.canCancel && <CancelButton id={id} onDone={() => after(t('purchasing.cancelled'))} />}

          {timeline.length > 0 && (
            <>
              <div class="pane-title-row">
                <h2>{t('purchasing.timeline')}</h2>
                <ExportTimeline id={id} />
              </div>
              <ol class="timeline">
                {timeline.map((e, i) => (
                  <li key={i}>
                    <time class="muted small" dateTime={e.at ?? e.occurredAt}>{formatTime(e.at ?? e.occurredAt, true)}</time>
                    <span>{e.title ?? e.text ?? statusText(e.status ?? e.kind ?? e.event ?? '')}</span>
                    {(e.byName || e.by || e.note) && <span class="muted small">{[e.byName ?? e.by, e.note].filter(Boolean).join(' · ')}</span>}
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </section>
  );
}

/** Confirm (supplier: quantities they can supply) or receive (shop: what arrived), one number per line. */
function LinesForm({ id, kind, lines, initial, expectedBy, onDone }: {
  id: string; kind: 'confirm' | 'receipts'; lines: PurchaseOrderLine[]; initial: (l: PurchaseOrderLine) => number; expectedBy?: string;
  onDone: () => void;
}) {
  // Confirming: the delivery day the supplier agrees to (sent only when changed from the order's).
  const [day, setDay] = useState(expectedBy ?? '');
  const [quantities, setQuantities] = useState<Record<string, string>>(() => Object.fromEntries(lines.map((l) => [l.sku, String(initial(l))])));
  const [damaged, setDamaged] = useState<Record<string, string>>({});
  const s = useSubmit((key) => post(`/api/purchasing/purchase-orders/${encodeURIComponent(id)}/${kind}`, {
    lines: kind === 'confirm'
      ? lines.map((l) => ({ sku: l.sku, quantity: Number(quantities[l.sku] || 0) }))
      : receiptLines(lines, quantities, damaged),
    ...(kind === 'confirm' && day && day !== expectedBy ? { expectedBy: day } : {}),
  }, { idempotencyKey: key }), onDone);
  const title = kind === 'confirm' ? t('purchasing.confirm') : t('purchasing.receive');
  return (
    <form class="card form" onSubmit={s.submit} aria-labelledby={`${kind}-title`}>
      <h2 id={`${kind}-title`}>{title}</h2>
      <p class="muted small">{kind === 'confirm' ? t('purchasing.confirmHint') : t('purchasing.receiveHint')}</p>
      {lines.map((l, i) => (
        <div class="field field-inline" key={l.sku}>
          <label for={`${kind}-${i}`}>{l.name ?? l.sku} <span class="muted small">{l.spec}</span></label>
          <input id={`${kind}-${i}`} type="number" inputMode="numeric" min={0} step={1} value={quantities[l.sku]}
            aria-invalid={s.fields[`lines[${i}].quantity`] ? true : undefined}
            onInput={(e) => setQuantities({ ...quantities, [l.sku]: e.currentTarget.value })} />
          {kind === 'receipts' && (
            <label class="damaged">
              <span class="small">{t('purchasing.damaged')}</span>
              <input id={`${kind}-damaged-${i}`} type="number" inputMode="numeric" min={0} step={1} placeholder="0" value={damaged[l.sku] ?? ''}
                aria-label={t('purchasing.damagedHint', { name: l.name ?? l.sku })}
                aria-invalid={s.fields[`lines[${i}].damaged`] ? true : undefined}
                onInput={(e) => setDamaged({ ...damaged, [l.sku]: e.currentTarget.value })} />
            </label>
          )}
          {s.fields[`lines[${i}].quantity`] && <small class="field-error">{s.fields[`lines[${i}].quantity`].join('；')}</small>}
          {s.fields[`lines[${i}].damaged`] && <small class="field-error">{s.fields[`lines[${i}].damaged`].join('；')}</small>}
        </div>
      ))}
      {kind === 'confirm' && (
        <div class="field field-inline">
          <label for="confirm-date">{t('purchasing.confirmExpectedBy')}</label>
          <input id="confirm-date" type="date" min={new Date().toISOString().slice(0, 10)} value={day}
            aria-invalid={s.fields.expectedBy ? true : undefined} onInput={(e) => setDay(e.currentTarget.value)} />
          {s.fields.expectedBy && <small class="field-error">{s.fields.expectedBy.join('；')}</small>}
        </div>
      )}
      <ErrorMessage error={s.error} />
      <button type="submit" class="btn btn-primary" disabled={s.busy}>{title}</button>
    </form>
  );
}

/** 通知发货 (the order's supplier): expected arrival, what is being sent (default: everything outstanding), a note. */
function DeliveryForm({ id, lines, onDone }: { id: string; lines: PurchaseOrderLine[]; onDone: () => void }) {
  const open = lines.filter((l) => outstanding(l) > 0);
  const [expectedOn, setExpectedOn] = useState(tomorrow);
  const [note, setNote] = useState('');
  const [quantities, setQuantities] = useState<Record<string, string>>(() => Object.fromEntries(open.map((l) => [l.sku, String(outstanding(l))])));
  const s = useSubmit((key) => post(`/api/purchasing/purchase-orders/${encodeURIComponent(id)}/delivery-notices`,
    deliveryNotice(expectedOn, open, quantities, note), { idempotencyKey: key }), onDone);
  return (
    <form class="card form" onSubmit={s.submit} aria-labelledby="announce-title">
      <h2 id="announce-title">{t('purchasing.announce')}</h2>
      <p class="muted small">{t('purchasing.announceHint')}</p>
      <div class="field">
        <label for="announce-date">{t('purchasing.announceExpectedOn')}</label>
        <input id="announce-date" type="date" required min={tomorrow(new Date(Date.now() - 86_400_000))} value={expectedOn}
          aria-invalid={s.fields.expectedOn ? true : undefined} onInput={(e) => setExpectedOn(e.currentTarget.value)} />
        {s.fields.expectedOn && <small class="field-error">{s.fields.expectedOn.join('；')}</small>}
      </div>
      {open.map((l, i) => (
        <div class="field field-inline" key={l.sku}>
          <label for={`announce-${i}`}>{l.name ?? l.sku} <span class="muted small">{l.spec}</span></label>
          <input id={`announce-${i}`} type="number" inputMode="numeric" min={0} step={1} value={quantities[l.sku]}
            aria-invalid={s.fields[`lines[${i}].quantity`] ? true : undefined}
            onInput={(e) => setQuantities({ ...quantities, [l.sku]: e.currentTarget.value })} />
          {s.fields[`lines[${i}].quantity`] && <small class="field-error">{s.fields[`lines[${i}].quantity`].join('；')}</small>}
        </div>
      ))}
      <div class="field">
        <label for="announce-note">{t('purchasing.announceNote')}</label>
        <input id="announce-note" type="text" maxLength={200} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        {s.fields.note && <small class="field-error">{s.fields.note.join('；')}</small>}
      </div>
      <ErrorMessage error={s.error} />
      <button type="submit" class="btn btn-primary" disabled={s.busy}>{t('purchasing.announce')}</button>
    </form>
  );
}

/** 导出时间线: the CSV needs the bearer token, so it is fetched as a blob and saved through a temporary link. */
function ExportTimeline({ id }: { id: string }) {
  const { busy, failed, download } = useDownload(async () => {
    const blob = await getBlob(`/api/purchasing/purchase-orders/${encodeURIComponent(id)}/timeline.csv`);
    const url = URL.createObjectURL(blob);
    saveFile(url, timelineFileName(id));
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return (
    <span>
      <button type="button" class="btn btn-secondary btn-small" onClick={() => void download()} aria-busy={busy} disabled={busy}>
        {t('purchasing.exportTimeline')} (CSV)
      </button>
      {failed && <small class="field-error">{t('purchasing.exportFailed')}</small>}
    </span>
  );
}

function CancelButton({ id, onDone }: { id: string; onDone: () => void }) {
  const s = useSubmit((key) => post(`/api/purchasing/purchase-orders/${encodeURIComponent(id)}/cancel`, {}, { idempotencyKey: key }), onDone);
  return (
    <div class="danger-zone">
      <ErrorMessage error={s.error} />
      <button type="button" class="btn btn-danger" disabled={s.busy} onClick={() => { if (confirm(t('purchasing.cancelAsk'))) void s.submit(); }}>
        {t('purchasing.cancel')}
      </button>
    </div>
  );
}
