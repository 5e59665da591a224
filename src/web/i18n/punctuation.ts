import i18n, { labelLang } from './index';

/** '：' in Chinese, ': ' in English (labels inline with their value). Call during render. */
export function colon(): string {
  return labelLang(i18n.language) === 'zh' ? '：' : ': ';
}
