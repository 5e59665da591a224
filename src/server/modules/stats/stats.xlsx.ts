import ExcelJS from 'exceljs';
import type { FigureValue, StatsBreakdown, StatsRecords } from '../../../shared/api/stats.js';
import { FUND_SOURCE_LABELS, type FundSource } from '../../../shared/funds.js';
import { tierLabel, type Settings } from '../../../shared/settings.js';
import { decimalCell, styleHeader } from '../export/export.sheet.js';
import { figureDefinition } from './stats.figures.js';

/*
 * A dashboard table as .xlsx (issue 4 item 6): one row per group and a 合计 row, each figure with
 * its 同期 and 同比. Amounts are number cells in 万元 (万美元 where the header says so), rates and
 * 同比 are percentages; a value a float cannot hold exactly stays text (decimalCell).
 */

const BY_LABELS: Record<StatsBreakdown['by'], string> = { unit: '单位', industry: '行业', month: '月份', stage: '阶段', source: '资金来源' };

const FIGURE_LABELS: Record<string, string> = {
  new_projects: '新引进项目数',
  signed_count: '新签约项目数',
  signed_amount: '新签约合同投资额（万元）',
  signed_foreign_usd: '新签约外资（万美元）',
  registered_count: '新注册落地项目数',
  started_count: '新开工项目数',
  started_amount: '新开工项目合同投资额（万元）',
  producing_count: '新投产项目数',
  funds_total: '实际到位资金（万元）',
  funds_out_of_city: '市外资金到位（万元）',
  funds_out_of_province_total: '省外资金到位（万元）',
  funds_out_of_province: '省外境内资金（万元）',
  funds_in_province_out_of_city: '省内市外资金（万元）',
  funds_foreign: '境外资金（万元）',
  funds_foreign_usd: '境外资金（万美元）',
  funds_local: '本地资金（万元）',
  signing_rate: '签约率',
  start_rate: '开工率',
  production_rate: '投产率',
  funds_rate: '资金到位率',
  stalled_count: '停滞预警项目数',
  signed_not_started_count: '签约未开工超期项目数',
  overdue_nodes_count: '超期节点数',
};

export function figureLabel(name: string): string {
  const tier = /^signed_tier:(\d+)$/.exec(name);
  if (tier) return `签约${tierLabel(Number(tier[1]))}以上项目数`;
  return FIGURE_LABELS[name] ?? name;
}

const PERCENT = '0.00%';
const MONEY = '#,##0.00##';
const COUNT = '#,##0';

