import Decimal from 'decimal.js';
import type { FundSource } from '../funds.js';
import { matchesIndustryPrefix } from './exclusions.js';
import { unitInput, type ScoreRecord, type ScoreRecordInput, type UnitInputData } from './inputs.js';
import type { AssessmentItem, AssessmentScheme, CompositePartItem, Exclusion } from './scheme.js';

/*
 * Records in groups, for runs too large to trace record by record (a province's year: over a
 * million records). Every rule of the engine compares a record's facts with the scheme's own
 * constants: industry codes with its exclusions' prefixes, contracted amounts with its tiers', bands'
 * and thresholds' amounts, investor tags with its bonus tags, and flags. Records of one unit and
 * metric that answer every such comparison alike are interchangeable, so a group of them (count,
 * summed value) scores exactly as they would one by one. `groupingPlan` lists the constants;
 * `groupKey` is a record's answers; `addToGroup` merges. The server computes the same answers in
 * SQL (assessment.groups.ts); the tests group hand-built records here and compare the scores.
 */

export interface GroupingPlan {
  /** Every amount (万元) a rule compares contracted investment with, ascending, once each. */
  breakpoints: string[];
  /** Every industry prefix of every exclusion, in first-seen order. */
  prefixes: string[];
  /** Investor tags that earn a bonus, sorted. */
  bonusTags: string[];
  /** Which other facts a rule reads (exclusions by funds source, later phase, government funding). */
  reads: { fundsSource: boolean; laterPhase: boolean; governmentFunded: boolean };
}

/** An item that reads one metric (not a composite or a manual item). */
type MetricItem = Extract<AssessmentItem | CompositePartItem, { metric: string }>;

function exclusionsOfItem(item: AssessmentItem | CompositePartItem): Exclusion[] {
  return item.exclusions;
}

/**
 * The constants a scheme's rules compare facts with: of every rule, or (with `metrics`) of the rules
 * that read those metrics' records — the scheme's exclusions, and the items (a composite's parts and
 * its own exclusions) on them. A metric no amount rule reads is not grouped by amount (a province's
 * funds are not split by their projects' contracted amounts), so its groups are fewer and cheaper.
 */
export function groupingPlan(scheme: AssessmentScheme, metrics?: readonly string[]): GroupingPlan {
  const amounts: string[] = [];
  const prefixes: string[] = [];
  const tags = new Set<string>();
  const reads = { fundsSource: false, laterPhase: false, governmentFunded: false };
  const addExclusions = (rules: readonly Exclusion[]) => {
    for (const r of rules) {
      if (r.kind === 'funds_source') reads.fundsSource = true;
      if (r.kind === 'later_phase') reads.laterPhase = true;
      if (r.kind === 'government_funded') reads.governmentFunded = true;
      if (r.kind === 'industry') for (const p of r.prefixes) if (!prefixes.includes(p)) prefixes.push(p);
      if (r.kind === 'below_amount') amounts.push(r.minAmount);
    }
  };
  const onMetrics = (item: MetricItem) => metrics === undefined || metrics.includes(item.metric);
  const addItem = (item: MetricItem) => {
    addExclusions(exclusionsOfItem(item));
    if (item.type === 'tiers') {
      item.amountTiers.forEach((t) => amounts.push(t.atLeast));
      item.tagBonuses.forEach((b) => tags.add(b.tag));
    }
    if (item.type === 'required_counts') item.bands.forEach((b) => amounts.push(b.from, ...(b.to === null ? [] : [b.to])));
  };
  addExclusions(scheme.exclusions);
  for (const item of scheme.items) {
    if (item.type === 'manual') continue;
    if (item.type === 'composite') {
      const parts = item.parts.filter((p) => onMetrics(p.item));
      if (parts.length) addExclusions(exclusionsOfItem(item));
      parts.forEach((p) => addItem(p.item));
    } else if (onMetrics(item)) addItem(item);
  }
  const sorted = [...new Set(amounts.map((a) => new Decimal(a).toFixed()))].sort((a, b) => new Decimal(a).cmp(b));
  return { breakpoints: sorted, prefixes, bonusTags: [...tags].sort(), reads };
}

const classes = new WeakMap<GroupingPlan, Map<string | null, string>>();

/** Which prefixes an industry code falls under, as a string of 0/1 (the empty string without prefixes). */
export function industryClass(plan: GroupingPlan, code: string | null): string {
  // A province's run classes tens of thousands of group rows over a few hundred codes: once per code.
  let known = classes.get(plan);
  if (known === undefined) classes.set(plan, (known = new Map()));
  let cls = known.get(code);
  if (cls === undefined) known.set(code, (cls = plan.prefixes.map((p) => (matchesIndustryPrefix(code, p) ? '1' : '0')).join('')));
  return cls;
}

/**
 * The highest breakpoint a contracted amount reaches (its index), −1 below them all, null when
 * unknown — or when no rule compares amounts (then every record answers alike).
 */
export function amountBand(plan: GroupingPlan, amount: string | null): number | null {
  if (amount === null || plan.breakpoints.length === 0) return null;
  const a = new Decimal(amount);
  let band = -1;
  plan.breakpoints.forEach((b, k) => {
    if (a.gte(b)) band = k;
  });
  return band;
}

/** The facts of a group that the rules read (the rest of a record: kind, id, name, value, count). */
type GroupFacts = Pick<ScoreRecord, 'fundsSource' | 'investorId' | 'investorTags' | 'isLaterPhase' | 'isGovernmentFunded'> & {
  industryCode: string | null;
  contractedAmount: string | null;
  /** amountBand of the contracted amount when already known (the server's SQL computes it). */
  band?: number | null;
};

