import { useState } from 'preact/hooks';
import { ApiError, post } from './api/client';
import { LanguageSwitch } from './App';
import { t } from './i18n';
import { navigate, paths } from './router';
import { sessionFromLogin, type LoginResponse } from './session/session';
import { lastSignOutWasForced, signIn } from './session/store';
import { ErrorMessage, Field } from './ui/components';

const LAST_LOGIN = 'stationery.lastLogin';

export function LoginScreen() {
  const remembered = (() => {
    try { return JSON.parse(localStorage.getItem(LAST_LOGIN) ?? '{}') as { chain?: string; username?: string }; } catch { return {}; }
  })();
  const [chain, setChain] = useState(remembered.chain ?? 'demo');
  const [username, setUsername] = useState(remembered.username ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const response = await post<LoginResponse>('/api/identity/login', { chain: chain.trim(), username: username.trim(), password }, { anonymous: true });
      try { localStorage.setItem(LAST_LOGIN, JSON.stringify({ chain: chain.trim(), username: username.trim() })); } catch { /* optional */ }
      signIn(sessionFromLogin(response, chain.trim()));
      navigate(paths.chat(), true);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const fields = error instanceof ApiError ? error.describe().fields : {};
  return (
    <main id="main" class="login">
      <div class="login-top"><LanguageSwitch /></div>
      <img src="/icons/icon.svg" alt="" width="72" height="72" class="login-logo" />
      <h1>{t('app.name')}</h1>
      <p class="muted">{t('login.subtitle')}</p>
      {lastSignOutWasForced() && !error && <p class="alert alert-info" role="status">{t('login.expired')}</p>}
      <form class="card form" onSubmit={submit} aria-labelledby="login-title" noValidate>
        <h2 id="login-title" class="visually-hidden">{t('login.title')}</h2>
        <Field label={t('login.chain')} name="chain" idPrefix="login" value={chain} autoComplete="organization" required
          autoCapitalize="none" spellcheck={false} error={fields.chain} onInput={(e) => setChain(e.currentTarget.value)} />
        <Field label={t('login.username')} name="username" idPrefix="login" value={username} autoComplete="username" required
          autoCapitalize="none" spellcheck={false} error={fields.username} onInput={(e) => setUsername(e.currentTarget.value)} />
        <Field label={t('login.password')} name="password" idPrefix="login" type="password" value={password} required
          autoComplete="current-password" error={fields.password} onInput={(e) => setPassword(e.currentTarget.value)} />
        <ErrorMessage error={Object.keys(fields).length ? undefined : error} />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>{busy ? t('login.submitting') : t('login.submit')}</button>
      </form>
      <p><a href={paths.signup()}>{t('login.signUp')}</a></p>
    </main>
  );
}