export async function breakdownWorkbook(b: StatsBreakdown, settings: Settings, opts: { industry: string | null }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '招商通';
  wb.created = new Date();
  const ws = wb.addWorksheet(`按${BY_LABELS[b.by]}`, { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
  // The figures in the order of the contract, those present in any row or the total.
  const names = [...new Set([...Object.keys(b.total), ...b.rows.flatMap((r) => Object.keys(r.figures))])].filter((n) => b.rows.some((r) => n in r.figures));

  const title = `${b.unit.name} 招商引资指标（${b.from} 至 ${b.to}${opts.industry ? `，行业 ${opts.industry}` : ''}）`;
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.mergeCells(1, 1, 1, 1 + names.length * 3);
  const header = ws.addRow([BY_LABELS[b.by], ...names.flatMap((n) => [figureLabel(n), `${figureLabel(n)}·上年同期`, `${figureLabel(n)}·同比`])]);
  styleHeader(header);
  ws.getColumn(1).width = 24;
  names.forEach((n, i) => {
    const kind = figureDefinition(n)?.kind ?? 'count';
    const fmt = kind === 'rate' ? PERCENT : kind === 'money' ? MONEY : COUNT;
    ws.getColumn(2 + i * 3).numFmt = fmt;
    ws.getColumn(3 + i * 3).numFmt = fmt;
    ws.getColumn(4 + i * 3).numFmt = PERCENT;
    for (const c of [2, 3, 4]) ws.getColumn(c + i * 3).width = 16;
  });

  const cells = (figures: Record<string, FigureValue>) =>
    names.flatMap((n) => {
      const f = figures[n];
      return f ? [decimalCell(f.value), decimalCell(f.previous), decimalCell(f.yoy)] : [null, null, null];
    });
  for (const r of b.rows) ws.addRow([r.label, ...cells(r.figures)]);
  const total = ws.addRow(['合计', ...cells(b.total)]);
  total.font = { bold: true };
  total.border = { top: { style: 'thin' } };

  const notes = wb.addWorksheet('口径说明');
  notes.columns = [{ width: 28 }, { width: 90 }];
  const lines: [string, string][] = [
    ['统计区间', `${b.from} 至 ${b.to}；同比与上年同一时段比较（上年为 0 时不计同比）`],
    ['统计范围', `${b.unit.name} 及其全部下级单位`],
    ['计数口径', '签约、注册、开工、投产以审核通过的阶段日期计；实际到位资金以审核通过的资金记录的到位日期计，冲减记录计入其自身日期'],
    ['市外资金来源', settings.outOfCitySources.join('、')],
    ['省外资金来源', settings.outOfProvinceSources.join('、')],
    ['停滞预警', `无跟踪记录超过 ${settings.stalledDays} 天的在库项目（截至统计截止日或今天）`],
    ['签约未开工超期', `签约超过 ${settings.signedNotStartedMonths} 个月仍未开工`],
    ['金额单位', '万元（外资为万美元）'],
  ];
  for (const l of lines) notes.addRow(l);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const RECORD_DATE_LABELS: Record<StatsRecords['items'][number]['kind'], string> = { project: '计入日期', tranche: '到位日期', node: '计划完成日期' };

/**
 * The records behind one figure as .xlsx (the drill-down and the dashboard's watch lists): one row
 * per record and a 合计 row equal to the figure (for rates, the numerator, with the denominator and
 * the rate below it).
 */
export async function recordsWorkbook(r: StatsRecords, opts: { unitName: string; industry: string | null }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '招商通';
  wb.created = new Date();
  const ws = wb.addWorksheet('明细', { views: [{ state: 'frozen', ySplit: 2 }] });
  const kind = figureDefinition(r.figure)?.kind ?? 'count';
  const isMoney = kind === 'money' || r.figure === 'funds_rate';
  const isTranche = r.items.some((i) => i.kind === 'tranche');
  const dateLabel = RECORD_DATE_LABELS[r.items[0]?.kind ?? 'project'];
  const valueLabel = isMoney ? `${figureLabel(r.figure).replace(/（万元）$/, '')}（万元）` : '计数';
  const isNode = r.items.some((i) => i.kind === 'node');
  const extra = isTranche ? ['资金来源', '币种', '原币金额'] : isNode ? ['节点'] : [];
  const columns = ['序号', '项目', '单位', '行业代码', dateLabel, valueLabel, ...extra];

  const title = `${opts.unitName} ${figureLabel(r.figure)} 明细（${r.from} 至 ${r.to}${opts.industry ? `，行业 ${opts.industry}` : ''}；截至 ${r.asOf}）`;
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.mergeCells(1, 1, 1, columns.length);
  styleHeader(ws.addRow(columns));
  [6, 40, 22, 10, 14, 18, 16, 8, 14].slice(0, columns.length).forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(6).numFmt = isMoney ? MONEY : COUNT;
  if (isTranche) ws.getColumn(9).numFmt = MONEY;

  r.items.forEach((item, i) => {
    const source = item.source && item.source in FUND_SOURCE_LABELS ? FUND_SOURCE_LABELS[item.source as FundSource].zh : item.source;
    const more = isTranche ? [source, item.currency, decimalCell(item.amount)] : isNode ? [item.nodeName] : [];
    ws.addRow([i + 1, item.projectName, item.unitName, item.industryCode, item.date, decimalCell(item.value), ...more]);
  });
  const total = ws.addRow(['合计', `${r.count} 条`, null, null, null, decimalCell(r.numerator)]);
  total.font = { bold: true };
  total.border = { top: { style: 'thin' } };
  if (kind === 'rate') {
    ws.addRow(['分母', isMoney ? '签约项目合同投资额（万元）' : '同期签约（引进）项目数', null, null, null, decimalCell(r.denominator)]);
    const rate = ws.addRow([figureLabel(r.figure), '合计 ÷ 分母', null, null, null, decimalCell(r.total)]);
    rate.getCell(6).numFmt = PERCENT;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
