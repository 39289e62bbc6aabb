import { useEffect, useState } from 'preact/hooks';
import { resolveLocale, translate, type Locale, type MessageKey, type Params } from './translate';

const STORAGE_KEY = 'stationery.locale';
let current: Locale = resolveLocale(safeGet(STORAGE_KEY));
const listeners = new Set<(locale: Locale) => void>();

function safeGet(key: string): string | null {
  try { return globalThis.localStorage?.getItem(key) ?? null; } catch { return null; }
}

export function t(key: MessageKey, params?: Params): string {
  return translate(current, key, params);
}

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  current = locale;
  try { localStorage.setItem(STORAGE_KEY, locale); } catch { /* private mode: keep it for this visit */ }
  document.documentElement.lang = locale;
  listeners.forEach((l) => l(locale));
}

/** Re-renders the caller when the language changes. */
export function useLocale(): Locale {
  const [locale, set] = useState(current);
  useEffect(() => {
    listeners.add(set);
    return () => { listeners.delete(set); };
  }, []);
  return locale;
}

export type { Locale, MessageKey };
