// 实际到位资金 (domain.md §4): the sources of a funds tranche and their labels.

export const FUND_SOURCES = ['out_of_province', 'in_province_out_of_city', 'foreign', 'local'] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

export const FUND_SOURCE_LABELS: Record<FundSource, { zh: string; en: string }> = {
  out_of_province: { zh: '省外境内资金', en: 'From other provinces' },
  in_province_out_of_city: { zh: '省内市外资金', en: 'From elsewhere in the province' },
  foreign: { zh: '境外资金（外资）', en: 'Foreign' },
  local: { zh: '本地资金', en: 'Local' },
};

export const FUND_CURRENCIES = ['CNY', 'USD'] as const;
export type FundCurrency = (typeof FUND_CURRENCIES)[number];
