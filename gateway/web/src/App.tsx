import { useEffect, useMemo, useState } from 'preact/hooks';
import { configureApi } from './api/client';
import { identity, ok } from './api/services';
import { ChatScreen } from './chat/ChatScreen';
import { SearchScreen } from './chat/SearchScreen';
import { stopChat } from './chat/chatService';
import { Ctx, useApp, type AppContext } from './context';
import { setLocale, t, useLocale, type Locale } from './i18n';
import { LoginScreen } from './LoginScreen';
import { AdminScreen } from './admin/AdminScreen';
import { BranchesAdmin } from './admin/BranchesAdmin';
import { ProductsAdmin } from './admin/ProductsAdmin';
import { ImportAdmin } from './admin/ImportAdmin';
import { importKinds } from './admin/imports';
import { StaffAdmin } from './admin/StaffAdmin';
import { SupplierAdmin, SuppliersAdmin } from './admin/SuppliersAdmin';
import { PoliciesAdmin } from './admin/PoliciesAdmin';
import { MeScreen } from './MeScreen';
import { SignUpScreen } from './SignUpScreen';
import { PurchaseOrderScreen } from './purchasing/PurchaseOrderScreen';
import { PurchasingScreen } from './purchasing/PurchasingScreen';
import { ReportsScreen } from './reports/ReportsScreen';
import { matchRoute, navigate, onLinkClick, paths, usePath, type Route } from './router';
import { noPermissions, permissionsFrom, type Me } from './session/permissions';
import { freshToken, refreshSession, signOut, storeBranch, storedBranch, useSession } from './session/store';
import { StockItemScreen } from './stock/StockItemScreen';
import { StockScreen } from './stock/StockScreen';
import { TransfersScreen } from './stock/TransfersScreen';
import { StocktakeScreen } from './stocktake/StocktakeScreen';
import { StocktakesScreen } from './stocktake/StocktakesScreen';
import { ZoneScreen } from './stocktake/ZoneScreen';
import { Icon } from './ui/icons';

configureApi({
  token: freshToken,
  refresh: async () => (await refreshSession()) === 'refreshed',
  onUnauthorized: () => signOut(true),
});

export function App() {
  const locale = useLocale();
  const session = useSession();
  const path = usePath();
  const route = matchRoute(path);

  useEffect(() => {
    if (!session) stopChat();
    if (!session && route.name !== 'login' && route.name !== 'signup') navigate(paths.login(), true);
    if (session && route.name === 'login') navigate(paths.chat(), true);
  }, [session, route.name]);

  if (!session || route.name === 'login' || route.name === 'signup')
    return <div class="login-page" key={locale} onClick={onLinkClick}>{route.name === 'signup' && !session ? <SignUpScreen /> : <LoginScreen />}</div>;
  return <SignedIn key={`${locale}-${session.user.id}`} route={route} />;
}

function SignedIn({ route }: { route: Route }) {
  const session = useSession()!;
  // What the user may do comes from the server's permission table through /me, read again for each session.
  const [me, setMe] = useState<Me | undefined>();
  useEffect(() => {
    let current = true;
    ok(identity.GET('/api/identity/me')).then(
      (answer) => { if (current) setMe(answer); },
      () => { if (current) setMe(noPermissions); });
    return () => { current = false; };
  }, [session]);
  const perms = useMemo(() => permissionsFrom(me ?? noPermissions), [me]);
  const [branches, setBranches] = useState(() => session.user.branches.map((code) => ({ code, name: code })));
  const [branch, setBranchState] = useState(() => {
    const stored = storedBranch();
    return stored && (session.user.branches.length === 0 || session.user.branches.includes(stored)) ? stored : session.user.branches[0] ?? '';
  });

  // Names for the branch picker; hq (and an owner without listed branches) works across every branch of the chain.
  useEffect(() => {
    if (!me || perms.isSupplier) return;
    ok(identity.GET('/api/identity/branches')).then((list) => {
      const all = list.map((b) => ({ code: b.code, name: b.name || b.code }));
      const mine = session.user.branches.length ? all.filter((b) => session.user.branches.includes(b.code)) : all;
      if (mine.length) {
        setBranches(mine);
        setBranchState((current) => (mine.some((b) => b.code === current) ? current : mine[0].code));
      }
    }, () => { /* the codes from the token are enough to work with */ });
  }, [session, me, perms.isSupplier]);

  if (!me) return <div class="loading" role="status">{t('app.loading')}</div>;

  const ctx: AppContext = {
    session, perms, branch, branches,
    setBranch: (code) => { storeBranch(code); setBranchState(code); },
  };

  const nav = perms.isSupplier
    ? [{ href: paths.chat(), key: 'nav.chat', active: route.name === 'chat' || route.name === 'search' }, { href: paths.purchasing(), key: 'nav.orders', active: route.name === 'purchasing' || route.name === 'purchaseOrder' }]
    : [
        { href: paths.chat(), key: 'nav.chat', active: route.name === 'chat' || route.name === 'search' },
        { href: paths.stock(), key: 'nav.stock', active: route.name === 'stock' || route.name === 'stockItem' || route.name === 'transfers' || route.name.startsWith('stocktake') },
        { href: paths.purchasing(), key: 'nav.purchasing', active: route.name === 'purchasing' || route.name === 'purchaseOrder' },
      ];
  const inAdmin = route.name.startsWith('admin') || route.name === 'reports';
  if (perms.admin) nav.push({ href: paths.admin(), key: 'nav.admin', active: inAdmin });
  nav.push({ href: paths.me(), key: 'nav.me', active: route.name === 'me' });

  return (
    <Ctx.Provider value={ctx}>
      <div class="shell" onClick={onLinkClick}>
        <a class="skip-link" href="#main">{t('app.skipToContent')}</a>
        <header class="topbar">
          <span class="topbar-title">{t('app.name')}</span>
          {!perms.isSupplier && branches.length > 1 && (
            <label class="branch-picker">
              <span class="visually-hidden">{t('app.branch')}</span>
              <select value={branch} onChange={(e) => ctx.setBranch((e.target as HTMLSelectElement).value)}>
                {branches.map((b) => <option key={b.code} value={b.code}>{b.name}</option>)}
              </select>
            </label>
          )}
          <LanguageSwitch />
        </header>
        <main id="main" class="content" tabIndex={-1}>
          <Screen route={route} />
        </main>
        <nav class="tabbar" aria-label={t('nav.main')}>
          {nav.map((n) => (
            <a key={n.href} href={n.href} class={n.active ? 'tab active' : 'tab'} aria-current={n.active ? 'page' : undefined}>
              <span class="tab-icon"><Icon name={ICONS[n.key]} /></span>
              <span>{t(n.key as 'nav.chat')}</span>
            </a>
          ))}
        </nav>
      </div>
    </Ctx.Provider>
  );
}

