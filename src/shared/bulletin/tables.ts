import type { Bulletin } from '../api/bulletins.js';
import { isCountMetric } from '../api/targets.js';
import { percentText, scheduleGapText, wanText } from './format.js';

/*
 * The bulletin's tables as rows of cells, one definition for the Word document, the workbook and
 * the browser preview, so the three cannot differ. A cell carries its text as the bulletin writes
 * it and, for numbers, the exact decimal the workbook stores as a number.
 */

export interface BulletinCell {
  text: string;
  /** The exact value behind a number (万元, a count, or a ratio for percentages). */
  value?: string;
  kind?: 'money' | 'count' | 'percent';
  /** 超/欠时序进度, for colouring. */
  tone?: 'ahead' | 'behind';
  /** Ranks and row numbers sit in the middle of their column. */
  isCentred?: boolean;
}

export interface BulletinTable {
  key: string;
  title: string;
  /** Column headers. */
  columns: string[];
  rows: BulletinCell[][];
  /** Said under the table (how many more there are, or why it is empty). */
  note: string | null;
}

const text = (t: string): BulletinCell => ({ text: t });
const money = (v: string | null): BulletinCell => (v === null ? text('—') : { text: wanText(v), value: v, kind: 'money' });
const count = (v: string | number): BulletinCell => ({ text: String(v), value: String(v), kind: 'count' });
const percent = (v: string | null): BulletinCell => (v === null ? text('—') : { text: percentText(v), value: v, kind: 'percent' });
const metricValue = (metric: string, v: string | null): BulletinCell => (v === null ? text('—') : isCountMetric(metric) ? count(v) : money(v));

/** 考核排名: rank, unit, total; with each item's score when `withItems`. */
export function rankingTable(b: Bulletin, withItems: boolean): BulletinTable | null {
  const r = b.ranking;
  if (!r) return null;
  const columns = ['名次', '单位', '总得分', ...(withItems ? r.items.map((i) => i.label) : [])];
  return {
    key: withItems ? 'ranking_items' : 'ranking',
    title: withItems ? '考核得分明细' : '考核排名',
    columns,
    rows: r.rows.map((row) => [
      { text: row.isTied ? `${row.rank}（并列）` : String(row.rank), value: String(row.rank), kind: 'count', isCentred: true },
      text(row.unitName),
      { text: row.total, value: row.total, kind: 'count' },
      ...(withItems ? row.scores.map((s) => ({ text: s, value: s, kind: 'count' as const })) : []),
    ]),
    note: r.rows.length === 0 ? '本单位及下级单位不在该次考核范围内。' : null,
  };
}

/** 目标任务完成进度, with 超/欠时序进度 marked. */
export function progressTable(b: Bulletin): BulletinTable {
  return {
    key: 'progress',
    title: '目标任务完成进度',
    columns: ['单位', '指标', '年度目标', `完成（截至${b.progress.asOf}）`, '完成率', '超/欠时序进度'],
    rows: b.progress.rows.map((r) => {
      const gap = scheduleGapText(r.scheduleGap);
      return [
        text(r.unitName),
        text(r.metricLabel),
        metricValue(r.metric, r.target),
        metricValue(r.metric, r.actual),
        percent(r.completionRate),
        gap === null ? text('—') : { text: gap, value: r.scheduleGap ?? undefined, kind: 'percent', tone: r.scheduleGap!.startsWith('-') ? 'behind' : 'ahead' },
      ];
    }),
    note: b.progress.rows.length === 0 ? `${b.year}年度尚无已审定的目标任务。` : null,
  };
}

const DATE_HEADERS: Record<Bulletin['lists'][number]['key'], string> = {
  signed: '签约日期',
  started: '开工日期',
  producing: '投产日期',
  stalled: '最近跟踪日期',
  signed_not_started: '签约日期',
};

/** One project list (signed, started, producing, stalled, signed-not-started). */
export function listTable(list: Bulletin['lists'][number]): BulletinTable {
  return {
    key: list.key,
    title: `${list.title}（${list.count}个）`,
    columns: ['序号', '项目名称', '单位', '合同投资额（万元）', DATE_HEADERS[list.key]],
    rows: list.items.map((p, i) => [{ ...count(i + 1), isCentred: true }, text(p.name), text(p.unitName), money(p.amount), text(p.date ?? '—')]),
    note: list.count === 0 ? '无。' : list.count > list.items.length ? `共${list.count}个，此处列出前${list.items.length}个，完整名单见驾驶舱明细。` : null,
  };
}

/** 本期主要指标: each opening figure with last year's value and 同比. */
export function figuresTable(b: Bulletin): BulletinTable {
  return {
    key: 'figures',
    title: '主要指标',
    columns: ['指标', '本期', '上年同期', '同比'],
    rows: Object.entries(b.opening.figures).map(([name, f]) => {
      const isCount = name.endsWith('_count') || name.startsWith('signed_tier:');
      const cell = (v: string | null) => (v === null ? text('—') : isCount ? count(v) : money(v));
      return [text(b.opening.labels[name] ?? name), cell(f.value), cell(f.previous), percent(f.yoy)];
    }),
    note: null,
  };
}
