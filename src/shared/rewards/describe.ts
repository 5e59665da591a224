import Decimal from 'decimal.js';
import { FUND_SOURCE_LABELS } from '../funds.js';
import { formatWan } from '../money.js';
import type { CapKind, RewardLine } from './compute.js';
import { PROJECT_FIGURE_LABELS, REWARD_EVENT_LABELS, REWARD_ITEM_TYPE_LABELS, type RewardCaps, type RewardItem } from './rules.js';

/*
 * A line's calculation in words, in either language, for the page and the .xlsx export:
 * "固定资产投资 12.50亿元（2025-03-10开工，≥10亿元档）× 3‰ = 375万元；潢川县分成 60% = 225万元；
 *  个人封顶：合计 80万元 超过上限 50万元，按比例调至 …；应兑现 …".
 * Bases are shown like every amount (亿元 from 1亿 up); reward amounts to the yuan.
 */

type Lang = 'zh' | 'en';

/** A reward amount (万元, 4 decimals) to the yuan: "12.3456万元", "250万元". */
export function formatRewardWan(value: string, lang: Lang = 'zh'): string {
  const s = new Decimal(value).toFixed(4).replace(/\.?0+$/, '');
  const [i = '0', f] = s.split('.');
  const grouped = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f ? `.${f}` : '');
  return lang === 'zh' ? `${grouped}万元` : `${grouped} ×10k CNY`;
}

const CAP_LABELS: Record<CapKind, { zh: string; en: string }> = {
  project: { zh: '单个项目封顶', en: 'Per-project cap' },
  person: { zh: '个人封顶', en: 'Per-person cap' },
  unit: { zh: '单位封顶', en: 'Per-unit cap' },
};

export function capLabel(kind: CapKind, lang: Lang): string {
  return CAP_LABELS[kind][lang];
}

function tierText(line: RewardLine, lang: Lang): string {
  if (new Decimal(line.tier.atLeast).isZero()) return '';
  const t = formatWan(new Decimal(line.tier.atLeast).toString(), lang);
  return lang === 'zh' ? `，≥${t}档` : `, tier ≥ ${t}`;
}

function baseText(line: RewardLine, lang: Lang): string {
  const amount = formatWan(new Decimal(line.base.amount).toString(), lang);
  if (line.base.figure === 'funds') {
    const sources = (line.base.sources ?? []).map((s) => FUND_SOURCE_LABELS[s][lang]).join(lang === 'zh' ? '、' : ', ');
    return lang === 'zh'
      ? `实际到位资金（${sources}，${line.base.trancheIds.length} 笔${tierText(line, lang)}）${amount}`
      : `Funds in place (${sources}, ${line.base.trancheIds.length} tranche(s)${tierText(line, lang)}) ${amount}`;
  }
  const figure = PROJECT_FIGURE_LABELS[line.base.figure][lang];
  const event = line.base.event ? REWARD_EVENT_LABELS[line.base.event][lang] : '';
  return lang === 'zh'
    ? `${figure} ${amount}（${line.base.eventDate ?? ''}${event}${tierText(line, lang)}）`
    : `${figure} ${amount} (${event} ${line.base.eventDate ?? ''}${tierText(line, lang)})`;
}

/** The calculation of one line in words. */
export function describeRewardLine(line: RewardLine, lang: Lang = 'zh'): string {
  const money = (v: string) => formatRewardWan(v, lang);
  const sep = lang === 'zh' ? '；' : '; ';
  const parts: string[] = [];
  if (line.perMille !== null) parts.push(`${baseText(line, lang)} × ${new Decimal(line.perMille).toString()}‰ = ${money(line.projectAmount)}`);
  else parts.push(lang === 'zh' ? `${baseText(line, lang)}，每个项目定额 ${money(line.projectAmount)}` : `${baseText(line, lang)}: fixed ${money(line.projectAmount)} per project`);
  for (const c of line.caps) {
    if (c.kind !== 'project') continue;
    parts.push(
      lang === 'zh'
        ? `${capLabel('project', lang)}：各项合计 ${money(c.total)} 超过上限 ${money(c.cap)}，本项按比例调至 ${money(c.after)}`
        : `${capLabel('project', lang)}: items total ${money(c.total)} over the cap ${money(c.cap)}, this item scaled to ${money(c.after)}`,
    );
  }
  if (line.sharePercent !== 100) {
    parts.push(lang === 'zh' ? `${line.unitName}分成 ${line.sharePercent}% = ${money(line.raw)}` : `${line.unitName}'s share ${line.sharePercent}% = ${money(line.raw)}`);
  }
  for (const c of line.caps) {
    if (c.kind === 'project') continue;
    parts.push(
      lang === 'zh'
        ? `${capLabel(c.kind, lang)}：合计 ${money(c.total)} 超过上限 ${money(c.cap)}，本项按比例由 ${money(c.before)} 调至 ${money(c.after)}`
        : `${capLabel(c.kind, lang)}: total ${money(c.total)} over the cap ${money(c.cap)}, this line scaled from ${money(c.before)} to ${money(c.after)}`,
    );
  }
  const isChanged = line.caps.length > 0 || line.sharePercent !== 100;
  if (isChanged) parts.push(lang === 'zh' ? `应兑现 ${money(line.amount)}` : `payable ${money(line.amount)}`);
  return parts.join(sep);
}

