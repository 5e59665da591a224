import Decimal from 'decimal.js';

// 实际到位资金 (domain.md §4): the sources of a funds tranche and their labels.

export const FUND_SOURCES = ['out_of_province', 'in_province_out_of_city', 'foreign', 'local'] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

/** A source as read back from SQL text (null, or not one of ours: not a source). */
export const isFundSource = (s: string | null): s is FundSource => s !== null && (FUND_SOURCES as readonly string[]).includes(s);

export const FUND_SOURCE_LABELS: Record<FundSource, { zh: string; en: string }> = {
  out_of_province: { zh: '省外境内资金', en: 'From other provinces' },
  in_province_out_of_city: { zh: '省内市外资金', en: 'From elsewhere in the province' },
  foreign: { zh: '境外资金（外资）', en: 'Foreign' },
  local: { zh: '本地资金', en: 'Local' },
};

export const FUND_CURRENCIES = ['CNY', 'USD'] as const;
export type FundCurrency = (typeof FUND_CURRENCIES)[number];

/**
 * The 万元 figure of a tranche (amount_cny): CNY as entered; USD 万美元 × rate (CNY per USD),
 * rounded half-up (ties away from zero) to 4 decimals — one yuan. Exact: decimal.js, never a float.
 */
export function amountInCny(amount: string, currency: FundCurrency, exchangeRate: string | null | undefined): string {
  const value = new Decimal(amount);
  if (currency === 'CNY') return value.toFixed(4);
  if (!exchangeRate) throw new Error('a USD amount needs an exchange rate');
  return value.times(new Decimal(exchangeRate)).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);
}

/** A tranche larger than this many times the project's contracted investment warns before saving. */
export const LARGE_TRANCHE_FACTOR = 10;

/** Whether `amountCny` exceeds LARGE_TRANCHE_FACTOR × `reference` (both 万元 decimal strings). */
export function isLargeTranche(amountCny: string, reference: string | null | undefined): boolean {
  if (!reference || new Decimal(reference).lte(0)) return false;
  return new Decimal(amountCny).gt(new Decimal(reference).times(LARGE_TRANCHE_FACTOR));
}
