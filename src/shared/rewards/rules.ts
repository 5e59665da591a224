import Decimal from 'decimal.js';
import { z } from 'zod';
import { FUND_SOURCES } from '../funds.js';
import { moneyWan } from '../money.js';

/*
 * 奖励兑现规则 (domain.md §7 "Rewards"): a rule set is data, not code. Each item pays, per project,
 * either a per mille (‰) of a verified amount — fixed-asset or contracted investment of a project whose
 * verified stage date falls in the period, or the verified funds in place dated in the period — or a
 * fixed amount by the project's size tier. Caps limit what one project, one person (first referrer) and
 * one unit receive in the period. Money is in 万元 decimal strings; rates are ‰ decimal strings.
 */

/** The project figures an investment item reads (万元). */
export const PROJECT_FIGURES = ['fixed_asset_investment', 'contracted_investment'] as const;
export type ProjectFigure = (typeof PROJECT_FIGURES)[number];

/** The verified stage date that puts a project in a period. */
export const REWARD_EVENTS = ['signed', 'started', 'producing'] as const;
export type RewardEvent = (typeof REWARD_EVENTS)[number];

export const REWARD_ITEM_TYPES = ['investment_per_mille', 'funds_per_mille', 'fixed_per_project'] as const;
export type RewardItemType = (typeof REWARD_ITEM_TYPES)[number];

export const PROJECT_FIGURE_LABELS: Record<ProjectFigure, { zh: string; en: string }> = {
  fixed_asset_investment: { zh: '固定资产投资', en: 'Fixed-asset investment' },
  contracted_investment: { zh: '合同投资额', en: 'Contracted investment' },
};
export const REWARD_EVENT_LABELS: Record<RewardEvent, { zh: string; en: string }> = {
  signed: { zh: '签约', en: 'signed' },
  started: { zh: '开工', en: 'started' },
  producing: { zh: '投产', en: 'in production' },
};
export const REWARD_ITEM_TYPE_LABELS: Record<RewardItemType, { zh: string; en: string }> = {
  investment_per_mille: { zh: '按投资额千分比', en: 'Per mille of investment' },
  funds_per_mille: { zh: '按实际到位资金千分比', en: 'Per mille of funds in place' },
  fixed_per_project: { zh: '按项目档次定额', en: 'Fixed amount per project tier' },
};

/** A rate in ‰: a positive decimal string with at most 4 decimals, at most 1000‰ (the whole amount). */
export const perMille = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .pipe(
    z
      .string()
      .regex(/^\d{1,4}(\.\d{1,4})?$/, { message: 'a rate in ‰ with at most 4 decimals, e.g. "2" or "1.5"' })
      .refine((s) => new Decimal(s).gt(0) && new Decimal(s).lte(1000), { message: 'a rate above 0‰ and at most 1000‰' }),
  )
  .describe('Rate in per mille (‰), a decimal string');

const itemBase = {
  id: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/, { message: 'letters, digits, _ and - only' }),
  label: z.string().trim().min(1).max(100),
};

const rateTier = z.strictObject({ atLeast: moneyWan, perMille });
const amountTier = z.strictObject({ atLeast: moneyWan, amount: moneyWan });

/** 按投资额千分比: e.g. 3‰ / 2‰ / 1.5‰ of fixed-asset investment of projects started in the period, by tier. */
export const investmentPerMilleItem = z.strictObject({
  ...itemBase,
  type: z.literal('investment_per_mille'),
  figure: z.enum(PROJECT_FIGURES),
  event: z.enum(REWARD_EVENTS),
  /** Ascending by atLeast (万元); the whole amount is paid at the rate of the highest tier it reaches. */
  tiers: z.array(rateTier).min(1).max(10),
});

/** 按实际到位资金千分比: e.g. 2‰ of verified foreign funds (外资实际到位) dated in the period. */
export const fundsPerMilleItem = z.strictObject({
  ...itemBase,
  type: z.literal('funds_per_mille'),
  sources: z.array(z.enum(FUND_SOURCES)).min(1).max(4),
  tiers: z.array(rateTier).min(1).max(10),
});

/** 按项目档次定额: e.g. 5万元 per project of 1亿元 or more signed in the period. */
export const fixedPerProjectItem = z.strictObject({
  ...itemBase,
  type: z.literal('fixed_per_project'),
  figure: z.enum(PROJECT_FIGURES),
  event: z.enum(REWARD_EVENTS),
  tiers: z.array(amountTier).min(1).max(10),
});

export const rewardItem = z.discriminatedUnion('type', [investmentPerMilleItem, fundsPerMilleItem, fixedPerProjectItem]);
export type RewardItem = z.infer<typeof rewardItem>;

export const rewardCaps = z.strictObject({
  /** 单个项目封顶: all items of one project together. */
  perProject: moneyWan.optional(),
  /** 个人封顶: one first referrer's lines in the period together. */
  perPerson: moneyWan.optional(),
  /** 单位封顶: one unit's lines in the period together. */
  perUnit: moneyWan.optional(),
});
export type RewardCaps = z.infer<typeof rewardCaps>;

export const rewardRules = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    description: z.string().max(4000).optional(),
    items: z.array(rewardItem).min(1).max(20),
    caps: rewardCaps.default({}),
  })
  .superRefine((rules, ctx) => {
    for (const issue of checkRules(rules)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
export type RewardRules = z.infer<typeof rewardRules>;
export type RewardRulesInput = z.input<typeof rewardRules>;

export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

/** Cross-field rules: unique item ids, tiers in ascending order, a source listed once. */
function checkRules(rules: RewardRules): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const seen = new Set<string>();
  rules.items.forEach((item, i) => {
    if (seen.has(item.id)) issues.push({ path: ['items', i, 'id'], message: `duplicate item id "${item.id}" (奖励项编号重复)` });
    seen.add(item.id);
    item.tiers.forEach((t, k) => {
      const prev = item.tiers[k - 1];
      if (prev && new Decimal(t.atLeast).lte(prev.atLeast)) {
        issues.push({ path: ['items', i, 'tiers', k, 'atLeast'], message: 'tiers must be in ascending order of amount (档次须由低到高)' });
      }
    });
    if (item.type === 'funds_per_mille' && new Set(item.sources).size !== item.sources.length) {
      issues.push({ path: ['items', i, 'sources'], message: 'a source is listed twice (资金来源重复)' });
    }
  });
  return issues;
}

/** The tier an amount reaches: the highest whose atLeast ≤ amount, or null below the lowest. */
export function tierOf<T extends { atLeast: string }>(tiers: readonly T[], amount: Decimal.Value): { index: number; tier: T } | null {
  for (let k = tiers.length - 1; k >= 0; k--) {
    if (new Decimal(amount).gte(tiers[k]!.atLeast)) return { index: k, tier: tiers[k]! };
  }
  return null;
}

/** Parse a rule set, answering the rules or the issues with their field paths. */
export function parseRewardRules(data: unknown): { ok: true; rules: RewardRules } | { ok: false; issues: RuleIssue[] } {
  const result = rewardRules.safeParse(data);
  if (result.success) return { ok: true, rules: result.data };
  return { ok: false, issues: result.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })) };
}
