import Decimal from 'decimal.js';
import { detailPaths } from '../../api/client';
import { QUARTERLY_SCHEME_INPUT, RATIO_SCHEME_INPUT, WEIGHTED_SCHEME_INPUT } from '../../../shared/assessment/examples';
import { isProjectCountMetric } from '../../../shared/assessment/metrics';
import { assessmentScheme, periodRange, weightTotal, type AssessmentSchemeInput, type ItemType, type SchemePeriod } from '../../../shared/assessment/scheme';

// Pure helpers of the scheme editor (no React): the form holds the scheme in its own JSON shape, so
// a zod issue path (`items.0.cap`) or a server field (`scheme.items.0.cap`) is the form field's name.
// These turn form values into the scheme and back, give new items their defaults, and sum points.

/** What the antd form holds: the scheme's shape, with numbers possibly null while being typed. */
export type FormValues = Record<string, unknown>;
export type FieldPath = (string | number)[];

export const ITEM_TYPES: readonly ItemType[] = ['ratio', 'count', 'base_plus_bonus', 'composite', 'tiers', 'manual', 'required_counts', 'penalty'];
/** The item types a composite may weight (shared compositePartItem). */
export const PART_TYPES: readonly ItemType[] = ['ratio', 'count', 'base_plus_bonus', 'tiers'];
/** Item types that need a metric. */
const METRIC_TYPES = new Set<ItemType>(['ratio', 'count', 'tiers', 'required_counts', 'penalty', 'base_plus_bonus']);

export const EXAMPLE_STARTS = {
  ratio: RATIO_SCHEME_INPUT,
  quarterly: QUARTERLY_SCHEME_INPUT,
  weighted: WEIGHTED_SCHEME_INPUT,
} as const;
export type ExampleKey = keyof typeof EXAMPLE_STARTS;
export const isExampleKey = (v: string | null): v is ExampleKey => v !== null && v in EXAMPLE_STARTS;

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The period moved to another year, keeping its kind (a range keeps its month and day). */
export function periodInYear(period: SchemePeriod, year: number): SchemePeriod {
  switch (period.kind) {
    case 'year':
      return { kind: 'year', year };
    case 'quarter':
      return { kind: 'quarter', year, quarter: period.quarter };
    case 'range':
      return { kind: 'range', from: `${year}${period.from.slice(4)}`, to: `${year}${period.to.slice(4)}` };
  }
}

/** A new scheme: one empty 完成率 item, every county and zone, the whole year. */
export function blankScheme(year: number): FormValues {
  return {
    name: '',
    version: 1,
    description: '',
    units: { kind: 'unit_types', types: ['county', 'zone'] },
    period: { kind: 'year', year },
    scorePlaces: 2,
    exclusions: [],
    items: [newItem('ratio', 'item_1')],
  };
}

/** A shipped example to start from, moved to the given year. */
export function exampleScheme(key: ExampleKey, year: number): FormValues {
  const example = clone(EXAMPLE_STARTS[key]) as AssessmentSchemeInput;
  return schemeToForm({ ...example, version: 1, period: periodInYear(example.period, year) });
}

/** Form values from a stored or pasted scheme: every optional list present so the editors can add to it. */
export function schemeToForm(scheme: AssessmentSchemeInput | Record<string, unknown>): FormValues {
  const values = clone(scheme) as FormValues;
  values.exclusions ??= [];
  values.scorePlaces ??= 2;
  values.description ??= '';
  const fillItem = (item: Record<string, unknown>) => {
    item.exclusions ??= [];
    if ('cap' in item || ['ratio', 'count', 'tiers', 'composite'].includes(String(item.type))) item.cap ??= null;
    if (item.type === 'penalty' || item.type === 'required_counts') item.maxPenalty ??= null;
    if (item.type === 'base_plus_bonus') {
      item.bonusCap ??= null;
      item.stepPercent ??= 10;
      item.belowTarget ??= 'proportional';
    }
    if (item.type === 'tiers') {
      item.amountTiers ??= [];
      item.tagBonuses ??= [];
      item.tagBonusPer ??= 'investor';
    }
    if (item.type === 'manual') item.minPoints ??= 0;
    if (item.type === 'composite' && Array.isArray(item.parts)) for (const p of item.parts as { item: Record<string, unknown> }[]) fillItem(p.item);
  };
  if (Array.isArray(values.items)) for (const item of values.items as Record<string, unknown>[]) fillItem(item);
  return values;
}

