import type { z } from 'zod';
import type { breakdownQuery, StatsBreakdown, StatsQuery, StatsSummary } from '../../../shared/api/stats.js';
import { FUND_SOURCE_LABELS, FUND_SOURCES } from '../../../shared/funds.js';
import { funnelShares } from '../../../shared/kpi/formulas.js';
import { monthsOf, shiftMonthKey } from '../../../shared/kpi/period.js';
import { STAGE_LABELS, STAGES } from '../../../shared/project.js';
import type { Actor } from '../../actor.js';
import { type Executor } from '../../db/client.js';
import { divisionsOfSection, findIndustry } from '../industries/industries.service.js';
import { resolveStats, type StatsContext } from './stats.context.js';
import { addComponents, figuresOf, funnelCounts, tierAmount, tierFigureNames, type Components } from './stats.figures.js';
import { queryComponents, type ComponentRow, type GroupMode } from './stats.queries.js';

/*
 * GET /api/stats/summary and /api/stats/breakdown (domain.md §5, issue 4 item 3): the figures of
 * a unit's whole subtree for a period and the same period last year. Scope: the unit must be in
 * the caller's scope (404 otherwise); figures count verified records only.
 */

interface Folded {
  current: Components;
  previous: Components;
}
const emptyFold = (): Folded => ({ current: new Map(), previous: new Map() });

function definitions(ctx: StatsContext): StatsSummary['definitions'] {
  const s = ctx.settings;
  return {
    stalledDays: s.stalledDays,
    signedNotStartedMonths: s.signedNotStartedMonths,
    sizeTiers: [...s.sizeTiers].sort((a, b) => a - b),
    outOfCitySources: s.outOfCitySources,
    outOfProvinceSources: s.outOfProvinceSources,
    fiscalYearStartMonth: s.fiscalYearStartMonth,
  };
}

function foldTotal(rows: ComponentRow[]): Folded {
  const total = emptyFold();
  for (const r of rows) {
    addComponents(total.current, r.values.current);
    addComponents(total.previous, r.values.previous);
  }
  return total;
}

export async function statsSummary(db: Executor, actor: Actor, q: StatsQuery): Promise<StatsSummary> {
  const ctx = await resolveStats(db, actor, q);
  const total = foldTotal((await queryComponents(db, ctx, 'none')).rows);
  const s = ctx.settings;
  const figures = figuresOf(total.current, total.previous, s);
  const counts = funnelCounts(total.current);
  const shares = funnelShares(counts);
  const funnelStages = ['lead', 'negotiating', 'signed', 'started', 'producing'] as const;
  return {
    from: ctx.current.from,
    to: ctx.current.to,
    previousFrom: ctx.previous.from,
    previousTo: ctx.previous.to,
    unit: { id: ctx.unit.id, name: ctx.unit.name },
    industry: ctx.industry,
    figures,
    tiers: tierFigureNames(s).map((figure) => {
      const threshold = Number(figure.split(':')[1]);
      return { threshold, figure, count: figures[figure]!, amount: tierAmount(threshold, total.current, total.previous) };
    }),
    funnel: funnelStages.map((stage, i) => ({ stage, count: counts[i]!, share: shares[i] ?? null })),
    definitions: definitions(ctx),
    computedAt: new Date().toISOString(),
  };
}

// ---- breakdowns ------------------------------------------------------------------------------

interface Grouping {
  /** Rows in display order (key, label, unitId), including empty ones the table should show. */
  rows: { key: string; label: string; unitId: number | null }[];
  /** The row a raw key belongs to in the given period (month rows take last year's month as previous). */
  rowOf: (rawKey: string, period: 'current' | 'previous') => string | null;
}

function sectionOf(): (code: string) => string | null {
  const map = new Map<string, string>();
  for (const letter of 'ABCDEFGHIJKLMNOPQRST') for (const d of divisionsOfSection(letter)) map.set(d, letter);
  return (code) => (/^[A-T]$/.test(code) ? code : (map.get(code.slice(0, 2)) ?? null));
}

