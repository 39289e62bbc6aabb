import { render } from 'preact';
import { App } from './App';
import { getLocale } from './i18n';
import './styles.css';

document.documentElement.lang = getLocale();
render(<App />, document.getElementById('app')!);

// The offline shell; only in a real build (the dev server serves modules the worker must not cache).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => { /* http on a LAN address: no offline shell, app still works */ });
  });
}
