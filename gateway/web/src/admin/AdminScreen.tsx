import { useApp } from '../context';
import { t, type MessageKey } from '../i18n';
import { paths } from '../router';
import type { Permissions } from '../session/permissions';
import { importKinds } from './imports';

/** The parts of 管理 the user may open, in the order a new shop sets itself up: branches, products, staff, import/export, suppliers, policies; then its reports. */
export function adminSections(perms: Permissions): Array<{ href: string; title: MessageKey; hint: MessageKey }> {
  return [
    ...(perms.manageDirectory ? [{ href: paths.adminBranches(), title: 'admin.branches' as const, hint: 'admin.branches.hint' as const }] : []),
    ...(perms.manageCatalogue ? [{ href: paths.adminProducts(), title: 'admin.products' as const, hint: 'admin.products.hint' as const }] : []),
    ...(perms.manageDirectory ? [{ href: paths.adminStaff(), title: 'admin.staff' as const, hint: 'admin.staff.hint' as const }] : []),
    ...(importKinds(perms).length > 0 ? [{ href: paths.adminImport(), title: 'admin.import' as const, hint: 'admin.import.hint' as const }] : []),
    ...(perms.manageSuppliers ? [{ href: paths.adminSuppliers(), title: 'admin.suppliers' as const, hint: 'admin.suppliers.hint' as const }] : []),
    ...(perms.setPolicies ? [{ href: paths.adminPolicies(), title: 'admin.policies' as const, hint: 'admin.policies.hint' as const }] : []),
    ...(perms.branchReports || perms.chainReports ? [{ href: paths.reports(), title: 'reports.title' as const, hint: 'reports.hint' as const }] : []),
  ];
}

export function AdminScreen() {
  const { perms } = useApp();
  const sections = adminSections(perms);
  return (
    <section class="page narrow" aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title')}</h1>
      {sections.length === 0 && <p class="muted">{t('admin.nothing')}</p>}
      <ul class="link-list">
        {sections.map((s) => (
          <li key={s.href} class="card">
            <a href={s.href}><strong>{t(s.title)}</strong></a>
            <p class="muted small">{t(s.hint)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The back link and title every admin page starts with. */
export function AdminHeader({ id, title }: { id: string; title: string }) {
  return (
    <>
      <a href={paths.admin()} class="small">‹ {t('admin.title')}</a>
      <h1 id={id}>{title}</h1>
    </>
  );
}
