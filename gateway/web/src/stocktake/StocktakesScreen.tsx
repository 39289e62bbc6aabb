import { useState } from 'preact/hooks';
import { identity, inventory, ok, type InventorySchema } from '../api/services';
import { useApp } from '../context';
import { t } from '../i18n';
import { navigate, paths } from '../router';
import { ErrorMessage, Loading, formatTime, useLoad } from '../ui/components';
import { useSubmit } from '../ui/useSubmit';
import { cycleZones, emptyZone, openRequest, percent, zonesMineFirst, type ZoneDraft } from './model';

type Summary = InventorySchema<'StocktakeSummary'>;

/** 盘点: the branch's open stocktakes (my zones first), opening one (managers), and the history with its accuracy. */
export function StocktakesScreen() {
  const { branch, perms } = useApp();
  const [opening, setOpening] = useState(false);
  const list = useLoad(async (signal) => {
    const all = await ok(inventory.GET('/api/inventory/branches/{branch}/stocktakes', { params: { path: { branch } }, signal }));
    const open = all.filter((s) => s.status === 'open');
    // An open stocktake's zones say which are mine: a few open at most, each read whole.
    const views = await Promise.all(open.map((s) =>
      ok(inventory.GET('/api/inventory/branches/{branch}/stocktakes/{id}', { params: { path: { branch, id: s.id } }, signal }))));
    return { open: views, past: all.filter((s) => s.status !== 'open') };
  }, [branch]);

  return (
    <section class="page" aria-labelledby="stocktakes-title">
      <p><a href={paths.stock()}>{t('app.back')}</a></p>
      <h1 id="stocktakes-title">{t('stocktake.title')}</h1>
      {perms.manageStocktakes && !opening && (
        <button type="button" class="btn btn-primary" onClick={() => setOpening(true)}>{t('stocktake.open')}</button>
      )}
      {opening && <OpenForm onCancel={() => setOpening(false)} onOpened={(id) => navigate(paths.stocktake(id))} />}
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <>
          <h2>{t('stocktake.openOnes')}</h2>
          {list.data.open.length === 0 ? <p class="muted">{t('stocktake.noneOpen')}</p> : (
            <ul class="list-plain">
              {list.data.open.map((s) => (
                <li key={s.id} class="card stocktake-card">
                  <h3><a href={paths.stocktake(s.id)}>{t('stocktake.heading', { id: s.id, kind: t(`stocktake.kind.${s.kind}` as 'stocktake.kind.full') })}</a></h3>
                  {s.blind && <span class="chip static">{t('stocktake.blind')}</span>}
                  <ul class="list-plain">
                    {zonesMineFirst(s.zones).map((z) => (
                      <li key={z.zoneId} class="zone-row">
                        <span>{z.mine && <strong>{t('stocktake.myZone')} </strong>}{z.name}</span>
                        <ZoneProgress counted={z.skusCounted} skus={z.skus} status={z.status} />
                        {z.mine && z.status !== 'finished' && <a class="btn btn-small" href={paths.stocktakeZone(s.id, z.zoneId)}>{t('stocktake.countZone')}</a>}
                      </li>
                    ))}
                  </ul>
                  {perms.manageStocktakes && s.unexplained.length > 0 && (
                    <p class="field-error">{t('stocktake.toExplain', { count: s.unexplained.length })}</p>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h2>{t('stocktake.history')}</h2>
          {list.data.past.length === 0 ? <p class="muted">{t('stocktake.noHistory')}</p> : (
            <ul class="list-plain">{list.data.past.map((s) => <HistoryRow key={s.id} s={s} />)}</ul>
          )}
        </>
      )}
    </section>
  );
}

export function ZoneProgress({ counted, skus, status }: { counted: number; skus: number; status: string }) {
  return (
    <span class="zone-progress">
      <progress max={Math.max(skus, 1)} value={counted} aria-label={t('stocktake.progress', { counted, skus })} />
      <span class="small">{t('stocktake.progress', { counted, skus })} · {t(`stocktake.zone.${status}` as 'stocktake.zone.finished')}</span>
    </span>
  );
}

function HistoryRow({ s }: { s: Summary }) {
  return (
    <li class="card history-row">
      <a href={paths.stocktake(s.id)}>{t('stocktake.heading', { id: s.id, kind: t(`stocktake.kind.${s.kind}` as 'stocktake.kind.full') })}</a>
      <span class="small muted block">{t(`stocktake.status.${s.status}` as 'stocktake.status.open')} · {formatTime(s.closedAt ?? s.openedAt, true)}</span>
      {s.status === 'completed' && s.figures && (
        <span class="block">{t('stocktake.accuracy', { units: percent(s.figures.accuracyUnits), value: percent(s.figures.accuracyValue) })}</span>
      )}
    </li>
  );
}

/** 开始盘点: full or cycle (today's proposal), blind or not, zones by category or skus, counters from the branch's staff. */
function OpenForm({ onCancel, onOpened }: { onCancel: () => void; onOpened: (id: string) => void }) {
  const { branch } = useApp();
  const [kind, setKind] = useState<'full' | 'cycle'>('full');
  const [blind, setBlind] = useState(false);
  const [zones, setZones] = useState<ZoneDraft[]>([emptyZone()]);
  const [proposalError, setProposalError] = useState<unknown>();
  const staff = useLoad((signal) => ok(identity.GET('/api/identity/staff', { signal }))
    .then((all) => all.filter((s) => !s.disabled && !s.supplierId && (s.branches.length === 0 || s.branches.includes(branch)))), [branch]);
  const categories = useLoad((signal) => ok(inventory.GET('/api/inventory/products', { signal }))
    .then((products) => [...new Set(products.map((p) => p.category).filter(Boolean))].sort()), []);

  async function chooseKind(next: 'full' | 'cycle') {
    setKind(next);
    setProposalError(undefined);
    if (next !== 'cycle') return;
    try {
      const proposal = await ok(inventory.GET('/api/inventory/branches/{branch}/stocktakes/proposal', { params: { path: { branch } } }));
      setZones(proposal.categories.length ? cycleZones(proposal) : [emptyZone()]);
    } catch (e) {
      setProposalError(e);
    }
  }

  const form = useSubmit(
    (key) => ok(inventory.POST('/api/inventory/branches/{branch}/stocktakes', {
      params: { path: { branch } }, headers: { 'Idempotency-Key': key }, body: openRequest(kind, blind, zones),
    })),
    (view) => onOpened(view.id),
  );
  const update = (i: number, patch: Partial<ZoneDraft>) => setZones(zones.map((z, j) => (j === i ? { ...z, ...patch } : z)));

  return (
    <form class="form card" aria-labelledby="open-title" onSubmit={form.submit}>
      <h2 id="open-title">{t('stocktake.open')}</h2>
      <fieldset class="segmented">
        <legend>{t('stocktake.kind')}</legend>
        {(['full', 'cycle'] as const).map((k) => (
          <label key={k} class="chip"><input type="radio" name="kind" checked={kind === k} onChange={() => void chooseKind(k)} />{t(`stocktake.kind.${k}`)}</label>
        ))}
      </fieldset>
      {kind === 'cycle' && <p class="muted small">{t('stocktake.cycleHint')}</p>}
      <ErrorMessage error={proposalError} />
      <label class="check"><input type="checkbox" checked={blind} onChange={(e) => setBlind(e.currentTarget.checked)} />{t('stocktake.blindHint')}</label>
      {zones.map((z, i) => (
        <fieldset key={i} class="zone-draft">
          <legend>{t('stocktake.zoneN', { n: i + 1 })}</legend>
          <div class="field">
            <label for={`zone-${i}-name`}>{t('stocktake.zoneName')}</label>
            <input id={`zone-${i}-name`} value={z.name} onInput={(e) => update(i, { name: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for={`zone-${i}-by`}>{t('stocktake.zoneBy')}</label>
            <select id={`zone-${i}-by`} value={z.by} onChange={(e) => update(i, { by: e.currentTarget.value as ZoneDraft['by'] })}>
              <option value="category">{t('stocktake.zoneBy.category')}</option>
              <option value="skus">{t('stocktake.zoneBy.skus')}</option>
            </select>
          </div>
          {z.by === 'category' ? (
            <div class="field">
              <label for={`zone-${i}-category`}>{t('stock.category')}</label>
              <select id={`zone-${i}-category`} value={z.category} onChange={(e) => update(i, { category: e.currentTarget.value })}>
                <option value="">—</option>
                {(categories.data ?? []).map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            </div>
          ) : (
            <div class="field">
              <label for={`zone-${i}-skus`}>{t('stocktake.zoneSkus')}</label>
              <textarea id={`zone-${i}-skus`} rows={3} value={z.skus} onInput={(e) => update(i, { skus: e.currentTarget.value })} />
            </div>
          )}
          <fieldset class="counters">
            <legend>{t('stocktake.counters')}</legend>
            {(staff.data ?? []).map((s) => (
              <label key={s.id} class="check">
                <input type="checkbox" checked={z.counters.some((c) => c.userId === s.id)}
                  onChange={(e) => update(i, {
                    counters: e.currentTarget.checked
                      ? [...z.counters, { userId: s.id, name: s.displayName }]
                      : z.counters.filter((c) => c.userId !== s.id),
                  })} />
                {t('stocktake.counterOption', { name: s.displayName })}
              </label>
            ))}
          </fieldset>
          {zones.length > 1 && (
            <button type="button" class="btn btn-small" onClick={() => setZones(zones.filter((_, j) => j !== i))}>{t('stocktake.removeZone')}</button>
          )}
        </fieldset>
      ))}
      <button type="button" class="btn btn-small" onClick={() => setZones([...zones, emptyZone()])}>{t('stocktake.addZone')}</button>
      <ErrorMessage error={form.error ?? staff.error} />
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={form.busy}>{t('stocktake.openSubmit')}</button>
        <button type="button" class="btn" onClick={onCancel}>{t('app.cancel')}</button>
      </div>
    </form>
  );
}
