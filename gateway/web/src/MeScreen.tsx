import { useApp } from './context';
import { setLocale, t, useLocale, type MessageKey } from './i18n';
import { navigate, paths } from './router';
import { signOut } from './session/store';

export function MeScreen() {
  const { session, perms, branch, branches, setBranch } = useApp();
  const locale = useLocale();
  const roleNames = session.user.roles.map((r) => t(`role.${r}` as MessageKey)).join('、');
  return (
    <section class="page narrow" aria-labelledby="me-title">
      <h1 id="me-title">{t('me.title')}</h1>
      <dl class="facts card">
        <dt>{t('login.username')}</dt><dd>{session.user.name}{session.user.username ? ` (${session.user.username})` : ''}</dd>
        <dt>{t('me.roles')}</dt><dd>{roleNames}</dd>
        <dt>{t('me.chain')}</dt><dd>{session.chain}</dd>
      </dl>
      {!perms.isSupplier && branches.length > 0 && (
        <div class="field">
          <label for="me-branch">{t('me.branch')}</label>
          <select id="me-branch" value={branch} onChange={(e) => setBranch(e.currentTarget.value)}>
            {branches.map((b) => <option key={b.code} value={b.code}>{b.name}</option>)}
          </select>
        </div>
      )}
      {(perms.branchReports || perms.chainReports) && (
        <p><a href={paths.reports()} class="btn btn-secondary btn-block">{t('reports.title')}</a></p>
      )}
      <fieldset class="field">
        <legend>{t('app.language')}</legend>
        <div class="chips">
          <button type="button" class={locale === 'zh-CN' ? 'chip active' : 'chip'} aria-pressed={locale === 'zh-CN'} lang="zh-CN" onClick={() => setLocale('zh-CN')}>中文</button>
          <button type="button" class={locale === 'en' ? 'chip active' : 'chip'} aria-pressed={locale === 'en'} lang="en" onClick={() => setLocale('en')}>English</button>
        </div>
      </fieldset>
      <button type="button" class="btn btn-danger btn-block" onClick={() => { signOut(); navigate(paths.login(), true); }}>{t('me.logout')}</button>
    </section>
  );
}