/** The industry level one below the filter: sections, then divisions, groups, classes. */
function industryGroupOf(filter: string | null): (code: string) => string {
  const section = sectionOf();
  return (code) => {
    if (!code) return '';
    if (!filter) return section(code) ?? code;
    if (/^[A-T]$/.test(filter)) return /^[A-T]$/.test(code) ? code : code.slice(0, 2);
    return code.length > filter.length ? code.slice(0, filter.length + 1) : code;
  };
}

function grouping(ctx: StatsContext, by: z.infer<typeof breakdownQuery>['by'], rawKeys: Set<string>): Grouping {
  switch (by) {
    case 'unit': {
      // One row per direct child (counting its whole subtree), plus the unit's own projects (本级).
      const depth = ctx.unit.path.split('/').filter(Boolean).length;
      const childOf = new Map<string, string>();
      for (const u of ctx.units) {
        const ids = u.path.split('/').filter(Boolean);
        childOf.set(String(u.id), ids.length > depth ? ids[depth]! : 'self');
      }
      const children = ctx.units.filter((u) => u.parentId === ctx.unit.id).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
      const rows: Grouping['rows'] = children.map((u) => ({ key: String(u.id), label: u.name, unitId: u.id }));
      if (rawKeys.has(String(ctx.unit.id)) || !children.length) rows.push({ key: 'self', label: `${ctx.unit.name}（本级）`, unitId: ctx.unit.id });
      return { rows, rowOf: (k) => childOf.get(k) ?? null };
    }
    case 'industry': {
      const groupOf = industryGroupOf(ctx.industry);
      const keys = [...new Set([...rawKeys].map(groupOf))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
      return {
        rows: keys.map((k) => ({ key: k || 'none', label: k ? (findIndustry(k)?.name ?? k) : '未分类', unitId: null })),
        rowOf: (k) => groupOf(k) || 'none',
      };
    }
    case 'stage':
      return { rows: STAGES.map((st) => ({ key: st, label: STAGE_LABELS[st].zh, unitId: null })), rowOf: (k) => k };
    case 'source':
      return { rows: FUND_SOURCES.map((src) => ({ key: src, label: FUND_SOURCE_LABELS[src].zh, unitId: null })), rowOf: (k) => k };
    case 'month':
      return {
        rows: monthsOf(ctx.current).map((m) => ({ key: m, label: m, unitId: null })),
        // Last year's events fall in last year's months: they are the previous value of this year's row.
        rowOf: (k, period) => (period === 'current' ? k : shiftMonthKey(k, 1)),
      };
  }
}

export async function statsBreakdown(db: Executor, actor: Actor, q: z.infer<typeof breakdownQuery>): Promise<StatsBreakdown> {
  const { by, ...base } = q;
  const ctx = await resolveStats(db, actor, base);
  const mode: GroupMode = by;
  const { rows: raw, grouped: available } = await queryComponents(db, ctx, mode);
  const grouped = raw.filter((r) => r.grouped);
  const g = grouping(ctx, by, new Set(grouped.map((r) => r.key)));
  const folds = new Map<string, Folded>(g.rows.map((r) => [r.key, emptyFold()]));
  for (const r of grouped) {
    for (const period of ['current', 'previous'] as const) {
      const rowKey = g.rowOf(r.key, period);
      const fold = rowKey === null ? undefined : folds.get(rowKey);
      if (fold) addComponents(fold[period], r.values[period]);
    }
  }
  const total = foldTotal(raw);
  const s = ctx.settings;
  return {
    by,
    from: ctx.current.from,
    to: ctx.current.to,
    unit: { id: ctx.unit.id, name: ctx.unit.name },
    rows: g.rows.map((row) => {
      const f = folds.get(row.key)!;
      return { ...row, figures: figuresOf(f.current, f.previous, s, available) };
    }),
    total: figuresOf(total.current, total.previous, s),
  };
}
