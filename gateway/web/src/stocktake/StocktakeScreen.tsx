import { useState } from 'preact/hooks';
import { inventory, ok, type InventorySchema } from '../api/services';
import { useApp } from '../context';
import { t } from '../i18n';
import { paths } from '../router';
import { Dialog, ErrorMessage, Loading, formatMoney, formatTime, useLoad } from '../ui/components';
import { useSubmit } from '../ui/useSubmit';
import { REASONS, percent, reasonLabel, zonesMineFirst } from './model';
import { ZoneProgress } from './StocktakesScreen';

type View = InventorySchema<'StocktakeView'>;
type Line = InventorySchema<'StocktakeLineView'>;

/** One stocktake: its zones with progress (mine first), and for managers the variances to explain, complete and cancel. */
export function StocktakeScreen({ id }: { id: string }) {
  const { branch, perms } = useApp();
  const view = useLoad((signal) => ok(inventory.GET('/api/inventory/branches/{branch}/stocktakes/{id}', {
    params: { path: { branch, id } }, signal,
  })), [branch, id]);
  const s = view.data;

  return (
    <section class="page" aria-labelledby="stocktake-title">
      <p><a href={paths.stocktakes()}>{t('stocktake.title')}</a></p>
      <ErrorMessage error={view.error} onRetry={view.reload} />
      {view.loading && !s && <Loading />}
      {s && (
        <>
          <h1 id="stocktake-title">{t('stocktake.heading', { id: s.id, kind: t(`stocktake.kind.${s.kind}` as 'stocktake.kind.full') })}</h1>
          <p class="muted small">
            {t(`stocktake.status.${s.status}` as 'stocktake.status.open')}{s.blind ? ` · ${t('stocktake.blind')}` : ''}
            {' · '}{t('stocktake.openedBy', { name: s.openedBy, at: formatTime(s.openedAt, true) })}
          </p>
          {s.figures && (s.status === 'completed' || s.zones.some((z) => z.status === 'finished')) && (
            <p class="stocktake-accuracy"><strong>{t('stocktake.accuracy', { units: percent(s.figures.accuracyUnits), value: percent(s.figures.accuracyValue) })}</strong>
              {s.status === 'completed' && <span class="block small">{t('stocktake.adjustments', { count: s.adjustments })}</span>}
            </p>
          )}
          <h2>{t('stocktake.zones')}</h2>
          <ul class="list-plain">
            {zonesMineFirst(s.zones).map((z) => (
              <li key={z.zoneId} class="card zone-row">
                <span>{z.mine && <strong>{t('stocktake.myZone')} </strong>}{z.name}</span>
                <span class="small muted block">{z.counters.map((c) => c.name).join('、') || t('stocktake.noCounters')}</span>
                <ZoneProgress counted={z.skusCounted} skus={z.skus} status={z.status} />
                {s.status === 'open' && (z.mine || perms.manageStocktakes) && (z.status !== 'finished' || s.lines.some((l) => l.zoneId === z.zoneId && l.recountRequested)) && (
                  <a class="btn btn-small" href={paths.stocktakeZone(s.id, z.zoneId)}>{t('stocktake.countZone')}</a>
                )}
              </li>
            ))}
          </ul>
          {perms.manageStocktakes && <Variances s={s} reload={view.reload} />}
          {perms.manageStocktakes && s.status === 'open' && <CloseActions s={s} onClosed={view.setData} />}
        </>
      )}
    </section>
  );
}

function Variances({ s, reload }: { s: View; reload: () => void }) {
  if (s.variances.length === 0) return s.zones.some((z) => z.status === 'finished') ? <p class="muted">{t('stocktake.noVariances')}</p> : null;
  return (
    <>
      <h2>{t('stocktake.variances')}</h2>
      <ul class="list-plain">
        {s.variances.map((line) => (
          <VarianceItem key={line.sku} s={s} line={line} blocking={s.unexplained.includes(line.sku)} onExplained={() => reload()} />
        ))}
      </ul>
    </>
  );
}

