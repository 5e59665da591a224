import Decimal from 'decimal.js';
import { FUND_SOURCES, type FundSource } from '../../../shared/funds.js';
import type { FigureValue } from '../../../shared/api/stats.js';
import { count, money, ratio, yoy } from '../../../shared/kpi/formulas.js';
import type { Settings } from '../../../shared/settings.js';

/*
 * From additive components to the named figures of the contract (src/shared/api/stats.ts). One
 * definition per figure: which components it adds up, or which numerator and denominator it
 * divides. The records endpoint formats its totals with the same `kind`.
 */

export type Components = Map<string, Decimal>;
export type FigureKind = 'count' | 'money' | 'rate';

export function addComponents(into: Components, values: Record<string, string>) {
  for (const [name, v] of Object.entries(values)) into.set(name, (into.get(name) ?? new Decimal(0)).plus(v));
}

const get = (c: Components, name: string) => c.get(name) ?? new Decimal(0);
const sumOf = (c: Components, names: readonly string[]) => names.reduce((acc, n) => acc.plus(get(c, n)), new Decimal(0));

interface AdditiveFigure {
  kind: 'count' | 'money';
  /** Components whose sum is the figure. */
  parts: (s: Settings) => readonly string[];
  stock?: boolean;
}
interface RateFigure {
  kind: 'rate';
  numerator: string;
  denominator: string;
}

const funds = (sources: readonly FundSource[]) => sources.map((s) => `funds:${s}`);

export const FIGURES: Record<string, AdditiveFigure | RateFigure> = {
  new_projects: { kind: 'count', parts: () => ['new_projects'] },
  signed_count: { kind: 'count', parts: () => ['signed_count'] },
  signed_amount: { kind: 'money', parts: () => ['signed_amount'] },
  signed_foreign_usd: { kind: 'money', parts: () => ['signed_foreign_usd'] },
  registered_count: { kind: 'count', parts: () => ['registered_count'] },
  started_count: { kind: 'count', parts: () => ['started_count'] },
  started_amount: { kind: 'money', parts: () => ['started_amount'] },
  producing_count: { kind: 'count', parts: () => ['producing_count'] },
  funds_total: { kind: 'money', parts: () => funds(FUND_SOURCES) },
  funds_out_of_province: { kind: 'money', parts: () => funds(['out_of_province']) },
  funds_in_province_out_of_city: { kind: 'money', parts: () => funds(['in_province_out_of_city']) },
  funds_foreign: { kind: 'money', parts: () => funds(['foreign']) },
  funds_foreign_usd: { kind: 'money', parts: () => ['funds_foreign_usd'] },
  funds_local: { kind: 'money', parts: () => funds(['local']) },
  funds_out_of_city: { kind: 'money', parts: (s) => funds(s.outOfCitySources) },
  funds_out_of_province_total: { kind: 'money', parts: (s) => funds(s.outOfProvinceSources) },
  stalled_count: { kind: 'count', parts: () => ['stalled_count'], stock: true },
  signed_not_started_count: { kind: 'count', parts: () => ['signed_not_started_count'], stock: true },
  overdue_nodes_count: { kind: 'count', parts: () => ['overdue_nodes_count'], stock: true },
  signing_rate: { kind: 'rate', numerator: 'cohort_new_signed', denominator: 'new_projects' },
  start_rate: { kind: 'rate', numerator: 'cohort_signed_started', denominator: 'signed_count' },
  production_rate: { kind: 'rate', numerator: 'cohort_signed_producing', denominator: 'signed_count' },
  funds_rate: { kind: 'rate', numerator: 'cohort_signed_funds', denominator: 'signed_amount' },
};

/** The definition of a figure name, tiers included (`signed_tier:<万元>` counts projects signed at or above it). */
export function figureDefinition(name: string): AdditiveFigure | RateFigure | undefined {
  const tier = /^signed_tier:(\d+)$/.exec(name);
  if (tier) return { kind: 'count', parts: () => [`tier_count:${tier[1]}`] };
  return FIGURES[name];
}

export function formatValue(kind: 'count' | 'money', value: Decimal | string): string {
  return kind === 'count' ? count(value.toString()) : money(value.toString());
}

/** A figure's value from folded components; null for a rate with a zero base (undefined). */
export function valueOf(name: string, c: Components, s: Settings): string | null {
  const def = figureDefinition(name)!;
  if (def.kind === 'rate') return ratio(get(c, def.numerator).toString(), get(c, def.denominator).toString());
  return formatValue(def.kind, sumOf(c, def.parts(s)));
}

/** The components a figure reads (to know whether a breakdown row can show it). */
export function componentsOf(name: string, s: Settings): string[] {
  const def = figureDefinition(name)!;
  return def.kind === 'rate' ? [def.numerator, def.denominator] : [...def.parts(s)];
}

/** Every component a response can carry: those of every figure, and the tiers' amounts. */
export function allComponents(s: Settings): Set<string> {
  const figures = [...Object.keys(FIGURES), ...tierFigureNames(s)].flatMap((name) => componentsOf(name, s));
  return new Set([...figures, ...s.sizeTiers.map((t) => `tier_amount:${t}`)]);
}

export function isStock(name: string): boolean {
  const def = figureDefinition(name);
  return Boolean(def && def.kind !== 'rate' && def.stock);
}

export function figureValue(name: string, current: Components, previous: Components | null, s: Settings): FigureValue | null {
  const value = valueOf(name, current, s);
  if (value === null) return null;
  const prev = previous && !isStock(name) ? valueOf(name, previous, s) : null;
  return { value, previous: prev, yoy: yoy(value, prev) };
}

export function tierFigureNames(s: Settings): string[] {
  return [...s.sizeTiers].sort((a, b) => a - b).map((t) => `signed_tier:${t}`);
}

/** All figures of a response, by name; `available` limits them to those whose components were grouped. */
export function figuresOf(current: Components, previous: Components, s: Settings, available?: Set<string>): Record<string, FigureValue> {
  const out: Record<string, FigureValue> = {};
  for (const name of [...Object.keys(FIGURES), ...tierFigureNames(s)]) {
    if (available && !componentsOf(name, s).every((c) => available.has(c))) continue;
    const v = figureValue(name, current, previous, s);
    if (v) out[name] = v;
  }
  return out;
}

export function tierAmount(threshold: number, current: Components, previous: Components): FigureValue {
  const value = money(get(current, `tier_amount:${threshold}`).toString());
  const prev = money(get(previous, `tier_amount:${threshold}`).toString());
  return { value, previous: prev, yoy: yoy(value, prev) };
}

export function funnelCounts(c: Components): number[] {
  return ['new_projects', 'funnel_negotiating', 'funnel_signed', 'funnel_started', 'funnel_producing'].map((n) => get(c, n).toNumber());
}
