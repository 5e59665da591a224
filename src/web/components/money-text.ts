import { MAX_WAN } from '../../shared/money';

// Pure text rules behind Money and MoneyInput (no DOM, so they can be tested on their own).

export const DECIMAL = /^\d{1,12}(\.\d{1,4})?$/;

/** 万美元 amounts: grouped digits, no conversion to 亿 (foreign capital is reported in 万美元). */
export function formatUsdWan(value: string | null | undefined, lang: 'zh' | 'en'): string {
  if (value === null || value === undefined || value === '') return '—';
  const [i = '0', f] = value.split('.');
  const grouped = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f ? `.${f}` : '');
  return lang === 'zh' ? `${grouped}万美元` : `${grouped} ×10k USD`;
}

/** Keeps what can become a decimal with at most 4 places: digits, one point; full-width digits and commas tolerated. */
export function cleanMoneyText(raw: string): string {
  const halfWidth = raw.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, '');
  let out = '';
  let hasPoint = false;
  let decimals = 0;
  for (const ch of halfWidth) {
    if (ch >= '0' && ch <= '9') {
      if (hasPoint) {
        if (decimals >= 4) continue;
        decimals += 1;
      }
      out += ch;
    } else if (ch === '.' && !hasPoint) {
      hasPoint = true;
      out += out === '' ? '0.' : '.';
    }
  }
  return out;
}

/** Whether a typed amount is a valid 万元 decimal within the plausible range (as the server checks it). */
export function isValidWan(value: string): boolean {
  if (!DECIMAL.test(value)) return false;
  const [i = '0', f = ''] = value.split('.');
  const whole = BigInt(i);
  return whole < BigInt(MAX_WAN) || (whole === BigInt(MAX_WAN) && /^0*$/.test(f));
}