function VarianceItem({ s, line, blocking, onExplained }: { s: View; line: Line; blocking: boolean; onExplained: () => void }) {
  const { branch } = useApp();
  const [reason, setReason] = useState(line.explanation?.reason ?? '');
  const [note, setNote] = useState(line.explanation?.note ?? '');
  const form = useSubmit(
    (key) => ok(inventory.POST('/api/inventory/branches/{branch}/stocktakes/{id}/variances/{sku}/explanation', {
      params: { path: { branch, id: s.id, sku: line.sku } }, headers: { 'Idempotency-Key': key },
      body: { reason, note: note.trim() || null },
    })),
    () => onExplained(),
  );
  const variance = line.variance ?? 0;
  const prefix = `v-${line.sku}`;
  return (
    <li class={`card variance${blocking ? ' variance-blocking' : ''}`}>
      <strong>{line.name} {line.spec}</strong>
      <span class="small muted block">{line.sku}</span>
      <span class="block">
        {t('stocktake.varianceLine', { expected: line.expected ?? '—', counted: line.counted ?? 0, variance: variance > 0 ? `+${variance}` : String(variance), unit: line.unit })}
        {line.varianceValue != null && ` · ¥${formatMoney(line.varianceValue)}`}
      </span>
      {line.recountRequested && <span class="chip static">{t('stocktake.recountRequested')}</span>}
      {line.explanation && (
        <span class="block">{t('stocktake.explainedAs', { reason: t(reasonLabel(line.explanation.reason)), by: line.explanation.by })}{line.explanation.note ? `：${line.explanation.note}` : ''}</span>
      )}
      {blocking && <span class="field-error block">{t('stocktake.needsExplanation')}</span>}
      {s.status === 'open' && (
        <form class="explain" onSubmit={form.submit} aria-label={t('stocktake.explainFor', { name: line.name })}>
          <div class="field">
            <label for={`${prefix}-reason`}>{t('stocktake.reason')}</label>
            <select id={`${prefix}-reason`} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required>
              <option value="">—</option>
              {REASONS.map((r) => <option key={r} value={r}>{t(reasonLabel(r))}</option>)}
            </select>
            {form.fields.reason && <small class="field-error">{form.fields.reason.join('；')}</small>}
          </div>
          <div class="field">
            <label for={`${prefix}-note`}>{t('stocktake.note')}</label>
            <input id={`${prefix}-note`} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </div>
          <ErrorMessage error={form.error} />
          <button type="submit" class="btn btn-small" disabled={form.busy || !reason}>{t('stocktake.explain')}</button>
        </form>
      )}
    </li>
  );
}

function CloseActions({ s, onClosed }: { s: View; onClosed: (v: View) => void }) {
  const { branch } = useApp();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const complete = useSubmit(
    (key) => ok(inventory.POST('/api/inventory/branches/{branch}/stocktakes/{id}/complete', { params: { path: { branch, id: s.id } }, headers: { 'Idempotency-Key': key } })),
    onClosed,
  );
  const cancel = useSubmit(
    (key) => ok(inventory.POST('/api/inventory/branches/{branch}/stocktakes/{id}/cancel', { params: { path: { branch, id: s.id } }, headers: { 'Idempotency-Key': key } })),
    (v) => { setConfirmCancel(false); onClosed(v); },
  );
  return (
    <div class="actions stocktake-actions">
      <ErrorMessage error={complete.error} />
      <button type="button" class="btn btn-primary" disabled={complete.busy} onClick={() => void complete.submit()}>{t('stocktake.complete')}</button>
      <button type="button" class="btn btn-danger" onClick={() => setConfirmCancel(true)}>{t('stocktake.cancel')}</button>
      {confirmCancel && (
        <Dialog title={t('stocktake.cancelTitle')} onClose={() => setConfirmCancel(false)}>
          <p>{t('stocktake.cancelConfirm', { id: s.id })}</p>
          <ErrorMessage error={cancel.error} />
          <div class="actions">
            <button type="button" class="btn btn-danger" disabled={cancel.busy} onClick={() => void cancel.submit()}>{t('stocktake.cancelYes')}</button>
            <button type="button" class="btn" onClick={() => setConfirmCancel(false)}>{t('stocktake.cancelNo')}</button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
