import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { vi } from './vi.ts';

// Vietnamese by default; the operator's choice of English is remembered in localStorage.

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'cks.lang';

export const isLanguage = (value: unknown): value is Language => value === 'vi' || value === 'en';

export function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'vi';
  } catch {
    return 'vi';
  }
}

export function rememberLanguage(lang: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode or storage disabled: the choice lasts for this page only
  }
}

/** A fresh i18next instance (no shared global, so tests can hold one per render). */
export function createI18n(lang: Language = storedLanguage()): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: lang,
    fallbackLng: 'vi',
    resources: { vi: { translation: vi }, en: { translation: en } },
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
  });
  instance.on('languageChanged', (lng) => {
    if (isLanguage(lng)) {
      rememberLanguage(lng);
      if (typeof document !== 'undefined') document.documentElement.lang = lng;
    }
  });
  return instance;
}