const ICONS: Record<string, string> = { 'nav.chat': 'chat', 'nav.stock': 'stock', 'nav.purchasing': 'purchasing', 'nav.orders': 'orders', 'nav.admin': 'admin', 'nav.me': 'me' };

function Screen({ route }: { route: Route }) {
  const { perms } = useApp();
  switch (route.name) {
    case 'chat': return <ChatScreen channelId={route.channelId} />;
    case 'search': return <SearchScreen />;
    case 'stock': return perms.viewStock ? <StockScreen /> : <NotFound />;
    case 'stockItem': return perms.viewStock ? <StockItemScreen sku={route.sku} /> : <NotFound />;
    case 'transfers': return perms.viewStock ? <TransfersScreen /> : <NotFound />;
    case 'stocktakes': return perms.countStocktakes ? <StocktakesScreen /> : <NotFound />;
    case 'stocktake': return perms.countStocktakes ? <StocktakeScreen id={route.id} /> : <NotFound />;
    case 'stocktakeZone': return perms.countStocktakes ? <ZoneScreen id={route.id} zoneId={route.zoneId} /> : <NotFound />;
    case 'purchasing': return <PurchasingScreen />;
    case 'purchaseOrder': return <PurchaseOrderScreen id={route.id} />;
    case 'me': return <MeScreen />;
    case 'admin': return perms.admin ? <AdminScreen /> : <NotFound />;
    case 'adminBranches': return perms.manageDirectory ? <BranchesAdmin /> : <NotFound />;
    case 'adminProducts': return perms.manageCatalogue ? <ProductsAdmin /> : <NotFound />;
    case 'adminStaff': return perms.manageDirectory ? <StaffAdmin /> : <NotFound />;
    case 'adminImport': return importKinds(perms).length > 0 ? <ImportAdmin /> : <NotFound />;
    case 'adminSuppliers': return perms.manageSuppliers ? <SuppliersAdmin /> : <NotFound />;
    case 'adminSupplier': return perms.manageSuppliers ? <SupplierAdmin id={route.id} /> : <NotFound />;
    case 'adminPolicies': return perms.setPolicies ? <PoliciesAdmin /> : <NotFound />;
    case 'reports': return perms.branchReports || perms.chainReports ? <ReportsScreen /> : <NotFound />;
    default: return <NotFound />;
  }
}

function NotFound() {
  return <section class="page"><h1>{t('app.notFound')}</h1><a href={paths.chat()}>{t('nav.chat')}</a></section>;
}

export function LanguageSwitch() {
  const locale = useLocale();
  const next: Locale = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button type="button" class="btn btn-ghost lang-switch" onClick={() => setLocale(next)} lang={next}
      aria-label={`${t('app.language')}: ${next === 'en' ? 'English' : '中文'}`}>
      {next === 'en' ? 'EN' : '中文'}
    </button>
  );
}
