import { useState } from 'preact/hooks';
import { identity, ok, purchasing } from '../api/services';
import { post } from '../api/client';
import { useApp } from '../context';
import { t } from '../i18n';
import { QuoteComparison, QuoteTable } from '../purchasing/QuoteComparison';
import { paths } from '../router';
import { ErrorMessage, Field, Loading, Notice, formatMoney, useLoad } from '../ui/components';
import { useSubmit } from '../ui/useSubmit';
import { AdminHeader } from './AdminScreen';
import type { StaffMember } from './StaffAdmin';
import { comparisonByProduct, measuredDays, temporaryPassword, type Supplier } from './suppliers';

/** 供应商: the chain's suppliers with their lead times, registering one, and (cost roles) the side-by-side comparison. */
export function SuppliersAdmin() {
  const { perms } = useApp();
  const list = useLoad((signal) => ok(purchasing.GET('/api/purchasing/suppliers', { signal })), []);
  const [registering, setRegistering] = useState(false);
  const [notice, setNotice] = useState<string>();
  return (
    <section class="page narrow" aria-labelledby="suppliers-title">
      <AdminHeader id="suppliers-title" title={t('admin.suppliers')} />
      {notice && <Notice onDone={() => setNotice(undefined)}>{notice}</Notice>}
      <button type="button" class="btn btn-primary" aria-expanded={registering} onClick={() => setRegistering(!registering)}>
        {t('admin.supplier.register')}
      </button>
      {registering && <RegisterSupplierForm onDone={(s) => { setRegistering(false); setNotice(t('admin.supplier.registered', { name: s.name })); list.reload(); }} />}
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.length === 0 && <p class="muted">{t('admin.suppliers.none')}</p>}
      <ul class="link-list">
        {(list.data ?? []).map((s) => (
          <li key={s.id} class="card">
            <a href={paths.adminSupplier(s.id)}><strong>{s.name}</strong></a>
            <p class="muted small"><LeadTimes supplier={s} /></p>
          </li>
        ))}
      </ul>
      {perms.seeCost && <AllQuotes />}
    </section>
  );
}

/** Declared and measured lead times, side by side. */
function LeadTimes({ supplier }: { supplier: Supplier }) {
  const measured = measuredDays(supplier);
  return (
    <>
      {t('admin.supplier.declaredLeadTime', { days: supplier.leadTimeDays })}
      {' · '}
      {measured == null
        ? t('admin.supplier.notMeasured')
        : t('admin.supplier.measuredLeadTime', { days: measured, deliveries: supplier.deliveries ?? 0 })}
    </>
  );
}

function AllQuotes() {
  const { perms } = useApp();
  const groups = useLoad((signal) => ok(purchasing.GET('/api/purchasing/quotes', { signal })).then((raw) => comparisonByProduct(raw, perms)), []);
  return (
    <section aria-labelledby="comparison-title">
      <h2 id="comparison-title">{t('quotes.title')}</h2>
      <ErrorMessage error={groups.error} onRetry={groups.reload} />
      {groups.data && groups.data.length === 0 && <p class="muted">{t('quotes.none')}</p>}
      {(groups.data ?? []).map((g) => <QuoteTable key={g.sku} quotes={g.quotes} caption={g.sku} />)}
    </section>
  );
}