/** Drop what the form leaves behind while typing: undefined, empty optional text, trailing spaces. */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = clean(v);
      if (c === undefined || c === '') continue;
      out[k] = c;
    }
    return out;
  }
  if (typeof value === 'string') return value.trim();
  return value;
}

/** The scheme as the API takes it (not yet validated: zod does that, with the same paths). */
export function formToScheme(values: FormValues): Record<string, unknown> {
  const cleaned = clean(values) as Record<string, unknown>;
  // The JSON view reads top-down like the form, whatever order the form's store was written in.
  const ordered: Record<string, unknown> = {};
  for (const key of SCHEME_KEY_ORDER) if (key in cleaned) ordered[key] = cleaned[key];
  for (const [key, value] of Object.entries(cleaned)) if (!(key in ordered)) ordered[key] = value;
  return ordered;
}

const SCHEME_KEY_ORDER = ['name', 'version', 'description', 'units', 'period', 'scorePlaces', 'exclusions', 'items'];

export interface SchemeIssue {
  path: FieldPath;
  code: string;
  message: string;
  minimum?: number;
  maximum?: number;
  /** For too_small/too_big: whether the bound itself is allowed (>= rather than >). */
  inclusive?: boolean;
  /** True when nothing was entered (zod saw undefined or null). */
  isMissing?: boolean;
}

/** The shared zod schema over the form values: [] when the scheme would be accepted. */
export function schemeIssues(values: FormValues): SchemeIssue[] {
  const result = assessmentScheme.safeParse(formToScheme(values));
  if (result.success) return [];
  return result.error.issues.map((i) => {
    const raw = i as unknown as { minimum?: unknown; maximum?: unknown; input?: unknown; inclusive?: unknown };
    return {
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      code: i.code,
      message: i.message,
      ...(typeof raw.minimum === 'number' || typeof raw.minimum === 'bigint' ? { minimum: Number(raw.minimum) } : {}),
      ...(typeof raw.maximum === 'number' || typeof raw.maximum === 'bigint' ? { maximum: Number(raw.maximum) } : {}),
      ...(typeof raw.inclusive === 'boolean' ? { inclusive: raw.inclusive } : {}),
      ...(i.code === 'invalid_type' && (raw.input === undefined || raw.input === null) ? { isMissing: true } : {}),
    };
  });
}

/**
 * Field errors of a refused request as form paths: `scheme.items.0.cap` → ['items', 0, 'cap'];
 * run fields (`period.year`, `manual.work.12`) keep their own root.
 */
export function serverFieldPaths(details: unknown): { path: FieldPath; message: string }[] {
  return detailPaths(details, 'scheme').map((d) => ({ path: d.path, message: d.message }));
}

