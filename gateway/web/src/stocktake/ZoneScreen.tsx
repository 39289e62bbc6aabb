import { useMemo, useState } from 'preact/hooks';
import { ApiError, newId } from '../api/client';
import { problemCode } from '../api/problem';
import { inventory, ok } from '../api/services';
import { useApp } from '../context';
import { t } from '../i18n';
import { navigate, paths } from '../router';
import { BarcodeField } from '../stock/BarcodeField';
import { Dialog, ErrorMessage, Loading, Notice, describeError, useLoad } from '../ui/components';
import { useSubmit } from '../ui/useSubmit';
import { countQueue, useZoneQueue } from './phoneQueue';
import type { QueuedCount } from './countQueue';
import { myCounts, parseQuantity } from './model';
import { ZoneProgress } from './StocktakesScreen';

interface Picked { sku: string; label: string }

/**
 * 清点 a zone from the phone: pick a product (camera, scanner, or search), type the quantity, count. Counts are queued on
 * the phone and sent at once, or when the signal comes back (待同步). Book figures are never shown here.
 */
export function ZoneScreen({ id, zoneId }: { id: string; zoneId: string }) {
  const { branch } = useApp();
  const view = useLoad((signal) => ok(inventory.GET('/api/inventory/branches/{branch}/stocktakes/{id}', {
    params: { path: { branch, id } }, signal,
  })), [branch, id]);
  const queue = useZoneQueue(branch, id, zoneId, () => view.reload());
  const [picked, setPicked] = useState<Picked>();
  const [quantity, setQuantity] = useState('');
  const [search, setSearch] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [refused, setRefused] = useState<QueuedCount>();
  const [notice, setNotice] = useState<string>();
  const [confirmFinish, setConfirmFinish] = useState(false);

  const s = view.data;
  const zone = s?.zones.find((z) => z.zoneId === zoneId);
  const lines = useMemo(() => (s?.lines ?? []).filter((l) => l.zoneId === zoneId), [s, zoneId]);
  const matches = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q) return [];
    return lines.filter((l) => [l.name, l.spec, l.sku].some((v) => v?.toLowerCase().includes(q))).slice(0, 8);
  }, [lines, search]);
  const mine = myCounts(lines, queue.waiting);

  function pick(p: Picked) {
    setPicked(p);
    setSearch('');
    setFieldError(undefined);
    setRefused(undefined);
    setNotice(undefined);
    document.getElementById('count-quantity')?.focus();
  }

  async function scan(code: string) {
    setFieldError(undefined);
    try {
      const found = await ok(inventory.GET('/api/inventory/products', { params: { query: { barcode: code } } }));
      if (found[0]) pick({ sku: found[0].sku, label: `${found[0].name} ${found[0].spec ?? ''}`.trim() });
      else setFieldError(t('stock.scanNotFound', { code }));
    } catch (e) {
      setFieldError(describeError(e).message);
    }
  }

  /** Queues the count, sends what waits, and says where it stands: recorded, waiting for signal, or refused (and why). */
  async function send(count: QueuedCount) {
    countQueue.add(count);
    const first = await queue.flush();
    // A send already under way when this count was queued went without it: one more.
    if (!first.offline && countQueue.all().some((c) => c.countId === count.countId && !c.problem)) await queue.flush();
    const left = countQueue.all().find((c) => c.countId === count.countId);
    if (left?.problem) {
      // Refused: shown beside the field with its way out, not left in the list.
      countQueue.remove(count.countId);
      setRefused(left);
      return;
    }
    setRefused(undefined);
    setNotice(left ? t('stocktake.savedOffline', { label: count.label, quantity: count.quantity })
      : t('stocktake.counted', { label: count.label, quantity: count.quantity }));
    setPicked(undefined);
    setQuantity('');
  }

  async function count(e: Event) {
    e.preventDefault();
    setNotice(undefined);
    setRefused(undefined);
    if (!picked) { setFieldError(t('stocktake.pickFirst')); return; }
    const n = parseQuantity(quantity);
    if (n === undefined) { setFieldError(t('error.field.integer')); return; }
    if (n < 0) { setFieldError(t('stocktake.negative')); return; }
    setFieldError(undefined);
    await send({ branch, stocktakeId: id, zoneId, countId: newId(), sku: picked.sku, label: picked.label, quantity: n, at: new Date().toISOString() });
  }

  const finish = useSubmit(
    (key) => ok(inventory.POST('/api/inventory/branches/{branch}/stocktakes/{id}/zones/{zone}/finish', {
      params: { path: { branch, id, zone: zoneId } }, headers: { 'Idempotency-Key': key },
    })),
    () => navigate(paths.stocktake(id)),
  );

  return (
    <section class="page" aria-labelledby="zone-title">
      <p><a href={paths.stocktake(id)}>{t('stocktake.backTo', { id })}</a></p>
      <ErrorMessage error={view.error} onRetry={view.reload} />
      {view.loading && !s && <Loading />}
      {s && !zone && <p>{t('app.notFound')}</p>}
      {s && zone && (
        <>
          <h1 id="zone-title">{t('stocktake.zoneTitle', { zone: zone.name })}</h1>
          <ZoneProgress counted={zone.skusCounted} skus={zone.skus} status={zone.status} />
          {queue.offline && <p class="alert alert-warn" role="status">{t('stocktake.offline', { count: queue.waiting.filter((w) => !w.problem).length })}</p>}
          {notice && <Notice>{notice}</Notice>}

          <form class="form card count-form" onSubmit={(e) => void count(e)} aria-labelledby="count-title">
            <h2 id="count-title">{t('stocktake.countTitle')}</h2>
            <BarcodeField id="count-scan" label={t('stock.scan')} onScan={(code) => void scan(code)} />
            <div class="field">
              <label for="count-search">{t('stocktake.search')}</label>
              <input id="count-search" type="search" value={search} placeholder={t('stock.searchHint')} onInput={(e) => setSearch(e.currentTarget.value)} />
            </div>
            {search.trim() && (
              <ul class="list-plain pick-list" aria-label={t('stocktake.matches')}>
                {matches.map((l) => (
                  <li key={l.sku}><button type="button" class="btn btn-small pick" onClick={() => pick({ sku: l.sku, label: `${l.name} ${l.spec}`.trim() })}>
                    {l.name} {l.spec} <span class="muted small">{l.sku}</span></button></li>
                ))}
                {!lines.some((l) => l.sku === search.trim()) && (
                  <li><button type="button" class="btn btn-small pick" onClick={() => pick({ sku: search.trim(), label: search.trim() })}>
                    {t('stocktake.bySku', { sku: search.trim() })}</button></li>
                )}
              </ul>
            )}
            <p class="picked" aria-live="polite">{picked ? t('stocktake.picked', { label: picked.label }) : t('stocktake.pickFirst')}</p>
            <div class={`field${fieldError || refused ? ' field-invalid' : ''}`}>
              <label for="count-quantity">{t('stocktake.quantity')}</label>
              <input id="count-quantity" inputMode="numeric" value={quantity} autoComplete="off"
                aria-invalid={fieldError || refused ? true : undefined} aria-describedby="count-quantity-err"
                onInput={(e) => setQuantity(e.currentTarget.value)} />
              <div id="count-quantity-err">
                {fieldError && <small class="field-error" role="alert">{fieldError}</small>}
                {refused && <Refused count={refused} onResend={(c) => void send(c)} />}
              </div>
            </div>
            <button type="submit" class="btn btn-primary">{t('stocktake.count')}</button>
          </form>

          <h2>{t('stocktake.mine')}</h2>
          {mine.length === 0 ? <p class="muted">{t('stocktake.noneMine')}</p> : (
            <ul class="list-plain my-counts">
              {mine.map((c) => (
                <li key={c.sku} class="card my-count">
                  <span>{c.label}</span>
                  <strong class="num">{c.quantity}</strong>
                  <span class={`chip static chip-${c.state}`}>{t(`stocktake.state.${c.state}`)}</span>
                  {c.state === 'problem' && c.countId && (
                    <WaitingProblem count={queue.waiting.find((w) => w.countId === c.countId)!} onResend={(next) => void send(next)} />
                  )}
                  <button type="button" class="btn btn-small" onClick={() => pick({ sku: c.sku, label: c.label })}>{t('stocktake.recount')}</button>
                </li>
              ))}
            </ul>
          )}

          {zone.status !== 'finished' && (
            <div class="actions">
              {queue.waiting.length > 0 && <p class="muted small">{t('stocktake.syncFirst', { count: queue.waiting.length })}</p>}
              <button type="button" class="btn" disabled={queue.waiting.length > 0} onClick={() => setConfirmFinish(true)}>{t('stocktake.finishZone')}</button>
            </div>
          )}
          {confirmFinish && (
            <Dialog title={t('stocktake.finishZone')} onClose={() => setConfirmFinish(false)}>
              <p>{t('stocktake.finishConfirm', { zone: zone.name, counted: zone.skusCounted, skus: zone.skus })}</p>
              <ErrorMessage error={finish.error} />
              <div class="actions">
                <button type="button" class="btn btn-primary" disabled={finish.busy} onClick={() => void finish.submit()}>{t('stocktake.finishYes')}</button>
                <button type="button" class="btn" onClick={() => setConfirmFinish(false)}>{t('app.cancel')}</button>
              </div>
            </Dialog>
          )}
        </>
      )}
    </section>
  );
}

