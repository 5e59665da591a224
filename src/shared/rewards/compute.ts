import Decimal from 'decimal.js';
import type { FundSource } from '../funds.js';
import { tierOf, type ProjectFigure, type RewardEvent, type RewardItem, type RewardItemType, type RewardRules } from './rules.js';

/*
 * Computing rewards for a period (pure: no database, no clock). For each project and item, the
 * amount the rules pay; then, in this order:
 *   1. 单个项目封顶 — a project's items together at most caps.perProject (scaled down in proportion);
 *   2. 分成 — each project amount is split between the credited units by the credit split of the
 *      project ledger (100% to the first referrer's unit, or to the project's unit when nobody is
 *      credited); each share is a line, naming the first referrer through whom the unit holds it;
 *   3. 个人封顶 — one referrer's lines together at most caps.perPerson (in proportion);
 *   4. 单位封顶 — one unit's lines together at most caps.perUnit (in proportion).
 * Amounts are 万元 to 4 decimals (one yuan). Every proportional step hands out exactly the total:
 * shares are rounded down to the yuan and the yuan left over go to the largest remainders (ties: the
 * earlier line), so lines always add up to the project amount or the cap.
 */

const PLACES = 4;

export interface RewardReferrer {
  /** Who a person cap counts together: `user:<id>` for a referrer with an account, else `name:<name>`. */
  key: string;
  name: string;
  userId: number | null;
  referralId: number | null;
}

export interface CreditShare {
  unitId: number;
  unitName: string;
  /** Whole percent; a project's shares add up to 100. */
  percent: number;
  referrer: RewardReferrer | null;
}

export interface RewardTranche {
  id: number;
  date: string;
  source: FundSource;
  /** 万元 (USD tranches converted when recorded). */
  amountCny: string;
}

/** What the server collects for each project (verified records only). */
export interface RewardProjectFacts {
  projectId: number;
  name: string;
  unitId: number;
  unitName: string;
  fixedAssetInvestment: string | null;
  contractedInvestment: string | null;
  /** Verified stage dates. */
  signedDate: string | null;
  startedDate: string | null;
  producingDate: string | null;
  /** Verified tranches of the project (any date; the engine keeps those in the period). */
  tranches: RewardTranche[];
  credit: CreditShare[];
}

export interface RewardPeriod {
  from: string;
  to: string;
}

export type CapKind = 'project' | 'person' | 'unit';

export interface CapStep {
  kind: CapKind;
  /** The cap (万元). */
  cap: string;
  /** What the lines under this cap added up to before it. */
  total: string;
  /** This line before and after the cap. */
  before: string;
  after: string;
}

export interface RewardLine {
  projectId: number;
  projectName: string;
  itemId: string;
  itemLabel: string;
  itemType: RewardItemType;
  unitId: number;
  unitName: string;
  referrer: RewardReferrer | null;
  sharePercent: number;
  /** The amount the item reads: a project figure, or the funds in place in the period. */
  base: {
    figure: ProjectFigure | 'funds';
    amount: string;
    event: RewardEvent | null;
    eventDate: string | null;
    sources: FundSource[] | null;
    trancheIds: number[];
  };
  tier: { index: number; atLeast: string };
  /** ‰ for per-mille items, null for fixed ones. */
  perMille: string | null;
  /** The fixed amount for fixed items, null for per-mille ones. */
  fixedAmount: string | null;
  /** The item's amount for the whole project, before any cap. */
  projectAmount: string;
  /** After the per-project cap. */
  projectCapped: string;
  /** This unit's share of projectCapped. */
  raw: string;
  caps: CapStep[];
  /** What is paid. */
  amount: string;
}

export interface RewardTotal {
  amount: string;
  raw: string;
}

export interface RewardResult {
  period: RewardPeriod;
  lines: RewardLine[];
  total: RewardTotal;
  byUnit: (RewardTotal & { unitId: number; unitName: string })[];
  byPerson: (RewardTotal & { key: string; name: string; userId: number | null })[];
  projectCount: number;
}

