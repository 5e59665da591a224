import { z } from 'zod';
import { FUND_SOURCES } from './funds.js';

// Deployment settings (口径): the definitions behind every flag and figure, editable by an admin
// and shown next to the figures they drive. Amounts in 万元 / 万美元.
export const settingsSchema = z.strictObject({
  /** 报备保护期: months a first-referrer registration is protected. */
  protectionMonths: z.number().int().min(1).max(60).default(6),
  /** 停滞预警: an open project with no follow-up for this many days. */
  stalledDays: z.number().int().min(1).max(365).default(30),
  /** 签约未开工超期: signed and not started after this many months. */
  signedNotStartedMonths: z.number().int().min(1).max(60).default(6),
  /** Size tiers of contracted investment, 万元 (1亿 = 10000万元). */
  sizeTiers: z.array(z.number().int().positive()).min(1).max(12).default([10000, 30000, 50000, 100000, 200000, 500000]),
  /** Size tiers of foreign investment, 万美元. */
  foreignSizeTiers: z.array(z.number().int().positive()).min(1).max(12).default([1000, 3000, 10000]),
  /** Upload limit per file, MiB. */
  maxUploadMiB: z.number().int().min(1).max(100).default(20),
  /** First month of the statistical year (1 = calendar year). */
  fiscalYearStartMonth: z.number().int().min(1).max(12).default(1),
  /** Which fund sources count as 市外资金 (money from outside the city). */
  outOfCitySources: z.array(z.enum(FUND_SOURCES)).min(1).max(4).default(['out_of_province', 'in_province_out_of_city', 'foreign']),
  /** Which fund sources count as 省外资金 (money from outside the province). */
  outOfProvinceSources: z.array(z.enum(FUND_SOURCES)).min(1).max(4).default(['out_of_province', 'foreign']),
  /** Default CNY per USD offered when a tranche is entered in 万美元 (the user confirms the rate and its date). */
  usdCnyRate: z.string().regex(/^\d{1,3}(\.\d{1,6})?$/).default('7.1'),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

export const updateSettingsBody = settingsSchema.partial().strict();

/** Human label of a tier threshold in 万元: 10000 → 1亿元, 5000 → 5000万元. */
export function tierLabel(wanYuan: number): string {
  return wanYuan >= 10000 && wanYuan % 10000 === 0 ? `${wanYuan / 10000}亿元` : `${wanYuan}万元`;
}
