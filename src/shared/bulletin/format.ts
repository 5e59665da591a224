import Decimal from 'decimal.js';
import { daysInMonth } from '../kpi/period.js';

/*
 * Numbers and sentences the way a 通报 writes them (issue 5 item 6): 亿元 with two decimals, 万元
 * with at most two, percentages with one, 同比 as 增长/下降, 超/欠时序进度 in 个百分点. Inputs are
 * the decimal strings the engines give (万元, ratios as fractions "0.3750"); rounding is half-up
 * and exact (decimal.js), so the bulletin shows what the dashboard's numbers round to.
 */

const D = (v: string) => new Decimal(v);

/** 万元 → 亿元 with two decimals: "123456.7" → "12.35". */
export function yiText(wan: string): string {
  return D(wan).div(10000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** 万元 with at most two decimals, no trailing zeros: "1234.5000" → "1234.5". */
export function wanText(wan: string): string {
  return D(wan).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString();
}

/** A ratio as a percentage with one decimal: "0.3750" → "37.5%". */
export function percentText(ratio: string): string {
  return `${D(ratio).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1)}%`;
}

/** A ratio's absolute value in percentage points with one decimal: "-0.0312" → "3.1". */
function pointsText(ratio: string): string {
  return D(ratio).abs().times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1);
}

/** 同比: "增长12.3%", "下降4.5%", "持平"; null when there is no 同比 (last year 0). */
export function growthText(yoy: string | null): string | null {
  if (yoy === null) return null;
  const rounded = D(yoy).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
  if (rounded.isZero()) return '持平';
  return `${rounded.isNegative() ? '下降' : '增长'}${rounded.abs().toFixed(1)}%`;
}

/** 超/欠时序进度: "超时序进度5.2个百分点", "欠时序进度3.1个百分点", "与时序进度持平"; null without a gap. */
export function scheduleGapText(gap: string | null): string | null {
  if (gap === null) return null;
  const points = pointsText(gap);
  if (Number(points) === 0) return '与时序进度持平';
  return `${D(gap).isNegative() ? '欠' : '超'}时序进度${points}个百分点`;
}

const dateParts = (iso: string) => iso.split('-').map(Number) as [number, number, number];

/**
 * The period as a bulletin heads it: "2026年" (a whole calendar year), "2026年10月", "2026年1—10月"
 * (whole months of one year), otherwise "2026年1月5日至10月15日" (the year repeated when it changes).
 */
export function periodText(from: string, to: string): string {
  const [fy, fm, fd] = dateParts(from);
  const [ty, tm, td] = dateParts(to);
  const wholeMonths = fd === 1 && td === daysInMonth(ty, tm);
  if (wholeMonths && fy === ty) {
    if (fm === 1 && tm === 12) return `${fy}年`;
    if (fm === tm) return `${fy}年${fm}月`;
    return `${fy}年${fm}—${tm}月`;
  }
  if (wholeMonths) return `${fy}年${fm}月至${ty}年${tm}月`;
  return `${fy}年${fm}月${fd}日至${fy === ty ? '' : `${ty}年`}${tm}月${td}日`;
}

/** A date as written under a bulletin's title: "2026年12月6日". */
export function dateText(iso: string): string {
  const [y, m, d] = dateParts(iso);
  return `${y}年${m}月${d}日`;
}

/** The calendar day in China of an instant (a run published at 20:00 UTC was published the next day there). */
export function chinaDate(instant: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** "全市" for 信阳市, "全县" for 固始县, "全区" for 平桥区 or 高新区; a department keeps its name. */
export function scopeText(unitName: string, unitType: string): string {
  if (unitType === 'city' || unitType === 'county' || unitType === 'zone' || unitType === 'town') {
    const last = unitName.slice(-1);
    if ('市县区镇乡'.includes(last)) return `全${last}`;
    if (unitName.endsWith('街道')) return '全街道';
    return unitName;
  }
  return unitName;
}

export interface OpeningFigures {
  signedCount: string;
  signedAmount: string;
  fundsOutOfCity: string;
  signedAmountYoy: string | null;
  fundsOutOfCityYoy: string | null;
  /** 完成率 of the annual targets, or null without an approved target (or a period not from the year's start). */
  signedAmountCompletion: string | null;
  fundsOutOfCityCompletion: string | null;
  /** 亿元以上 (the first size tier at or above 1亿) signed in the period, when the settings have such a tier. */
  tier: { label: string; count: string } | null;
  startedCount: string;
  producingCount: string;
}

/**
 * The paragraph every bulletin opens with (domain.md §9): "2026年1—10月，全市共引进落实招商引资项目N个，
 * 签约合同投资额X亿元，实际到位市外资金Y亿元，分别完成年度目标任务的A%、B%，同比分别增长C%、D%。" Clauses
 * without a number (no target, no 同比) are left out rather than written as 0.
 */
export function openingText(period: string, scope: string, f: OpeningFigures): string {
  const parts = [`${period}，${scope}共引进落实招商引资项目${f.signedCount}个`, `签约合同投资额${yiText(f.signedAmount)}亿元`, `实际到位市外资金${yiText(f.fundsOutOfCity)}亿元`];
  const a = f.signedAmountCompletion;
  const b = f.fundsOutOfCityCompletion;
  if (a !== null && b !== null) parts.push(`分别完成年度目标任务的${percentText(a)}、${percentText(b)}`);
  else if (a !== null) parts.push(`签约合同投资额完成年度目标任务的${percentText(a)}`);
  else if (b !== null) parts.push(`市外资金到位完成年度目标任务的${percentText(b)}`);
  const c = growthText(f.signedAmountYoy);
  const d = growthText(f.fundsOutOfCityYoy);
  if (c !== null && d !== null) {
    const bothUp = c.startsWith('增长') && d.startsWith('增长');
    parts.push(bothUp ? `同比分别增长${c.slice(2)}、${d.slice(2)}` : `同比分别${c}、${d}`);
  } else if (c !== null) parts.push(`签约合同投资额同比${c}`);
  else if (d !== null) parts.push(`市外资金到位同比${d}`);
  let text = `${parts.join('，')}。`;
  const more = [];
  if (f.tier) more.push(`签约${f.tier.label}以上项目${f.tier.count}个`);
  more.push(`新开工项目${f.startedCount}个`, `新投产项目${f.producingCount}个`);
  text += `其中，${more.join('，')}。`;
  return text;
}

/**
 * The sentence before the ranking table: the scheme, its version and publication, the period, and
 * — when the table shows only part of the run (a county's bulletin) — how many units were ranked.
 */
export function rankingIntroText(r: { schemeName: string; schemeVersion: number; publishedAt: string | null; periodFrom: string; periodTo: string; unitCount: number; shown: number }): string {
  const published = r.publishedAt ? `，${dateText(chinaDate(r.publishedAt))}发布` : '';
  const whole = r.shown < r.unitCount ? `共${r.unitCount}个单位参加考核，本单位及下级单位结果如下` : '结果如下';
  return `根据《${r.schemeName}》（第${r.schemeVersion}版${published}），对${periodText(r.periodFrom, r.periodTo)}招商引资工作进行考核，${whole}（各项得分见附表）：`;
}
