import { useState } from 'preact/hooks';
import { get, post } from '../api/client';
import { t } from '../i18n';
import { refreshSession } from '../session/store';
import { ErrorMessage, Field, Loading, Notice, useLoad } from '../ui/components';
import { useSubmit } from '../ui/useSubmit';
import { AdminHeader } from './AdminScreen';

export interface Branch { code: string; name: string; timeZone?: string }

/** 门店: the chain's branches, and opening a new one (its chat channels and stock books follow by themselves). */
export function BranchesAdmin() {
  const list = useLoad((signal) => get<Branch[]>('/api/identity/branches', { signal }), []);
  const [notice, setNotice] = useState<string>();
  return (
    <section class="page narrow" aria-labelledby="branches-title">
      <AdminHeader id="branches-title" title={t('admin.branches')} />
      {notice && <Notice onDone={() => setNotice(undefined)}>{notice}</Notice>}
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.length === 0 && <p class="muted">{t('admin.branches.none')}</p>}
      {list.data && list.data.length > 0 && (
        <table class="table">
          <thead><tr><th scope="col">{t('admin.branch.code')}</th><th scope="col">{t('admin.branch.name')}</th><th scope="col">{t('admin.branch.timeZone')}</th></tr></thead>
          <tbody>{list.data.map((b) => <tr key={b.code}><td>{b.code}</td><td>{b.name}</td><td>{b.timeZone ?? ''}</td></tr>)}</tbody>
        </table>
      )}
      <OpenBranchForm onDone={async (b) => {
        setNotice(t('admin.branch.opened', { name: b.name }));
        list.reload();
        // The owner's token names the branches it reaches: a fresh one includes the new branch.
        await refreshSession();
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