/** A record's answers to every comparison of the plan: records with the same key score alike. */
export function groupKey(plan: GroupingPlan, of: string, r: GroupFacts): string {
  const tags = bonusTagsOf(plan, r.investorTags);
  const { reads } = plan;
  return JSON.stringify([
    of,
    industryClass(plan, r.industryCode),
    r.band !== undefined ? r.band : amountBand(plan, r.contractedAmount),
    reads.fundsSource ? r.fundsSource : null,
    reads.laterPhase && r.isLaterPhase,
    reads.governmentFunded && r.isGovernmentFunded,
    tags.length ? r.investorId : null,
    tags,
  ]);
}

/** The investor's tags that earn a bonus under the plan, sorted. */
export function bonusTagsOf(plan: GroupingPlan, tags: readonly string[]): string[] {
  return tags.filter((t) => plan.bonusTags.includes(t)).sort();
}

export interface GroupPart extends GroupFacts {
  of: NonNullable<ScoreRecord['of']>;
  count: number;
  /** The summed value, a decimal string. */
  value: string;
  amountMax: string | null;
}

const minOf = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : new Decimal(a).lte(b) ? a : b);
const maxOf = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : new Decimal(a).gte(b) ? a : b);
const minCode = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a <= b ? a : b);

/**
 * Merge a part (one record, or the SQL's group of one org unit) into the groups by key. The group
 * keeps the facts the rules read (the smallest amount and code of its records stand for all: they
 * answer every comparison alike), the largest amount for display, and the summed count and value.
 */
export function addToGroup(groups: Map<string, GroupPart>, plan: GroupingPlan, part: GroupPart): void {
  const key = groupKey(plan, part.of, part);
  const g = groups.get(key);
  if (g === undefined) {
    // The group keeps only the facts its key holds: one the rules do not read is not shared by its records.
    const tags = bonusTagsOf(plan, part.investorTags);
    const { reads } = plan;
    groups.set(key, {
      ...part,
      fundsSource: reads.fundsSource ? part.fundsSource : null,
      isLaterPhase: reads.laterPhase && part.isLaterPhase,
      isGovernmentFunded: reads.governmentFunded && part.isGovernmentFunded,
      investorTags: tags,
      investorId: tags.length ? part.investorId : null,
      ...(plan.breakpoints.length ? {} : { contractedAmount: null, amountMax: null, band: null }),
      ...(plan.prefixes.length ? {} : { industryCode: null }),
    });
    return;
  }
  g.count += part.count;
  g.value = new Decimal(g.value).plus(part.value).toFixed();
  if (plan.breakpoints.length) {
    g.contractedAmount = minOf(g.contractedAmount, part.contractedAmount);
    g.amountMax = maxOf(g.amountMax, part.amountMax);
  }
  if (plan.prefixes.length) g.industryCode = minCode(g.industryCode, part.industryCode);
}

/** Groups as score records: `idOf(key)` gives each a stable id (the same group keeps its id in a re-run). */
export function groupRecords(groups: Map<string, GroupPart>, idOf: (key: string) => number, nameOf: (g: GroupPart) => string): ScoreRecordInput[] {
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => ({
      kind: 'group' as const,
      of: g.of,
      id: idOf(key),
      projectId: null,
      name: nameOf(g),
      value: g.value,
      count: g.count,
      industryCode: g.industryCode,
      contractedAmount: g.contractedAmount,
      amountMax: g.amountMax,
      fundsSource: g.fundsSource as FundSource | null,
      investorId: g.investorId,
      investorTags: g.investorTags,
      isLaterPhase: g.isLaterPhase,
      isGovernmentFunded: g.isGovernmentFunded,
    }));
}

/** A record as a part of one (its own facts, count and value). */
export function partOf(r: ScoreRecord): GroupPart {
  return {
    of: r.kind === 'group' ? (r.of ?? 'other') : r.kind,
    count: r.count,
    value: r.value,
    industryCode: r.industryCode,
    contractedAmount: r.contractedAmount,
    amountMax: r.amountMax ?? r.contractedAmount,
    fundsSource: r.fundsSource,
    investorId: r.investorId,
    investorTags: r.investorTags,
    isLaterPhase: r.isLaterPhase,
    isGovernmentFunded: r.isGovernmentFunded,
  };
}

/** Every unit's records in groups (ids numbered in key order): what a grouped run scores, built from records. */
export function groupUnitInputs(scheme: AssessmentScheme, units: readonly UnitInputData[]): UnitInputData[] {
  const plans = new Map<string, GroupingPlan>();
  return units.map((data) => {
    const u = unitInput.parse(data);
    const metrics = Object.fromEntries(
      Object.entries(u.metrics).map(([name, m]) => {
        // Each metric by the rules that read it (as the server groups them).
        let plan = plans.get(name);
        if (plan === undefined) plans.set(name, (plan = groupingPlan(scheme, [name])));
        const groups = new Map<string, GroupPart>();
        for (const r of m.records) addToGroup(groups, plan, partOf(r));
        const keys = [...groups.keys()].sort();
        return [name, { value: m.value, records: groupRecords(groups, (key) => keys.indexOf(key) + 1, (g) => `${g.count}`) }];
      }),
    );
    return { ...u, metrics };
  });
}
