import type { InventorySchema } from '../api/services';
import { identity, inventory, ok } from '../api/services';
import { useState } from 'preact/hooks';
import { post } from '../api/client';
import { useApp } from '../context';
import { t, type MessageKey } from '../i18n';
import { paths } from '../router';
import { ErrorMessage, Field, Loading, Notice, formatTime, useLoad } from '../ui/components';
import { useSubmit } from '../ui/useSubmit';

export type TransferLine = InventorySchema<'TransferLine'>;

export type Transfer = InventorySchema<'TransferView'>;

/** Units of each line still on their way: sent minus received. */
export function outstanding(transfer: Transfer): TransferLine[] {
  return transfer.lines
    .map((l) => ({ ...l, quantity: l.quantity - (transfer.received.find((r) => r.sku === l.sku)?.quantity ?? 0) }))
    .filter((l) => l.quantity > 0);
}

/** 调拨: send stock to another branch, see what is on its way, receive it (all or part). */
export function TransfersScreen() {
  const { branch, perms } = useApp();
  const base = `/api/inventory/branches/${encodeURIComponent(branch)}/transfers`;
  const list = useLoad((signal) => ok(inventory.GET('/api/inventory/branches/{branch}/transfers', { params: { path: { branch } }, signal })), [branch]);
  const branches = useLoad((signal) => ok(identity.GET('/api/identity/branches', { signal })), []);
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState<string>();
  const nameOf = (code: string) => branches.data?.find((b) => b.code === code)?.name ?? code;
  const done = (message: string) => { setSending(false); setNotice(message); list.reload(); };

  return (
    <section class="page narrow" aria-labelledby="transfers-title">
      <a href={paths.stock()} class="small">‹ {t('stock.title')}</a>
      <h1 id="transfers-title">{t('transfer.title')}</h1>
      {notice && <Notice onDone={() => setNotice(undefined)}>{notice}</Notice>}
      {perms.transferStock && (
        <button type="button" class="btn btn-primary" aria-expanded={sending} onClick={() => setSending(!sending)}>{t('transfer.send')}</button>
      )}
      {sending && (
        <SendForm base={base} targets={(branches.data ?? []).filter((b) => b.code !== branch)}
          onDone={(tr) => done(t('transfer.sent', { id: tr.id, to: nameOf(tr.toBranch) }))} />
      )}
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.length === 0 && <p class="muted">{t('transfer.none')}</p>}
      <ul class="link-list">
        {(list.data ?? []).map((tr) => {
          const incoming = tr.toBranch === branch;
          const left = outstanding(tr);
          return (
            <li key={tr.id} class="card" aria-label={`${t('transfer.number')} ${tr.id}`}>
              <p>
                <strong>{incoming ? t('transfer.from', { branch: nameOf(tr.fromBranch) }) : t('transfer.to', { branch: nameOf(tr.toBranch) })}</strong>{' '}
                <span class={`chip static chip-${tr.status === 'received' ? 'ok' : 'low'}`}>{t(`transfer.status.${tr.status}` as MessageKey)}</span>
              </p>
              <p class="muted small">{tr.id} · {formatTime(tr.dispatchedAt, true)}{tr.note ? ` · ${tr.note}` : ''}</p>
              <ul>
                {tr.lines.map((l) => {
                  const got = tr.received.find((r) => r.sku === l.sku)?.quantity ?? 0;
                  return <li key={l.sku}>{l.name} {l.spec} × {l.quantity} {l.unit}{got > 0 && got < l.quantity ? ` · ${t('transfer.receivedSoFar', { count: got })}` : ''}</li>;
                })}
              </ul>
              {incoming && left.length > 0 && perms.recordReceipt && (
                <ReceiveForm key={left.map((l) => `${l.sku}:${l.quantity}`).join()} base={base} transfer={tr} left={left} onDone={(after) =>
                  done(after.status === 'received' ? t('transfer.receivedAll', { id: tr.id }) : t('transfer.receivedPart', { id: tr.id }))} />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function SendForm({ base, targets, onDone }: { base: string; targets: Array<{ code: string; name: string }>; onDone: (t: Transfer) => void }) {
  const [toBranch, setToBranch] = useState(targets[0]?.code ?? '');
  const [lines, setLines] = useState([{ sku: '', quantity: '1' }]);
  const [note, setNote] = useState('');
  const setLine = (i: number, patch: Partial<{ sku: string; quantity: string }>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const s = useSubmit((key) => post<Transfer>(base, {
    toBranch, note: note.trim() || null,
    lines: lines.filter((l) => l.sku.trim()).map((l) => ({ sku: l.sku.trim(), quantity: Number(l.quantity) })),
  }, { idempotencyKey: key }), onDone);
  return (
    <form class="card form" onSubmit={s.submit} aria-labelledby="send-title" noValidate>
      <h2 id="send-title">{t('transfer.send')}</h2>
      <div class="field">
        <label for="send-to">{t('transfer.toBranch')}</label>
        <select id="send-to" value={toBranch} onChange={(e) => setToBranch(e.currentTarget.value)}>
          {targets.map((b) => <option key={b.code} value={b.code}>{b.name}</option>)}
        </select>
        {s.fields.toBranch && <small class="field-error">{s.fields.toBranch.join('；')}</small>}
      </div>
      {lines.map((l, i) => (
        <div class="row" key={i}>
          <Field label={t('transfer.sku')} name={`lines[${i}].sku`} idPrefix="send" value={l.sku} autoCapitalize="none" spellcheck={false}
            error={s.fields[`lines[${i}].sku`]} onInput={(e) => setLine(i, { sku: e.currentTarget.value })} />
          <Field label={t('stock.quantity')} name={`lines[${i}].quantity`} idPrefix="send" type="number" inputMode="numeric" min={1} step={1}
            value={l.quantity} error={s.fields[`lines[${i}].quantity`]} onInput={(e) => setLine(i, { quantity: e.currentTarget.value })} />
        </div>
      ))}
      <button type="button" class="btn btn-small" onClick={() => setLines([...lines, { sku: '', quantity: '1' }])}>{t('transfer.addLine')}</button>
      <Field label={t('stock.note')} name="note" idPrefix="send" value={note} error={s.fields.note} onInput={(e) => setNote(e.currentTarget.value)} />
      <ErrorMessage error={Object.keys(s.fields).length ? undefined : s.error} />
      <button type="submit" class="btn btn-primary" disabled={s.busy || !toBranch}>{t('transfer.send')}</button>
    </form>
  );
}

/** 收货: every line starts at what is still on its way; lower it for a partial receipt. */
function ReceiveForm({ base, transfer, left, onDone }: { base: string; transfer: Transfer; left: TransferLine[]; onDone: (t: Transfer) => void }) {
  const [quantities, setQuantities] = useState(() => Object.fromEntries(left.map((l) => [l.sku, String(l.quantity)])));
  const s = useSubmit((key) => post<Transfer>(`${base}/${encodeURIComponent(transfer.id)}/receive`, {
    lines: left.map((l) => ({ sku: l.sku, quantity: Number(quantities[l.sku] ?? 0) })),
  }, { idempotencyKey: key }), onDone);
  const id = `receive-${transfer.id}`;
  return (
    <form class="form" onSubmit={s.submit} aria-label={t('transfer.receive')} noValidate>
      {left.map((l, i) => (
        <Field key={l.sku} label={t('transfer.arrived', { name: `${l.name} ${l.spec}`.trim(), unit: l.unit })} name={`lines[${i}].quantity`}
          idPrefix={id} type="number" inputMode="numeric" min={0} max={l.quantity} step={1} value={quantities[l.sku]}
          hint={t('transfer.onTheWay', { count: l.quantity })} error={s.fields[`lines[${i}].quantity`]}
          onInput={(e) => setQuantities({ ...quantities, [l.sku]: e.currentTarget.value })} />
      ))}
      <ErrorMessage error={Object.keys(s.fields).length ? undefined : s.error} />
      <button type="submit" class="btn btn-primary" disabled={s.busy}>{t('transfer.receive')}</button>
    </form>
  );
}
