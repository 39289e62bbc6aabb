import { useState } from 'preact/hooks';
import { ApiError, post } from './api/client';
import { LanguageSwitch } from './App';
import { t } from './i18n';
import { navigate, paths } from './router';
import { sessionFromLogin, type LoginResponse } from './session/session';
import { signIn } from './session/store';
import { ErrorMessage, Field } from './ui/components';

/**
 * 开店: a new chain signs up with its owner account, is signed in, and lands in 管理 to open its first branch. The chain
 * code is what every login of the chain types, so it is asked for first and kept simple.
 */
export function SignUpScreen() {
  const [f, setF] = useState({ chain: '', name: '', ownerDisplayName: '', ownerUsername: '', ownerPassword: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const set = (name: keyof typeof f) => (e: { currentTarget: HTMLInputElement }) => setF({ ...f, [name]: e.currentTarget.value });

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const chain = f.chain.trim().toLowerCase();
    try {
      await post('/api/identity/chains', { ...f, chain, name: f.name.trim(), ownerUsername: f.ownerUsername.trim(), ownerDisplayName: f.ownerDisplayName.trim() },
        { anonymous: true });
      const login = await post<LoginResponse>('/api/identity/login', { chain, username: f.ownerUsername.trim(), password: f.ownerPassword }, { anonymous: true });
      try { localStorage.setItem('stationery.lastLogin', JSON.stringify({ chain, username: f.ownerUsername.trim() })); } catch { /* optional */ }
      signIn(sessionFromLogin(login, chain));
      navigate(paths.admin(), true);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const fields = error instanceof ApiError ? error.describe().fields : {};
  const field = (name: keyof typeof f, label: string, extra: Record<string, unknown> = {}) => (
    <Field label={label} name={name} idPrefix="signup" value={f[name]} required error={fields[name]} onInput={set(name)} {...extra} />
  );
  return (
    <main id="main" class="login">
      <div class="login-top"><LanguageSwitch /></div>
      <h1 id="signup-title">{t('signup.title')}</h1>
      <p class="muted">{t('signup.subtitle')}</p>
      <form class="card form" onSubmit={submit} aria-labelledby="signup-title" noValidate>
        {field('chain', t('signup.chain'), { autoCapitalize: 'none', spellcheck: false, autoComplete: 'off', hint: t('signup.chainHint') })}
        {field('name', t('signup.name'), { autoComplete: 'organization' })}
        {field('ownerDisplayName', t('signup.ownerDisplayName'), { autoComplete: 'name' })}
        {field('ownerUsername', t('signup.ownerUsername'), { autoCapitalize: 'none', spellcheck: false, autoComplete: 'username' })}
        {field('ownerPassword', t('signup.ownerPassword'), { type: 'password', autoComplete: 'new-password', hint: t('signup.passwordHint') })}
        <ErrorMessage error={Object.keys(fields).length ? undefined : error} />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>{busy ? t('signup.submitting') : t('signup.submit')}</button>
      </form>
      <p><a href={paths.login()}>{t('signup.haveAccount')}</a></p>
    </main>
  );
}