function RegisterSupplierForm({ onDone }: { onDone: (s: Supplier) => void }) {
  const [f, setF] = useState({ name: '', contact: '', leadTimeDays: '', categories: '' });
  const set = (name: keyof typeof f) => (e: { currentTarget: HTMLInputElement }) => setF({ ...f, [name]: e.currentTarget.value });
  const s = useSubmit((key) => post<Supplier>('/api/purchasing/suppliers', {
    name: f.name.trim(), contact: f.contact.trim() || null,
    leadTimeDays: f.leadTimeDays.trim() === '' ? null : Number(f.leadTimeDays),
    categories: f.categories.split(/[,，、]/).map((c) => c.trim()).filter(Boolean),
  }, { idempotencyKey: key }), onDone);
  const field = (name: keyof typeof f, label: string, extra: Record<string, unknown> = {}) => (
    <Field label={label} name={name} idPrefix="new-supplier" value={f[name]} error={s.fields[name]} onInput={set(name)} {...extra} />
  );
  return (
    <form class="card form" onSubmit={s.submit} aria-labelledby="new-supplier-title" noValidate>
      <h2 id="new-supplier-title">{t('admin.supplier.register')}</h2>
      {field('name', t('admin.supplier.name'), { required: true })}
      {field('leadTimeDays', t('admin.supplier.leadTimeDays'), { type: 'number', inputMode: 'numeric', min: 0, max: 365, required: true })}
      {field('contact', t('admin.supplier.contact'), { hint: t('admin.supplier.contactHint') })}
      {field('categories', t('admin.supplier.categories'), { hint: t('admin.supplier.categoriesHint') })}
      <ErrorMessage error={Object.keys(s.fields).length ? undefined : s.error} />
      <button type="submit" class="btn btn-primary" disabled={s.busy}>{t('admin.supplier.register')}</button>
    </form>
  );
}

/** One supplier: its lead times, its contacts (invite one), and for cost roles its quotes and a new quote. */
export function SupplierAdmin({ id }: { id: string }) {
  const { perms } = useApp();
  const supplier = useLoad((signal) => ok(purchasing.GET('/api/purchasing/suppliers/{supplierId}', { params: { path: { supplierId: id } }, signal })), [id]);
  const s = supplier.data;
  return (
    <section class="page narrow" aria-labelledby="supplier-title">
      <a href={paths.adminSuppliers()} class="small">‹ {t('admin.suppliers')}</a>
      <h1 id="supplier-title">{s?.name ?? t('admin.suppliers')}</h1>
      <ErrorMessage error={supplier.error} onRetry={supplier.reload} />
      {supplier.loading && !s && <Loading />}
      {s && (
        <>
          <p class="card" data-testid="lead-times"><LeadTimes supplier={s} /></p>
          {s.contact && <p class="muted">{s.contact}</p>}
          {perms.manageDirectory && <Contacts supplier={s} />}
          {perms.seeCost && <SupplierQuotes supplier={s} />}
        </>
      )}
    </section>
  );
}

