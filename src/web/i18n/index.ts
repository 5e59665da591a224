import i18n from 'i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client';
import { zh } from './zh';

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

// English is fetched when first chosen, so the zh-CN first screen does not carry it.
async function loadLanguage(language: string): Promise<void> {
  if (language !== 'en' || i18n.hasResourceBundle('en', 'translation')) return;
  const { en } = await import('./en');
  i18n.addResourceBundle('en', 'translation', en);
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zh } },
  partialBundledLanguages: true,
  react: { bindI18nStore: 'added' }, // re-render when the English bundle arrives
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes; names are always rendered as text
  returnNull: false,
});

i18n.on('languageChanged', applyLanguage);
void loadLanguage(initial);

export function changeLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  void loadLanguage(language).then(() => i18n.changeLanguage(language));
}

/** The short form the shared label tables use (`ROLE_LABELS[role][lang]`). */
export function labelLang(language: string): 'zh' | 'en' {
  return language.startsWith('en') ? 'en' : 'zh';
}

export default i18n;
