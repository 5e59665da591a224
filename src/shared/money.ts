import { z } from 'zod';

// Money is exact: decimal strings in 万元 (or 万美元), up to 4 decimals (one yuan), never a JS float.
// Arithmetic happens in SQL (numeric) or with decimal.js at the edges.

export const MAX_WAN = 100_000_000; // 1万亿元 in 万元: anything above is a typing error

const DECIMAL = /^\d{1,12}(\.\d{1,4})?$/;

/** Accepts "1234.5", 1234.5 (converted via its shortest decimal form), rejects negatives and absurd values. */
export const moneyWan = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim().replace(/,/g, '')))
  .pipe(
    z
      .string()
      .regex(DECIMAL, { message: 'a non-negative amount with at most 4 decimals' })
      .refine((s) => Number(s) <= MAX_WAN, { message: 'amount is implausibly large (over 1万亿元)' }),
  )
  .describe('Amount in 万元 (or 万美元 for foreign capital), as a decimal string');

/** 万元 → display: ≥ 1亿 as 亿元 with two decimals, else 万元. Input is a decimal string. */
export function formatWan(value: string | null | undefined, lang: 'zh' | 'en' = 'zh'): string {
  if (value === null || value === undefined || value === '') return '—';
  const [intPart = '0', frac = ''] = value.split('.');
  const wan = BigInt(intPart) * 10000n + BigInt((frac + '0000').slice(0, 4));
  // wan is in units of 1/10000 万元 = 1 yuan
  if (wan >= 10000n * 10000n) {
    // 亿元 with two decimals, rounded half up: 1亿 = 10^8 yuan
    const hundredths = (wan * 100n + 50_000_000n) / 100_000_000n;
    const s = `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
    return lang === 'zh' ? `${groupDigits(s)}亿元` : `${groupDigits(s)} ×100M CNY`;
  }
  const hundredths = (wan * 100n + 5000n) / 10000n;
  const whole = hundredths / 100n;
  const cents = hundredths % 100n;
  const s = cents === 0n ? `${whole}` : `${whole}.${String(cents).padStart(2, '0')}`.replace(/0$/, '');
  return lang === 'zh' ? `${groupDigits(s)}万元` : `${groupDigits(s)} ×10k CNY`;
}

function groupDigits(s: string): string {
  const [i = '', f] = s.split('.');
  const grouped = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return f === undefined ? grouped : `${grouped}.${f}`;
}