/** A count the server refused, in the reader's language, with the way out it offers: 加入本区域, or confirm an odd figure. */
function Refused({ count, onResend }: { count: QueuedCount; onResend: (c: QueuedCount) => void }) {
  const [confirming, setConfirming] = useState(false);
  const problem = count.problem;
  if (!problem) return null;
  const { message, fields } = new ApiError(problem.status, problem).describe();
  const code = problemCode(problem.type);
  return (
    <div class="field-error refused" role="alert">
      <p>{message}</p>
      {Object.entries(fields).map(([field, msgs]) => <p key={field}>{msgs.join('；')}</p>)}
      {code === 'sku-outside-zone' && (
        <button type="button" class="btn btn-small" onClick={() => onResend({ ...count, addToZone: true })}>{t('stocktake.addToZone')}</button>
      )}
      {code === 'count-needs-confirmation' && (
        <button type="button" class="btn btn-small" onClick={() => setConfirming(true)}>{t('stocktake.confirmQuantity')}</button>
      )}
      {confirming && (
        <Dialog title={t('stocktake.confirmTitle')} onClose={() => setConfirming(false)}>
          <p>{t('stocktake.confirmText', { label: count.label, quantity: count.quantity })}</p>
          <div class="actions">
            <button type="button" class="btn btn-primary" onClick={() => { setConfirming(false); onResend({ ...count, confirm: true }); }}>{t('stocktake.confirmYes')}</button>
            <button type="button" class="btn" onClick={() => setConfirming(false)}>{t('app.cancel')}</button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

/** A count that waited on the phone and was refused when it got through: why, the way out, or drop it. */
function WaitingProblem({ count, onResend }: { count: QueuedCount; onResend: (c: QueuedCount) => void }) {
  return (
    <div class="block">
      <Refused count={count} onResend={onResend} />
      <button type="button" class="btn btn-small" onClick={() => countQueue.remove(count.countId)}>{t('stocktake.drop')}</button>
    </div>
  );
}
