import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export type Params = Record<string, string | number>;

const dictionaries: Record<Locale, Partial<Record<MessageKey, string>>> = { 'zh-CN': zhCN, en };

/** Looks up a string in the locale, then in Chinese (the complete dictionary), then shows the key itself. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = dictionaries[locale]?.[key] ?? zhCN[key] ?? key;
  return params ? interpolate(template, params) : template;
}

export function interpolate(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A stored or requested locale, or the default (zh-CN) for anything unknown. */
export function resolveLocale(value: string | null | undefined): Locale {
  if (!value) return DEFAULT_LOCALE;
  if ((LOCALES as readonly string[]).includes(value)) return value as Locale;
  if (value.toLowerCase().startsWith('en')) return 'en';
  return DEFAULT_LOCALE;
}

export function isMessageKey(key: string): key is MessageKey {
  return key in zhCN;
}

export type { MessageKey };
