import i18n from 'i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client';
import { zh } from './zh';
import { en } from './en';

// zh-CN is the default; English is the second language. The choice is remembered per browser.
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'zs.lang';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applyLanguage(language: string): void {
  setApiLanguage(language);
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn'); // date pickers and relative times
  document.documentElement.lang = language;
}

const initial = storedLanguage();
applyLanguage(initial);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zh }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes; names are always rendered as text
  returnNull: false,
});

i18n.on('languageChanged', applyLanguage);

export function changeLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  void i18n.changeLanguage(language);
}

/** The short form the shared label tables use (`ROLE_LABELS[role][lang]`). */
export function labelLang(language: string): 'zh' | 'en' {
  return language.startsWith('en') ? 'en' : 'zh';
}

export default i18n;
