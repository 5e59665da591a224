import { FLOW_FIGURES, RATE_FIGURES, STOCK_FIGURES, TIER_FIGURE_PREFIX } from '../api/stats.js';

/*
 * The metrics an assessment item may score. Every KPI engine figure (src/shared/api/stats.ts) by
 * its own name, plus a few record-level counts the figures do not cover. The server computes each
 * metric's value for a unit and period and hands it to the scorer with the records behind it.
 */

/**
 * Extra record-level metrics (not KPI figures). Each is a count: every record is one occurrence
 * with value "1".
 */
export const EXTRA_METRICS = [
  'followup_count', // 跟进记录数: follow-ups dated in the period on the unit's projects
  'leader_visit_count', // 安排领导招商(拜访/接待)次数: follow-ups in the period a city/county leader took part in
  'outbound_trip_count', // 外出招商次数: outbound investment-promotion trips (小分队/组团) in the period
  'falsified_count', // 查实弄虚作假/虚报项目数: records found falsified in the period
  'rejected_count', // 审核驳回数: stage changes and funds tranches rejected by the bureau in the period
] as const;
export type ExtraMetric = (typeof EXTRA_METRICS)[number];

/**
 * The extra metrics the ledger has a record source for. The others (领导招商次数, 外出招商次数,
 * 弄虚作假项目数) can be written into a scheme but a run refuses them (ASSESSMENT_METRIC_NOT_COLLECTED)
 * until the ledger records them; the scheme editor says so next to the metric.
 */
export const COLLECTED_EXTRA_METRICS: readonly ExtraMetric[] = ['followup_count', 'rejected_count'];

/** Whether a run can collect the metric today: every KPI figure, and the collected extras. */
export function isCollectedMetric(name: string): boolean {
  if (!isKnownMetric(name)) return false;
  return !(EXTRA_METRICS as readonly string[]).includes(name) || (COLLECTED_EXTRA_METRICS as readonly string[]).includes(name);
}

export const METRIC_LABELS: Record<string, string> = {
  new_projects: '新引进项目数',
  signed_count: '新签约项目数',
  signed_amount: '新签约合同投资额',
  signed_foreign_usd: '新签约外资',
  registered_count: '新注册落地项目数',
  started_count: '新开工项目数',
  started_amount: '新开工项目合同投资额',
  producing_count: '新投产项目数',
  funds_total: '实际到位资金',
  funds_out_of_province: '省外境内资金',
  funds_in_province_out_of_city: '省内市外资金',
  funds_foreign: '境外资金',
  funds_foreign_usd: '境外资金(万美元)',
  funds_local: '本地资金',
  funds_out_of_city: '市外资金实际到位',
  funds_out_of_province_total: '省外资金实际到位',
  stalled_count: '停滞项目数',
  signed_not_started_count: '签约未开工超期项目数',
  overdue_nodes_count: '节点超期数',
  signing_rate: '签约率',
  start_rate: '开工率',
  production_rate: '投产率',
  funds_rate: '资金到位率',
  followup_count: '跟进记录数',
  leader_visit_count: '安排领导招商次数',
  outbound_trip_count: '外出招商次数',
  falsified_count: '弄虚作假项目数',
  rejected_count: '审核驳回数',
};

const TIER_METRIC = /^signed_tier:\d{1,7}$/;

export function isRateMetric(name: string): boolean {
  return (RATE_FIGURES as readonly string[]).includes(name);
}

/** Whether `name` is a KPI figure or an extra metric the scorer knows. */
export function isKnownMetric(name: string): boolean {
  return (
    (FLOW_FIGURES as readonly string[]).includes(name) ||
    (STOCK_FIGURES as readonly string[]).includes(name) ||
    isRateMetric(name) ||
    TIER_METRIC.test(name) ||
    (EXTRA_METRICS as readonly string[]).includes(name)
  );
}

/**
 * Metrics whose records are projects, one per record (value "1"): tiers and required-count items
 * read these records' contracted amounts and investor tags.
 */
export const PROJECT_COUNT_METRICS = ['new_projects', 'signed_count', 'registered_count', 'started_count', 'producing_count', 'stalled_count', 'signed_not_started_count'] as const;

export function isProjectCountMetric(name: string): boolean {
  return (PROJECT_COUNT_METRICS as readonly string[]).includes(name) || TIER_METRIC.test(name);
}

/** The Chinese label officials see: 亿元以上 tiers spelled out, unknown names as they are. */
export function metricLabel(name: string): string {
  if (name.startsWith(TIER_FIGURE_PREFIX)) {
    const wan = Number(name.slice(TIER_FIGURE_PREFIX.length));
    const tier = wan >= 10000 && wan % 10000 === 0 ? `${wan / 10000}亿元` : `${wan}万元`;
    return `${tier}以上签约项目数`;
  }
  return METRIC_LABELS[name] ?? name;
}
