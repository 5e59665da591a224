import ExcelJS from 'exceljs';
import Decimal from 'decimal.js';
import type { RewardLineRecord, RewardRun } from '../../../shared/api/rewards.js';
import { FUND_SOURCE_LABELS } from '../../../shared/funds.js';
import { formatWan } from '../../../shared/money.js';
import type { RewardLine } from '../../../shared/rewards/compute.js';
import { capLabel, describeRewardLine, formatRewardWan } from '../../../shared/rewards/describe.js';
import { PROJECT_FIGURE_LABELS, REWARD_EVENT_LABELS, REWARD_ITEM_TYPE_LABELS, type RewardRules } from '../../../shared/rewards/rules.js';
import { decimalCell, styleHeader } from '../export/export.sheet.js';

/*
 * A reward run as .xlsx: 兑现明细 (one row per line with its calculation in words, and a 合计 row
 * equal to the run's total for the lines exported), 按单位汇总, and 奖励办法 (the rules as run).
 * Amounts are number cells in 万元; a value a float cannot hold exactly stays text (decimalCell).
 */

const MONEY = '#,##0.00##';

function baseLabel(d: RewardLine): string {
  if (d.base.figure === 'funds') return `实际到位资金（${(d.base.sources ?? []).map((s) => FUND_SOURCE_LABELS[s].zh).join('、')}）`;
  return `${PROJECT_FIGURE_LABELS[d.base.figure].zh}（${d.base.event ? REWARD_EVENT_LABELS[d.base.event].zh : ''} ${d.base.eventDate ?? ''}）`;
}

function tierText(atLeast: string): string {
  return new Decimal(atLeast).isZero() ? '不限' : `≥${formatWan(new Decimal(atLeast).toString())}`;
}

export async function rewardsWorkbook(run: RewardRun, rules: RewardRules, lines: RewardLineRecord[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '招商通';
  wb.created = new Date();
  const status = run.status === 'published' ? '已发布' : '已计算（未发布）';

  const ws = wb.addWorksheet('兑现明细', { views: [{ state: 'frozen', ySplit: 2 }] });
  const columns = ['序号', '项目', '奖励项', '受奖单位', '第一引荐人', '计算基数', '基数（万元）', '档次', '比例（‰）', '定额（万元）', '项目奖励（万元）', '分成比例', '分成后（万元）', '封顶', '应兑现（万元）', '计算过程'];
  ws.addRow([`${run.unitName} ${rules.name}（第 ${run.ruleSetVersion} 版）奖励兑现明细（${run.periodFrom} 至 ${run.periodTo}，${status}）`]).font = { bold: true, size: 13 };
  ws.mergeCells(1, 1, 1, columns.length);
  styleHeader(ws.addRow(columns));
  [6, 32, 22, 16, 14, 26, 14, 12, 9, 11, 14, 9, 14, 22, 14, 90].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const c of [7, 10, 11, 13, 15]) ws.getColumn(c).numFmt = MONEY;
  ws.getColumn(16).alignment = { wrapText: true, vertical: 'top' };

  for (const l of lines) {
    const d = l.detail as unknown as RewardLine;
    const caps = d.caps.map((c) => `${capLabel(c.kind, 'zh')} ${formatRewardWan(c.cap)}`).join('；');
    ws.addRow([
      l.lineNo,
      l.projectName,
      l.itemLabel,
      l.unitName,
      l.referrerName ?? '（无，计入单位）',
      baseLabel(d),
      decimalCell(d.base.amount),
      tierText(d.tier.atLeast),
      d.perMille === null ? null : decimalCell(d.perMille),
      d.fixedAmount === null ? null : decimalCell(d.fixedAmount),
      decimalCell(d.projectAmount),
      `${l.sharePercent}%`,
      decimalCell(l.rawAmount),
      caps || null,
      decimalCell(l.amount),
      describeRewardLine(d, 'zh'),
    ]);
  }
  const total = ws.addRow(['合计', `${lines.length} 条`, null, null, null, null, null, null, null, null, null, null, decimalCell(sum(lines.map((l) => l.rawAmount))), null, decimalCell(sum(lines.map((l) => l.amount)))]);
  total.font = { bold: true };
  total.border = { top: { style: 'thin' } };

  const byUnit = wb.addWorksheet('按单位汇总');
  styleHeader(byUnit.addRow(['受奖单位', '明细条数', '封顶前（万元）', '应兑现（万元）']));
  [24, 10, 16, 16].forEach((w, i) => (byUnit.getColumn(i + 1).width = w));
  for (const c of [3, 4]) byUnit.getColumn(c).numFmt = MONEY;
  for (const u of run.byUnit) byUnit.addRow([u.unitName, u.lineCount, decimalCell(u.raw), decimalCell(u.amount)]);
  const unitTotal = byUnit.addRow(['合计', run.totals.lineCount, decimalCell(run.totals.raw), decimalCell(run.totals.amount)]);
  unitTotal.font = { bold: true };

  const rs = wb.addWorksheet('奖励办法');
  rs.columns = [{ width: 28 }, { width: 90 }];
  rs.addRow(['办法', `${rules.name}（第 ${run.ruleSetVersion} 版）`]);
  if (rules.description) rs.addRow(['说明', rules.description]);
  rs.addRow(['兑现期间', `${run.periodFrom} 至 ${run.periodTo}`]);
  for (const item of rules.items) {
    const tiers =
      item.type === 'fixed_per_project'
        ? item.tiers.map((t) => `${tierText(t.atLeast)} 定额 ${formatRewardWan(t.amount)}`).join('；')
        : item.tiers.map((t) => `${tierText(t.atLeast)} ${t.perMille}‰`).join('；');
    const what =
      item.type === 'funds_per_mille'
        ? `期间内审核通过的实际到位资金（${item.sources.map((s) => FUND_SOURCE_LABELS[s].zh).join('、')}）`
        : `审核通过的${REWARD_EVENT_LABELS[item.event].zh}日期在期间内的项目的${PROJECT_FIGURE_LABELS[item.figure].zh}`;
    rs.addRow([item.label, `${REWARD_ITEM_TYPE_LABELS[item.type].zh}：${what}；${tiers}（按达到的最高档整体计算）`]);
  }
  const caps = rules.caps;
  rs.addRow(['封顶', [caps.perProject && `单个项目 ${formatRewardWan(caps.perProject)}`, caps.perPerson && `个人 ${formatRewardWan(caps.perPerson)}`, caps.perUnit && `单位 ${formatRewardWan(caps.perUnit)}`].filter(Boolean).join('；') || '无']);
  rs.addRow(['计算顺序', '各项目各奖励项金额 → 单个项目封顶 → 按引荐分成比例分配到单位（无第一引荐人的计入项目所属单位）→ 个人封顶 → 单位封顶；封顶按比例调减，精确到元']);
  rs.addRow(['口径', '只计审核通过的阶段日期和审核通过的到位资金；金额单位万元']);
  rs.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function sum(values: string[]): string {
  return values.reduce((a, v) => a.plus(v), new Decimal(0)).toFixed(4);
}
