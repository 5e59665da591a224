// The figure names and their groups, without zod, so the web's dashboard can use them without
// loading the API schemas (src/shared/api/stats.ts re-exports them).

/*
 * The figures (domain.md §4–5). One name per figure; the KPI engine computes each from verified
 * records only, and /api/stats/records lists the records behind any of them (their values sum to
 * the figure exactly). All values travel as decimal strings: counts as "12", money in 万元 (or
 * 万美元 where the name says usd) with up to 4 decimals, rates as fractions with 4 decimals
 * ("0.3750" = 37.5%). Flow figures count events whose verified date falls in the period; stock
 * figures (stalled, signed-not-started, overdue nodes) are as of the period's end (or today, if
 * earlier), and have no 同比 (previous and yoy are null: the ledger keeps no snapshots of past
 * states to compare with). A rate whose base is 0 is undefined and absent from `figures`.
 */
export const FLOW_FIGURES = [
  'new_projects', // 新引进项目: projects entered in the ledger in P (登记入库)
  'signed_count', // 新签约项目数: verified signing date in P
  'signed_amount', // 新签约合同投资额 万元
  'signed_foreign_usd', // 新签约外资 万美元
  'registered_count', // 新注册落地
  'started_count', // 新开工
  'started_amount', // 新开工项目合同投资额 万元
  'producing_count', // 新投产
  'funds_total', // 实际到位资金 万元: verified tranches dated in P, all sources
  'funds_out_of_province', // 省外境内
  'funds_in_province_out_of_city', // 省内市外
  'funds_foreign', // 境外, in 万元 at each tranche's rate
  'funds_foreign_usd', // 境外, 万美元 as entered
  'funds_local', // 本地
  'funds_out_of_city', // 市外资金: the sources the settings count as 市外
  'funds_out_of_province_total', // 省外资金: the sources the settings count as 省外
] as const;
export type FlowFigure = (typeof FLOW_FIGURES)[number];

export const STOCK_FIGURES = [
  'stalled_count', // 停滞预警: open, no follow-up for N days as of the end date
  'signed_not_started_count', // 签约未开工超期: signed ≥ M months before the end date, not started
  'overdue_nodes_count', // 节点超期: planned date passed, no actual date
] as const;
export type StockFigure = (typeof STOCK_FIGURES)[number];

/** Rates over the cohort of projects signed in P (开工率 = started ÷ signed, …), or introduced in P. */
export const RATE_FIGURES = [
  'signing_rate', // 签约率: of projects introduced in P, share signed (by the end date)
  'start_rate', // 开工率: of projects signed in P, share started by the end date
  'production_rate', // 投产率: of projects signed in P, share producing by the end date
  'funds_rate', // 资金到位率: verified funds to the end date of projects signed in P ÷ their contracted investment
] as const;
export type RateFigure = (typeof RATE_FIGURES)[number];

/** Size-tier counts: `signed_tier:<threshold 万元>` — projects signed in P with contracted ≥ threshold. */
export const TIER_FIGURE_PREFIX = 'signed_tier:';

export const BREAKDOWN_BY = ['unit', 'industry', 'month', 'stage', 'source'] as const;
export type BreakdownBy = (typeof BREAKDOWN_BY)[number];