export class RewardInputError extends Error {
  constructor(readonly issues: { path: (string | number)[]; message: string }[]) {
    super(issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
}

const dec = (v: Decimal.Value) => new Decimal(v);
const fmt = (v: Decimal) => v.toFixed(PLACES);

/** Split `total` in proportion to `weights`, exactly, to the yuan (largest remainder; ties to the earlier). */
export function allocate(total: Decimal.Value, weights: readonly Decimal.Value[]): Decimal[] {
  // Integer arithmetic in yuan (0.0001万元): remainders compare exactly, never at a rounding digit.
  const units = (v: Decimal.Value) => BigInt(new Decimal(v).times(10000).toFixed(0, Decimal.ROUND_DOWN));
  const t = units(total);
  const w = weights.map(units);
  const sum = w.reduce((a, b) => a + b, 0n);
  if (sum <= 0n || t <= 0n) return w.map(() => dec(0));
  const shares = w.map((x) => (t * x) / sum);
  const rems = w.map((x) => (t * x) % sum);
  let left = t - shares.reduce((a, b) => a + b, 0n);
  const order = rems.map((rem, i) => ({ i, rem })).sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of order) {
    if (left <= 0n) break;
    shares[i]! += 1n;
    left -= 1n;
  }
  return shares.map((s) => dec(s.toString()).div(10000));
}

function inPeriod(date: string | null, p: RewardPeriod): boolean {
  return date !== null && date >= p.from && date <= p.to;
}

function eventDate(f: RewardProjectFacts, event: RewardEvent): string | null {
  return event === 'signed' ? f.signedDate : event === 'started' ? f.startedDate : f.producingDate;
}

function figureOf(f: RewardProjectFacts, figure: ProjectFigure): string | null {
  return figure === 'fixed_asset_investment' ? f.fixedAssetInvestment : f.contractedInvestment;
}

type ItemAmount = Omit<RewardLine, 'unitId' | 'unitName' | 'referrer' | 'sharePercent' | 'projectCapped' | 'raw' | 'caps' | 'amount'>;

/** What one item pays for one project before caps, or null when it pays nothing. */
export function itemAmount(item: RewardItem, f: RewardProjectFacts, p: RewardPeriod): ItemAmount | null {
  const head = { projectId: f.projectId, projectName: f.name, itemId: item.id, itemLabel: item.label, itemType: item.type };
  if (item.type === 'funds_per_mille') {
    const tranches = f.tranches.filter((t) => inPeriod(t.date, p) && item.sources.includes(t.source)).sort((a, b) => a.id - b.id);
    const base = tranches.reduce((a, t) => a.plus(t.amountCny), dec(0));
    if (base.lte(0)) return null;
    const hit = tierOf(item.tiers, base);
    if (!hit) return null;
    return {
      ...head,
      base: { figure: 'funds', amount: fmt(base), event: null, eventDate: null, sources: [...item.sources], trancheIds: tranches.map((t) => t.id) },
      tier: { index: hit.index, atLeast: hit.tier.atLeast },
      perMille: hit.tier.perMille,
      fixedAmount: null,
      projectAmount: fmt(base.times(hit.tier.perMille).div(1000).toDecimalPlaces(PLACES, Decimal.ROUND_HALF_UP)),
    };
  }
  const date = eventDate(f, item.event);
  const figure = figureOf(f, item.figure);
  if (!inPeriod(date, p) || figure === null || dec(figure).lte(0)) return null;
  const hit = tierOf<{ atLeast: string }>(item.tiers, figure);
  if (!hit) return null;
  const base = { figure: item.figure, amount: fmt(dec(figure)), event: item.event, eventDate: date, sources: null, trancheIds: [] };
  const tier = { index: hit.index, atLeast: hit.tier.atLeast };
  if (item.type === 'investment_per_mille') {
    const rate = item.tiers[hit.index]!.perMille;
    return { ...head, base, tier, perMille: rate, fixedAmount: null, projectAmount: fmt(dec(figure).times(rate).div(1000).toDecimalPlaces(PLACES, Decimal.ROUND_HALF_UP)) };
  }
  const amount = item.tiers[hit.index]!.amount;
  return { ...head, base, tier, perMille: null, fixedAmount: fmt(dec(amount)), projectAmount: fmt(dec(amount)) };
}

function checkFacts(projects: readonly RewardProjectFacts[]): void {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const seen = new Set<number>();
  projects.forEach((f, i) => {
    if (seen.has(f.projectId)) issues.push({ path: ['projects', i, 'projectId'], message: 'a project is listed twice' });
    seen.add(f.projectId);
    const sum = f.credit.reduce((a, c) => a + c.percent, 0);
    if (!f.credit.length || sum !== 100) issues.push({ path: ['projects', i, 'credit'], message: `credit shares add up to ${sum}, not 100` });
    f.credit.forEach((c, k) => {
      if (!Number.isInteger(c.percent) || c.percent <= 0) issues.push({ path: ['projects', i, 'credit', k, 'percent'], message: 'a share is a whole percent above 0' });
    });
    if (new Set(f.credit.map((c) => c.unitId)).size !== f.credit.length) issues.push({ path: ['projects', i, 'credit'], message: 'a unit holds two shares' });
  });
  if (issues.length) throw new RewardInputError(issues);
}

/** Apply a cap over groups of lines (by `keyOf`; null = not capped), scaling each over-cap group in proportion. */
function applyCap(lines: RewardLine[], kind: CapKind, cap: string | undefined, keyOf: (l: RewardLine) => string | null): void {
  if (cap === undefined) return;
  const groups = new Map<string, RewardLine[]>();
  for (const l of lines) {
    const key = keyOf(l);
    if (key === null) continue;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  for (const group of groups.values()) {
    const total = group.reduce((a, l) => a.plus(l.amount), dec(0));
    if (total.lte(cap)) continue;
    const shares = allocate(cap, group.map((l) => l.amount));
    group.forEach((l, i) => {
      const after = fmt(shares[i]!);
      l.caps.push({ kind, cap: fmt(dec(cap)), total: fmt(total), before: l.amount, after });
      l.amount = after;
    });
  }
}

function totalOf(lines: readonly RewardLine[]): RewardTotal {
  return { amount: fmt(lines.reduce((a, l) => a.plus(l.amount), dec(0))), raw: fmt(lines.reduce((a, l) => a.plus(l.raw), dec(0))) };
}

/** The rewards of a period: one line per project, item and credited unit, each with its calculation. */
export function computeRewards(rules: RewardRules, projects: readonly RewardProjectFacts[], period: RewardPeriod): RewardResult {
  if (period.from > period.to) throw new RewardInputError([{ path: ['period', 'to'], message: 'the period ends before it starts' }]);
  checkFacts(projects);
  const lines: RewardLine[] = [];
  const sorted = [...projects].sort((a, b) => a.projectId - b.projectId);
  let projectCount = 0;
  for (const f of sorted) {
    const amounts = rules.items.map((item) => itemAmount(item, f, period)).filter((a): a is ItemAmount => a !== null);
    if (!amounts.length) continue;
    projectCount += 1;
    const projectTotal = amounts.reduce((a, x) => a.plus(x.projectAmount), dec(0));
    const perProject = rules.caps.perProject;
    const isProjectCapped = perProject !== undefined && projectTotal.gt(perProject);
    const capped = isProjectCapped ? allocate(perProject, amounts.map((a) => a.projectAmount)) : amounts.map((a) => dec(a.projectAmount));
    amounts.forEach((a, k) => {
      const projectCapped = fmt(capped[k]!);
      const projectStep: CapStep[] = isProjectCapped ? [{ kind: 'project', cap: fmt(dec(perProject)), total: fmt(projectTotal), before: a.projectAmount, after: projectCapped }] : [];
      const shares = allocate(projectCapped, f.credit.map((c) => c.percent));
      f.credit.forEach((c, i) => {
        const raw = fmt(shares[i]!);
        lines.push({ ...a, unitId: c.unitId, unitName: c.unitName, referrer: c.referrer, sharePercent: c.percent, projectCapped, raw, caps: [...projectStep], amount: raw });
      });
    });
  }
  applyCap(lines, 'person', rules.caps.perPerson, (l) => l.referrer?.key ?? null);
  applyCap(lines, 'unit', rules.caps.perUnit, (l) => String(l.unitId));

  const byUnit = new Map<number, RewardLine[]>();
  const byPerson = new Map<string, RewardLine[]>();
  for (const l of lines) {
    byUnit.set(l.unitId, [...(byUnit.get(l.unitId) ?? []), l]);
    if (l.referrer) byPerson.set(l.referrer.key, [...(byPerson.get(l.referrer.key) ?? []), l]);
  }
  return {
    period,
    lines,
    total: totalOf(lines),
    byUnit: [...byUnit.values()].map((ls) => ({ unitId: ls[0]!.unitId, unitName: ls[0]!.unitName, ...totalOf(ls) })),
    byPerson: [...byPerson.values()].map((ls) => ({ key: ls[0]!.referrer!.key, name: ls[0]!.referrer!.name, userId: ls[0]!.referrer!.userId, ...totalOf(ls) })),
    projectCount,
  };
}
