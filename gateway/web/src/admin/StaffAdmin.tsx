import type { IdentitySchema } from '../api/services';
import { identity, ok } from '../api/services';
import { useState } from 'preact/hooks';
import { post, put } from '../api/client';
import { useApp } from '../context';
import { t, type MessageKey } from '../i18n';
import { ErrorMessage, Field, Loading, Notice, useLoad } from '../ui/components';
import { useSubmit } from '../ui/useSubmit';
import { AdminHeader } from './AdminScreen';
import type { Branch } from './BranchesAdmin';

export type StaffMember = IdentitySchema<'StaffView'>;

/** Roles staff can be given here (a supplier's account comes with its supplier contact). */
export const STAFF_ROLES = ['clerk', 'manager', 'owner', 'hq'] as const;

/**
 * 员工: the chain's accounts; add one, change its roles and branches, disable it, reset its password. The server refuses a
 * grant beyond the granter's own reach (403 with its reason), which shows beside the form.
 */
export function StaffAdmin() {
  const staff = useLoad((signal) => ok(identity.GET('/api/identity/staff', { signal })), []);
  const branches = useLoad((signal) => ok(identity.GET('/api/identity/branches', { signal })), []);
  const [open, setOpen] = useState<string | 'new'>();
  const [notice, setNotice] = useState<string>();
  const done = (message: string) => { setOpen(undefined); setNotice(message); staff.reload(); };
  const roleNames = (roles: string[]) => roles.map((r) => t(`role.${r}` as MessageKey)).join('、');
  const branchNames = (codes: string[]) => codes.length === 0
    ? t('admin.staff.allBranches')
    : codes.map((c) => branches.data?.find((b) => b.code === c)?.name ?? c).join('、');

  return (
    <section class="page narrow" aria-labelledby="staff-title">
      <AdminHeader id="staff-title" title={t('admin.staff')} />
      {notice && <Notice>{notice}</Notice>}
      <button type="button" class="btn btn-primary" aria-expanded={open === 'new'} onClick={() => setOpen(open === 'new' ? undefined : 'new')}>
        {t('admin.staff.add')}
      </button>
      {open === 'new' && <StaffForm branches={branches.data ?? []} onDone={(m) => done(t('admin.staff.added', { name: m.displayName }))} />}
      <ErrorMessage error={staff.error} onRetry={staff.reload} />
      {staff.loading && !staff.data && <Loading />}
      <ul class="link-list">
        {(staff.data ?? []).map((m) => (
          <li key={m.id} class="card">
            <p>
              <strong>{m.displayName}</strong> <span class="muted">@{m.username}</span>
              {m.disabled && <span class="chip static">{t('admin.staff.disabled')}</span>}
            </p>
            <p class="muted small">{roleNames(m.roles)} · {m.supplierId ? m.supplierId : branchNames(m.branches)}</p>
            {!m.disabled && !m.supplierId && (
              <button type="button" class="btn btn-small" aria-expanded={open === m.id} aria-label={`${t('admin.staff.manage')} ${m.displayName}`}
                onClick={() => setOpen(open === m.id ? undefined : m.id)}>{t('admin.staff.manage')}</button>
            )}
            {open === m.id && (
              <>
                <StaffForm member={m} branches={branches.data ?? []} onDone={() => done(t('admin.staff.changed', { name: m.displayName }))} />
                <StaffActions member={m} onDone={done} />
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function StaffForm({ member, branches, onDone }: { member?: StaffMember; branches: Branch[]; onDone: (m: StaffMember) => void }) {
  const { session } = useApp();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>(member?.roles ?? ['clerk']);
  const [chosen, setChosen] = useState<string[]>(member?.branches ?? (branches.length === 1 ? [branches[0].code] : []));
  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((x) => x !== value) : [...list, value]);
  const s = useSubmit((key) => member
    ? put<StaffMember>(`/api/identity/staff/${encodeURIComponent(member.id)}`, { roles, branches: chosen }, { idempotencyKey: key })
    : post<StaffMember>('/api/identity/staff', { username: username.trim(), displayName: displayName.trim(), password, roles, branches: chosen },
      { idempotencyKey: key }), (m) => onDone(m));
  const id = member ? `staff-${member.id}` : 'new-staff';
  return (
    <form class="card form" onSubmit={s.submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{member ? t('admin.staff.change', { name: member.displayName }) : t('admin.staff.add')}</h2>
      {!member && (
        <>
          <Field label={t('admin.staff.username')} name="username" idPrefix={id} value={username} required autoCapitalize="none" spellcheck={false}
            autoComplete="off" error={s.fields.username} onInput={(e) => setUsername(e.currentTarget.value)} />
          <Field label={t('admin.staff.displayName')} name="displayName" idPrefix={id} value={displayName} required
            error={s.fields.displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
          <Field label={t('admin.staff.password')} name="password" idPrefix={id} type="password" value={password} required autoComplete="new-password"
            hint={t('admin.staff.passwordHint', { chain: session.chain })} error={s.fields.password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </>
      )}
      <fieldset class="field">
        <legend>{t('admin.staff.roles')}</legend>
        <div class="chips">
          {STAFF_ROLES.map((r) => (
            <label key={r} class={roles.includes(r) ? 'chip active' : 'chip'}>
              <input type="checkbox" class="visually-hidden" checked={roles.includes(r)} onChange={() => setRoles(toggle(roles, r))} />
              {t(`role.${r}` as MessageKey)}
            </label>
          ))}
        </div>
        {s.fields.roles && <small class="field-error">{s.fields.roles.join('；')}</small>}
      </fieldset>
      <fieldset class="field">
        <legend>{t('admin.staff.branches')}</legend>
        <div class="chips">
          {branches.map((b) => (
            <label key={b.code} class={chosen.includes(b.code) ? 'chip active' : 'chip'}>
              <input type="checkbox" class="visually-hidden" checked={chosen.includes(b.code)} onChange={() => setChosen(toggle(chosen, b.code))} />
              {b.name}
            </label>
          ))}
        </div>
        {s.fields.branches && <small class="field-error">{s.fields.branches.join('；')}</small>}
      </fieldset>
      <ErrorMessage error={Object.keys(s.fields).length ? undefined : s.error} />
      <button type="submit" class="btn btn-primary" disabled={s.busy}>{member ? t('app.save') : t('admin.staff.add')}</button>
    </form>
  );
}

/** Reset the password (the temporary one is shown once, here only) or disable the account. */
function StaffActions({ member, onDone }: { member: StaffMember; onDone: (message: string) => void }) {
  const [temporary, setTemporary] = useState<string>();
  const reset = useSubmit((key) => post<{ temporaryPassword: string }>(`/api/identity/staff/${encodeURIComponent(member.id)}/password-reset`, {},
    { idempotencyKey: key }), (r) => setTemporary(r.temporaryPassword));
  const disable = useSubmit((key) => post(`/api/identity/staff/${encodeURIComponent(member.id)}/disable`, {}, { idempotencyKey: key }),
    () => onDone(t('admin.staff.disabledNotice', { name: member.displayName })));
  return (
    <div class="card form">
      {temporary && <p class="alert alert-ok" role="status">{t('admin.staff.temporaryPassword', { name: member.displayName })} <code>{temporary}</code></p>}
      <ErrorMessage error={reset.error ?? disable.error} />
      <div class="chips">
        <button type="button" class="btn" disabled={reset.busy} onClick={() => reset.submit()}>{t('admin.staff.resetPassword')}</button>
        <button type="button" class="btn btn-danger" disabled={disable.busy}
          onClick={() => { if (confirm(t('admin.staff.disableConfirm', { name: member.displayName }))) void disable.submit(); }}>
          {t('admin.staff.disable')}
        </button>
      </div>
    </div>
  );
}
