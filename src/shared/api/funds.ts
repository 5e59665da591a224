import { z } from 'zod';
import { FUND_CURRENCIES, FUND_SOURCES } from '../funds.js';
import { MAX_WAN } from '../money.js';
import { dbId, dbIdQuery, pageQuery } from './common.js';
import { isoDate } from './projects.js';

/*
 * 实际到位资金 (domain.md §4): dated, evidenced tranches of money actually received by a project.
 * Reported by unit staff, verified or rejected by bureau staff (never the reporter); only verified
 * tranches count. A verified tranche is never edited: a correction is a new entry (`correctsId`,
 * the amount may be negative) that is reviewed like any other.
 */

const SIGNED_DECIMAL = /^-?\d{1,12}(\.\d{1,4})?$/;

/** A tranche amount in 万元 (CNY) or 万美元 (USD): a decimal string, negative only for corrections. */
export const trancheAmount = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim().replace(/,/g, '')))
  .pipe(
    z
      .string()
      .regex(SIGNED_DECIMAL, { message: 'an amount with at most 4 decimals' })
      .refine((s) => Math.abs(Number(s)) <= MAX_WAN, { message: 'amount is implausibly large (over 1万亿)' })
      .refine((s) => !/^-?0+(\.0+)?$/.test(s), { message: 'the amount cannot be 0' }),
  )
  .describe('Amount in 万元 (CNY) or 万美元 (USD), as a decimal string; negative only in a correction');

/** CNY per USD, e.g. "7.1023". */
export const exchangeRate = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .pipe(
    z
      .string()
      .regex(/^\d{1,3}(\.\d{1,6})?$/, { message: 'a rate with at most 6 decimals' })
      .refine((s) => Number(s) > 0, { message: 'the rate must be above 0' }),
  )
  .describe('CNY per USD (人民币/美元汇率)');

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const trancheBody = z
  .strictObject({
    /** The date the money arrived (进账日期), not the date it was typed in. */
    date: isoDate,
    currency: z.enum(FUND_CURRENCIES).default('CNY'),
    amount: trancheAmount,
    /** Required for USD: the rate used and its date (the form offers settings.usdCnyRate). */
    exchangeRate: exchangeRate.nullable().optional(),
    rateDate: isoDate.nullable().optional(),
    source: z.enum(FUND_SOURCES),
    evidenceFileIds: z.array(dbId).max(20).default([]),
    note: optionalText(2000),
    /** 签约前到位资金: money that arrived before the verified signing date, with the reason. */
    isPreSigning: z.boolean().default(false),
    preSigningReason: optionalText(1000),
    /** A correction of this verified tranche of the same project (amount may be negative). */
    correctsId: dbId.nullable().optional(),
    /** Re-sent after the large-amount warning (FUNDS_LARGE_CONFIRM) was shown and accepted. */
    confirmLarge: z.boolean().default(false),
  })
  .superRefine((b, ctx) => {
    if (b.currency === 'USD') {
      if (!b.exchangeRate) ctx.addIssue({ code: 'custom', path: ['exchangeRate'], message: 'FUNDS_RATE_REQUIRED' });
      if (!b.rateDate) ctx.addIssue({ code: 'custom', path: ['rateDate'], message: 'FUNDS_RATE_REQUIRED' });
    } else if (b.exchangeRate || b.rateDate) {
      ctx.addIssue({ code: 'custom', path: ['exchangeRate'], message: 'FUNDS_RATE_CNY' });
    }
    if (b.amount.startsWith('-') && !b.correctsId) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'FUNDS_NEGATIVE' });
    if (b.isPreSigning && !b.preSigningReason?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['preSigningReason'], message: 'FUNDS_PRE_SIGNING_REASON' });
    }
  });
export type TrancheInput = z.input<typeof trancheBody>;

const personRef = z.object({ id: z.number().int(), displayName: z.string() });
const status = z.enum(['pending', 'verified', 'rejected']);

export const tranche = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  date: z.string(),
  currency: z.enum(FUND_CURRENCIES),
  amount: z.string(),
  exchangeRate: z.string().nullable(),
  rateDate: z.string().nullable(),
  /** The 万元 figure every total sums (USD × rate, 4 decimals). */
  amountCny: z.string(),
  source: z.enum(FUND_SOURCES),
  evidenceFileIds: z.array(z.number().int()),
  isPreSigning: z.boolean(),
  preSigningReason: z.string().nullable(),
  correctsId: z.number().int().nullable(),
  note: z.string().nullable(),
  status,
  reportedBy: personRef,
  reportedAt: z.string(),
  reviewedBy: personRef.nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  isDemo: z.boolean(),
});
export type Tranche = z.infer<typeof tranche>;

const sourceTotals = z.object(Object.fromEntries(FUND_SOURCES.map((s) => [s, z.string()])) as Record<(typeof FUND_SOURCES)[number], z.ZodString>);

export const fundsTotals = z.object({
  /** 实际到位资金: verified tranches only, 万元. */
  verified: z.string(),
  verifiedBySource: sourceTotals,
  /** Verified foreign money as entered, 万美元. */
  verifiedUsd: z.string(),
  /** Awaiting review, 万元 (not counted anywhere). */
  pending: z.string(),
  pendingCount: z.number().int(),
  rejectedCount: z.number().int(),
  /** 资金到位率 = verified ÷ contracted investment, 4 decimals; null without a contracted amount. */
  rate: z.string().nullable(),
});

export const projectFunds = z.object({
  items: z.array(tranche),
  totals: fundsTotals,
  contractedInvestment: z.string().nullable(),
  /** The project's verified signing date; tranches before it need isPreSigning and a reason. */
  signedDate: z.string().nullable(),
  /** The default CNY per USD the form offers (settings.usdCnyRate). */
  usdCnyRate: z.string(),
});
export type ProjectFunds = z.infer<typeof projectFunds>;

export const fundsQueueQuery = z.strictObject({
  ...pageQuery,
  status: status.default('pending'),
  /** A unit: its whole subtree. */
  unit: dbIdQuery.optional(),
});

export const trancheParams = z.strictObject({ id: dbIdQuery, fid: dbIdQuery });
