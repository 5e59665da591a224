import Decimal from 'decimal.js';
import { FUND_SOURCE_LABELS } from '../funds.js';
import { formatWan } from '../money.js';
import type { CapKind, RewardLine } from './compute.js';
import { PROJECT_FIGURE_LABELS, REWARD_EVENT_LABELS } from './rules.js';

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
