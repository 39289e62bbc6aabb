import { identity, ok, type IdentitySchema } from '../api/services';
import { useState } from 'preact/hooks';
import { post, put } from '../api/client';
import { t } from '../i18n';
import { refreshSession } from '../session/store';
import { ErrorMessage, Field, Loading, Notice, useLoad } from '../ui/components';
import { useSubmit } from '../ui/useSubmit';
import { AdminHeader } from './AdminScreen';

export type Branch = IdentitySchema<'Branch'>;

/** `20:45:00` (how the server writes a time of day) as the `HH:mm` a time input and the change route take. */
export function closingTimeText(value: string | null | undefined): string {
  return value ? value.slice(0, 5) : '';
}

/**
 * 门店: the chain's branches, each with its settings (name, time zone, closing time: when its evening report is pushed),
 * and opening a new one (its chat channels and stock books follow by themselves).
 */
export function BranchesAdmin() {
  const list = useLoad((signal) => ok(identity.GET('/api/identity/branches', { signal })), []);
  const [notice, setNotice] = useState<string>();
  const [editing, setEditing] = useState<Branch>();
  return (
    <section class="page narrow" aria-labelledby="branches-title">
      <AdminHeader id="branches-title" title={t('admin.branches')} />
      {notice && <Notice onDone={() => setNotice(undefined)}>{notice}</Notice>}
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.length === 0 && <p class="muted">{t('admin.branches.none')}</p>}
      {list.data && list.data.length > 0 && (
        <table class="table">
          <thead><tr><th scope="col">{t('admin.branch.code')}</th><th scope="col">{t('admin.branch.name')}</th><th scope="col">{t('admin.branch.timeZone')}</th><th scope="col">{t('admin.branch.closingTime')}</th><th scope="col"><span class="visually-hidden">{t('admin.branch.edit')}</span></th></tr></thead>
          <tbody>{list.data.map((b) => (
            <tr key={b.code}>
              <td>{b.code}</td><td>{b.name}</td><td>{b.timeZone ?? ''}</td><td>{closingTimeText(b.closingTime) || t('admin.branch.closingDefault')}</td>
              <td><button type="button" class="btn btn-secondary btn-small" aria-label={t('admin.branch.editOf', { name: b.name })} onClick={() => setEditing(b)}>{t('admin.branch.edit')}</button></td>
            </tr>
          ))}</tbody>
        </table>
      )}
      {editing && (
        <ChangeBranchForm key={editing.code} branch={editing} onCancel={() => setEditing(undefined)} onDone={(b) => {
          setEditing(undefined);
          setNotice(t('admin.branch.changed', { name: b.name }));
          list.reload();
        }} />
      )}
      <OpenBranchForm onDone={async (b) => {
        // The owner's token names the branches it reaches: a fresh one includes the new branch. The branch is announced
        // once the session has it, so what the owner opens next (its stock, its policies) is not refused.
        await refreshSession();
        setNotice(t('admin.branch.opened', { name: b.name }));
        list.reload();
      }} />
    </section>
  );
}

function OpenBranchForm({ onDone }: { onDone: (b: Branch) => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState('Asia/Shanghai');
  const s = useSubmit((key) => post<Branch>('/api/identity/branches', { code: code.trim(), name: name.trim(), timeZone: timeZone.trim() },
    { idempotencyKey: key }), (b) => { setCode(''); setName(''); onDone(b ?? { code, name }); });
  return (
    <form class="card form" onSubmit={s.submit} aria-labelledby="open-branch-title" noValidate>
      <h2 id="open-branch-title">{t('admin.branch.open')}</h2>
      <Field label={t('admin.branch.code')} name="code" idPrefix="branch" value={code} required autoCapitalize="none" spellcheck={false}
        hint={t('admin.branch.codeHint')} error={s.fields.code} onInput={(e) => setCode(e.currentTarget.value)} />
      <Field label={t('admin.branch.name')} name="name" idPrefix="branch" value={name} required error={s.fields.name}
        onInput={(e) => setName(e.currentTarget.value)} />
      <Field label={t('admin.branch.timeZone')} name="timeZone" idPrefix="branch" value={timeZone} error={s.fields.timeZone}
        onInput={(e) => setTimeZone(e.currentTarget.value)} />
      <ErrorMessage error={Object.keys(s.fields).length ? undefined : s.error} />
      <button type="submit" class="btn btn-primary" disabled={s.busy}>{t('admin.branch.open')}</button>
    </form>
  );
}

/** 门店设置: rename, time zone and closing time (HH:mm; empty: the platform's default, 21:30); the code never changes. */
function ChangeBranchForm({ branch, onDone, onCancel }: { branch: Branch; onDone: (b: Branch) => void; onCancel: () => void }) {
  const [name, setName] = useState(branch.name);
  const [timeZone, setTimeZone] = useState(branch.timeZone ?? 'Asia/Shanghai');
  const [closingTime, setClosingTime] = useState(closingTimeText(branch.closingTime));
  const s = useSubmit((key) => put<Branch>(`/api/identity/branches/${encodeURIComponent(branch.code)}`,
    { name: name.trim(), timeZone: timeZone.trim(), closingTime: closingTime || null }, { idempotencyKey: key }),
    (b) => onDone(b ?? { ...branch, name }));
  return (
    <form class="card form" onSubmit={s.submit} aria-labelledby="change-branch-title" noValidate>
      <h2 id="change-branch-title">{t('admin.branch.change', { code: branch.code })}</h2>
      <Field label={t('admin.branch.name')} name="name" idPrefix="edit-branch" value={name} required error={s.fields.name}
        onInput={(e) => setName(e.currentTarget.value)} />
      <Field label={t('admin.branch.timeZone')} name="timeZone" idPrefix="edit-branch" value={timeZone} error={s.fields.timeZone}
        onInput={(e) => setTimeZone(e.currentTarget.value)} />
      <Field label={t('admin.branch.closingTime')} name="closingTime" idPrefix="edit-branch" type="time" value={closingTime}
        hint={t('admin.branch.closingTimeHint')} error={s.fields.closingTime} onInput={(e) => setClosingTime(e.currentTarget.value)} />
      <ErrorMessage error={Object.keys(s.fields).length ? undefined : s.error} />
      <div class="row">
        <button type="submit" class="btn btn-primary" disabled={s.busy}>{t('app.save')}</button>
        <button type="button" class="btn btn-ghost" onClick={onCancel}>{t('app.cancel')}</button>
      </div>
    </form>
  );
}