/** One tier of an item in words: the range of the base it covers and what it pays. */
export interface TierWords {
  range: string;
  pays: string;
}

/** A rule-set item in words, for the page's rules panel: its kind, what it is computed on, each tier. */
export interface RuleItemWords {
  kind: string;
  basis: string;
  tiers: TierWords[];
  /** "Below the lowest tier: nothing", when the lowest tier starts above zero. */
  below: string | null;
}

/** A tier's threshold as written in a rule ("1亿元", "1.5亿元", "5000万元"): no padding zeros. */
function thresholdText(value: string, lang: Lang): string {
  return formatWan(new Decimal(value).toString(), lang).replace(/\.?0+(?=亿元| ×100M)/, '');
}

/** The range a tier covers, up to the next tier's lower bound: "1亿元（含）至 10亿元", "10亿元及以上". */
function tierRange(atLeast: string, next: string | undefined, lang: Lang): string {
  const lower = new Decimal(atLeast);
  const from = thresholdText(atLeast, lang);
  const to = next === undefined ? null : thresholdText(next, lang);
  if (lower.isZero()) {
    if (to === null) return lang === 'zh' ? '不限金额' : 'any amount';
    return lang === 'zh' ? `${to}以下` : `below ${to}`;
  }
  if (to === null) return lang === 'zh' ? `${from}及以上` : `${from} and above`;
  return lang === 'zh' ? `${from}（含）至 ${to}` : `${from} (included) to ${to}`;
}

/** What an item pays, in words (the whole amount at the rate of the tier reached, not marginally). */
export function describeRuleItem(item: RewardItem, lang: Lang = 'zh'): RuleItemWords {
  const kind = REWARD_ITEM_TYPE_LABELS[item.type][lang];
  let basis: string;
  if (item.type === 'funds_per_mille') {
    const sources = item.sources.map((s) => FUND_SOURCE_LABELS[s][lang]).join(lang === 'zh' ? '、' : ', ');
    basis =
      lang === 'zh'
        ? `每个项目在兑现期间内审核通过的实际到位资金（${sources}）合计`
        : `Each project's verified funds in place (${sources}) dated in the period, summed`;
  } else {
    const figure = PROJECT_FIGURE_LABELS[item.figure][lang];
    const event = REWARD_EVENT_LABELS[item.event][lang];
    basis =
      lang === 'zh'
        ? `审核通过的${event}日期在兑现期间内的项目，按其${figure}`
        : `Projects ${event} in the period (verified date), by their ${figure.toLowerCase()}`;
  }
  const list: readonly { atLeast: string; perMille?: string; amount?: string }[] = item.tiers;
  const tiers = list.map((t, k) => ({
    range: tierRange(t.atLeast, list[k + 1]?.atLeast, lang),
    pays:
      t.perMille !== undefined
        ? lang === 'zh'
          ? `全额 × ${new Decimal(t.perMille).toString()}‰`
          : `whole amount × ${new Decimal(t.perMille).toString()}‰`
        : lang === 'zh'
          ? `每个项目 ${formatRewardWan(t.amount ?? '0', lang)}`
          : `${formatRewardWan(t.amount ?? '0', lang)} per project`,
  }));
  const lowest = list[0]!.atLeast;
  const below = new Decimal(lowest).isZero()
    ? null
    : lang === 'zh'
      ? `不足 ${thresholdText(lowest, lang)}：不奖励`
      : `Below ${thresholdText(lowest, lang)}: nothing`;
  return { kind, basis, tiers, below };
}

/** The caps in words, each with its label; "不封顶" for a cap that is not set. */
export function describeCaps(caps: RewardCaps, lang: Lang = 'zh'): { label: string; value: string }[] {
  const none = lang === 'zh' ? '不封顶' : 'no cap';
  return (['project', 'person', 'unit'] as const).map((kind) => {
    const v = kind === 'project' ? caps.perProject : kind === 'person' ? caps.perPerson : caps.perUnit;
    return { label: capLabel(kind, lang), value: v === undefined ? none : formatRewardWan(v, lang) };
  });
}