/** The Chinese half of a bilingual engine message ("… (档次须由低到高)"), or null. */
export function chinesePart(message: string): string | null {
  const m = /[（(]([^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]\s*$/.exec(message);
  if (m) return m[1]!;
  return /[\u4e00-\u9fff]/.test(message) ? message : null;
}

/** The next free `item_N` id: officials never type ids, the engine needs them unique. */
export function nextItemId(taken: Iterable<string>): string {
  const set = new Set(taken);
  for (let n = 1; ; n++) if (!set.has(`item_${n}`)) return `item_${n}`;
}

/** Every item id in the form (items and composite parts). */
export function itemIdsOf(values: FormValues): string[] {
  const ids: string[] = [];
  for (const item of (values.items ?? []) as Record<string, unknown>[]) {
    if (typeof item?.id === 'string') ids.push(item.id);
    for (const p of (item?.parts ?? []) as { item?: { id?: unknown } }[]) if (typeof p?.item?.id === 'string') ids.push(p.item.id);
  }
  return ids;
}

/** A new item of a type with its defaults; points left empty for the official to fill in. */
export function newItem(type: ItemType, id: string, keep: { label?: unknown; metric?: unknown; description?: unknown } = {}): Record<string, unknown> {
  const base: Record<string, unknown> = { id, label: typeof keep.label === 'string' ? keep.label : '', type, exclusions: [], ignoreSchemeExclusions: false };
  if (typeof keep.description === 'string' && keep.description !== '') base.description = keep.description;
  const metric = typeof keep.metric === 'string' ? keep.metric : undefined;
  if (METRIC_TYPES.has(type)) {
    base.metric = (type === 'tiers' || type === 'required_counts') && (metric === undefined || !isProjectCountMetric(metric)) ? 'signed_count' : metric;
  }
  switch (type) {
    case 'ratio':
      return { ...base, points: null, cap: null };
    case 'count':
      return { ...base, pointsPerItem: null, cap: null };
    case 'tiers':
      return { ...base, amountTiers: [{ atLeast: '100000', points: null }], tagBonuses: [], tagBonusPer: 'investor', cap: null };
    case 'required_counts':
      return { ...base, bands: [{ label: '', from: null, to: null, required: null }], penaltyPerMissing: null, maxPenalty: null };
    case 'penalty':
      return { ...base, pointsPerOccurrence: null, maxPenalty: null };
    case 'base_plus_bonus':
      return { ...base, basePoints: null, bonusPerStep: null, stepPercent: 10, bonusCap: null, belowTarget: 'proportional' };
    case 'manual':
      return { ...base, maxPoints: null, minPoints: 0 };
    case 'composite':
      return {
        ...base,
        cap: null,
        parts: [
          { weight: 50, item: newItem('ratio', `${id}_a`) },
          { weight: 50, item: newItem('ratio', `${id}_b`) },
        ],
      };
  }
}

/** The item after its type is changed: id, name, description and (where it fits) the metric are kept. */
export function changeItemType(item: Record<string, unknown>, type: ItemType): Record<string, unknown> {
  return newItem(type, String(item.id ?? 'item_1'), { label: item.label, metric: item.metric, description: item.description });
}

const num = (v: unknown): Decimal | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return new Decimal(String(v));
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return new Decimal(v.trim());
  return null;
};

export interface PointsSummary {
  /** Σ full marks of the items that make up the score (完成率, 基础分, 加权综合, 评议). */
  base: string;
  /** Σ most each bonus can add (按个数、分档加分, 超额加分). */
  bonus: string;
  /** Σ most each deduction can take (扣分项, 结构要求), as a positive number. */
  deduction: string;
  /** Bonus items with no cap: the bonus sum is not a limit. */
  uncappedBonus: number;
  /** Deductions with no limit. */
  uncappedDeduction: number;
}

/**
 * The points a scheme gives, for the line under the item list: base items should usually add up to
 * 100 (or the published total); bonuses and deductions are shown separately.
 */
export function pointsSummary(values: FormValues): PointsSummary {
  let base = new Decimal(0);
  let bonus = new Decimal(0);
  let deduction = new Decimal(0);
  let uncappedBonus = 0;
  let uncappedDeduction = 0;
  for (const item of (values.items ?? []) as Record<string, unknown>[]) {
    if (!item) continue;
    switch (item.type) {
      case 'ratio':
        base = base.plus(num(item.cap) ?? num(item.points) ?? 0);
        break;
      case 'composite':
      case 'manual': {
        const full = item.type === 'manual' ? num(item.maxPoints) : (num(item.cap) ?? compositeFull(item));
        base = base.plus(full ?? 0);
        break;
      }
      case 'base_plus_bonus': {
        base = base.plus(num(item.basePoints) ?? 0);
        const cap = num(item.bonusCap);
        if (cap === null) {
          if ((num(item.bonusPerStep) ?? new Decimal(0)).gt(0)) uncappedBonus++;
        } else bonus = bonus.plus(cap);
        break;
      }
      case 'count':
      case 'tiers': {
        const cap = num(item.cap);
        if (cap === null) uncappedBonus++;
        else bonus = bonus.plus(cap);
        break;
      }
      case 'penalty':
      case 'required_counts': {
        const cap = num(item.maxPenalty);
        if (cap === null) uncappedDeduction++;
        else deduction = deduction.plus(cap);
        break;
      }
    }
  }
  return { base: base.toString(), bonus: bonus.toString(), deduction: deduction.toString(), uncappedBonus, uncappedDeduction };
}

/** An uncapped composite's full marks: Σ weight share × each part's full marks (ratio parts only; else null). */
function compositeFull(item: Record<string, unknown>): Decimal | null {
  const parts = (item.parts ?? []) as { weight?: unknown; item?: Record<string, unknown> }[];
  const weights = parts.map((p) => num(p.weight));
  if (weights.some((w) => w === null)) return null;
  const total = weights.reduce<Decimal>((a, w) => a.plus(w!), new Decimal(0));
  if (total.isZero()) return null;
  let sum = new Decimal(0);
  for (const [k, p] of parts.entries()) {
    if (p.item?.type !== 'ratio') return null;
    const full = num(p.item.cap) ?? num(p.item.points);
    if (full === null) return null;
    sum = sum.plus(weights[k]!.div(total).times(full));
  }
  return sum;
}

export interface WeightCheck {
  total: string;
  /** Weights add up to exactly 1 or 100 (the engine's rule). */
  isValid: boolean;
  /** Whether they read as percentages (any weight above 1). */
  isPercent: boolean;
}

/** The running total of a composite's weights. */
export function weightCheck(weights: readonly unknown[]): WeightCheck {
  const numbers = weights.map((w) => (typeof w === 'number' && Number.isFinite(w) ? w : 0));
  const total = weightTotal(numbers);
  return { total: total.toString(), isValid: (total.eq(1) || total.eq(100)) && numbers.every((w) => w > 0), isPercent: numbers.some((w) => w > 1) };
}

/** The calendar year of the form's period (for running and for the list), or null while incomplete. */
export function yearOfPeriod(period: unknown): number | null {
  const p = period as Partial<SchemePeriod> | undefined;
  if (!p) return null;
  if ((p.kind === 'year' || p.kind === 'quarter') && typeof p.year === 'number') return p.year;
  if (p.kind === 'range' && typeof p.from === 'string' && /^\d{4}-/.test(p.from)) return Number(p.from.slice(0, 4));
  return null;
}

/** The run periods offered for a scheme: its own, then the year and each quarter of its year (deduplicated). */
export function runPeriodChoices(schemePeriod: SchemePeriod): { key: string; period: SchemePeriod | undefined; from: string; to: string }[] {
  const year = Number(periodRange(schemePeriod).from.slice(0, 4));
  const own = periodRange(schemePeriod);
  const out: { key: string; period: SchemePeriod | undefined; from: string; to: string }[] = [{ key: 'scheme', period: undefined, ...own }];
  const others: SchemePeriod[] = [{ kind: 'year', year }, ...[1, 2, 3, 4].map((quarter) => ({ kind: 'quarter' as const, year, quarter }))];
  for (const p of others) {
    const r = periodRange(p);
    if (r.from === own.from && r.to === own.to) continue;
    out.push({ key: p.kind === 'year' ? 'year' : `q${(p as { quarter: number }).quarter}`, period: p, ...r });
  }
  return out;
}

/** A path segment the reader can place: which item, part, tier, band or exclusion, then the field. */
export type PathStep =
  | { kind: 'item'; index: number; label: string }
  | { kind: 'part'; index: number; label: string }
  | { kind: 'row'; list: string; index: number }
  | { kind: 'field'; name: string };

/** `['items', 0, 'parts', 1, 'item', 'cap']` → item 1 「签约」, part 2 「金额」, field cap. */
export function describePath(path: FieldPath, values: FormValues): PathStep[] {
  const steps: PathStep[] = [];
  let node: unknown = values;
  for (let k = 0; k < path.length; k++) {
    const seg = path[k]!;
    const next = path[k + 1];
    if ((seg === 'items' || seg === 'parts') && typeof next === 'number') {
      const list = (node as Record<string, unknown> | undefined)?.[seg] as unknown[] | undefined;
      const entry = list?.[next] as Record<string, unknown> | undefined;
      const item = (seg === 'parts' ? entry?.item : entry) as Record<string, unknown> | undefined;
      steps.push({ kind: seg === 'items' ? 'item' : 'part', index: next, label: typeof item?.label === 'string' ? item.label : '' });
      node = item;
      k++;
      if (seg === 'parts' && path[k + 1] === 'item') k++;
      continue;
    }
    if (typeof next === 'number' && typeof seg === 'string') {
      steps.push({ kind: 'row', list: seg, index: next });
      node = ((node as Record<string, unknown> | undefined)?.[seg] as unknown[] | undefined)?.[next];
      k++;
      continue;
    }
    steps.push({ kind: 'field', name: String(seg) });
    node = (node as Record<string, unknown> | undefined)?.[String(seg)];
  }
  return steps;
}