function Contacts({ supplier }: { supplier: Supplier }) {
  const staff = useLoad((signal) => ok(identity.GET('/api/identity/staff', { signal })), []);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [invited, setInvited] = useState<{ name: string; username: string; password: string }>();
  const password = useState(() => temporaryPassword())[0];
  const s = useSubmit((key) => post<StaffMember>('/api/identity/supplier-contacts',
    { supplierId: supplier.id, username: username.trim(), displayName: displayName.trim(), password }, { idempotencyKey: key }),
  (m) => { setInvited({ name: m.displayName, username: m.username, password }); setUsername(''); setDisplayName(''); staff.reload(); });
  const contacts = (staff.data ?? []).filter((m) => m.supplierId === supplier.id);
  return (
    <section aria-labelledby="contacts-title">
      <h2 id="contacts-title">{t('admin.supplier.contacts')}</h2>
      <ErrorMessage error={staff.error} onRetry={staff.reload} />
      {staff.data && contacts.length === 0 && <p class="muted">{t('admin.supplier.noContacts')}</p>}
      <ul>
        {contacts.map((m) => <li key={m.id}>{m.displayName} <span class="muted">@{m.username}</span></li>)}
      </ul>
      {invited && (
        <p class="alert alert-ok" role="status">
          {t('admin.supplier.invited', { name: invited.name, username: invited.username })} <code data-testid="temporary-password">{invited.password}</code>
        </p>
      )}
      {!invited && (
        <form class="card form" onSubmit={s.submit} aria-labelledby="invite-title" noValidate>
          <h3 id="invite-title">{t('admin.supplier.invite')}</h3>
          <Field label={t('admin.staff.username')} name="username" idPrefix="invite" value={username} required autoCapitalize="none" spellcheck={false}
            autoComplete="off" error={s.fields.username} onInput={(e) => setUsername(e.currentTarget.value)} />
          <Field label={t('admin.staff.displayName')} name="displayName" idPrefix="invite" value={displayName} required
            error={s.fields.displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
          <ErrorMessage error={Object.keys(s.fields).length ? undefined : s.error} />
          <button type="submit" class="btn btn-primary" disabled={s.busy}>{t('admin.supplier.invite')}</button>
        </form>
      )}
    </section>
  );
}

function SupplierQuotes({ supplier }: { supplier: Supplier }) {
  const quotes = useLoad((signal) => ok(purchasing.GET('/api/purchasing/quotes', { signal }))
    .then((all) => all.filter((q) => q.supplierId === supplier.id)), [supplier.id]);
  const [last, setLast] = useState<string>();
  return (
    <section aria-labelledby="supplier-quotes-title">
      <h2 id="supplier-quotes-title">{t('admin.supplier.quotes')}</h2>
      <ErrorMessage error={quotes.error} onRetry={quotes.reload} />
      {quotes.data && quotes.data.length === 0 && <p class="muted">{t('quotes.none')}</p>}
      {quotes.data && quotes.data.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('admin.product.sku')}</th>
              <th scope="col" class="num">{t('quotes.unitCost')}</th>
              <th scope="col" class="num">{t('quotes.minQty')}</th>
              <th scope="col" class="wide-only">{t('admin.quote.validUntil')}</th>
            </tr>
          </thead>
          <tbody>
            {quotes.data.map((q) => (
              <tr key={q.sku}>
                <td><button type="button" class="btn btn-ghost btn-small" onClick={() => setLast(q.sku)}>{q.sku}</button></td>
                <td class="num">{formatMoney(q.unitCost)}</td>
                <td class="num">{q.minOrderQty}</td>
                <td class="wide-only">{q.validUntil}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <QuoteForm supplier={supplier} onDone={(sku) => { setLast(sku); quotes.reload(); }} />
      {last && <QuoteComparison key={`${last}-${quotes.data?.length}`} sku={last} />}
    </section>
  );
}

/** 报价: a unit cost for one product, valid until a day (the server refuses a day already past, naming the field). */
function QuoteForm({ supplier, onDone }: { supplier: Supplier; onDone: (sku: string) => void }) {
  const [f, setF] = useState({ sku: '', unitCost: '', minOrderQty: '1', validUntil: '', packSize: '' });
  const set = (name: keyof typeof f) => (e: { currentTarget: HTMLInputElement }) => setF({ ...f, [name]: e.currentTarget.value });
  const num = (v: string) => (v.trim() === '' ? null : Number(v));
  const s = useSubmit((key) => post(`/api/purchasing/suppliers/${encodeURIComponent(supplier.id)}/quotes`, {
    sku: f.sku.trim(), unitCost: num(f.unitCost), minOrderQty: num(f.minOrderQty), validUntil: f.validUntil || null, packSize: num(f.packSize),
  }, { idempotencyKey: key }), () => { onDone(f.sku.trim()); setF({ ...f, sku: '', unitCost: '' }); });
  const field = (name: keyof typeof f, label: string, extra: Record<string, unknown> = {}) => (
    <Field label={label} name={name} idPrefix="quote" value={f[name]} error={s.fields[name]} onInput={set(name)} {...extra} />
  );
  return (
    <form class="card form" onSubmit={s.submit} aria-labelledby="quote-title" noValidate>
      <h3 id="quote-title">{t('admin.quote.enter')}</h3>
      {field('sku', t('admin.product.sku'), { required: true, autoCapitalize: 'none', spellcheck: false })}
      <div class="row">
        {field('unitCost', t('quotes.unitCost'), { type: 'number', inputMode: 'decimal', min: 0, step: '0.0001', required: true })}
        {field('minOrderQty', t('quotes.minQty'), { type: 'number', inputMode: 'numeric', min: 1, step: 1 })}
      </div>
      <div class="row">
        {field('validUntil', t('admin.quote.validUntil'), { type: 'date', required: true })}
        {field('packSize', t('admin.quote.packSize'), { type: 'number', inputMode: 'numeric', min: 1, step: 1 })}
      </div>
      <ErrorMessage error={Object.keys(s.fields).length ? undefined : s.error} />
      <button type="submit" class="btn btn-primary" disabled={s.busy}>{t('admin.quote.enter')}</button>
    </form>
  );
}
