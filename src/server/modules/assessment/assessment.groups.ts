import { createHash } from 'node:crypto';
import Decimal from 'decimal.js';
import { sql, type SQL } from 'drizzle-orm';
import { addToGroup, groupRecords, industryClass, type GroupingPlan, type GroupPart } from '../../../shared/assessment/grouping.js';
import type { ScoreRecordInput } from '../../../shared/assessment/inputs.js';
import { FUND_SOURCE_LABELS, isFundSource, type FundSource } from '../../../shared/funds.js';
import { formatWan } from '../../../shared/money.js';
import type { Actor } from '../../actor.js';
import { toCount, type Executor } from '../../db/client.js';
import { subtreePattern } from '../../plugins/scope.js';
import { figureDefinition, formatValue } from '../stats/stats.figures.js';
import { finalGroups, groupedRows, statsRecordGroups, statsRecords, type RecordGrouping, type RecordSourceKind } from '../stats/stats.records.js';

/*
 * A run's inputs in groups (shared/assessment/grouping.ts): for each metric, one SQL statement over
 * the collection base groups the records behind the figure by unit and by their answers to the
 * scheme's comparisons (industry prefixes, amount breakpoints, funds source, later phase,
 * government funded, bonus-tagged investor), and the groups are shared out to the scored units and
 * merged. A province's year (over a million records) is read in a handful of aggregates instead of
 * record by record.
 */

export interface Period {
  from: string;
  to: string;
}

export type Collected = { value: string; records: ScoreRecordInput[] };

/** Project tags that mark 老项目续建/二期 and 政府投资项目 (free-text tags on the project). */
export const LATER_PHASE_TAGS = ['续建', '老项目续建', '二期', '三期', '二期及以后'];
export const GOVERNMENT_FUNDED_TAGS = ['政府投资', '政府投资项目'];

const textArray = (xs: readonly string[]) => sql`${`{${xs.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;

/** The highest breakpoint the contracted amount reaches (amountBand in SQL). */
function amountBandSql(plan: GroupingPlan): SQL {
  const amount = sql`projects.contracted_investment`;
  const steps = plan.breakpoints.map((b, k) => ({ b, k })).reverse();
  return sql`(case when ${amount} is null then null ${sql.join(
    steps.map(({ b, k }) => sql`when ${amount} >= ${b}::numeric then ${k}`),
    sql` `,
  )} else -1 end)`;
}

/** A stored industry code as the ledger validates it (api/projects.ts): a section letter or 2–4 digits. */
const CODE_SHAPE = '^([A-T]|[0-9]{2,4})$';

/** Classed codes by prefix list: the same scheme's runs (and its versions' runs) class them once. */
const codeDomains = new Map<string, string>();
const CODE_DOMAINS_KEPT = 32;

/**
 * Every code of the ledger's shape that falls under some prefix, with its class (industryClass, the
 * engine's own matcher), as a JSON object from code to class: at most the 20 sections and 11,100
 * digit codes (40–90 ms for 1–20 prefixes).
 */
function classedCodes(plan: GroupingPlan): string {
  const key = JSON.stringify(plan.prefixes);
  let known = codeDomains.get(key);
  if (known !== undefined) return known;
  const classes: Record<string, string> = {};
  const add = (code: string) => {
    const cls = industryClass(plan, code);
    if (cls.includes('1')) classes[code] = cls;
  };
  for (let s = 0; s < 20; s++) add(String.fromCharCode(65 + s));
  for (let len = 2; len <= 4; len++) for (let i = 0; i < 10 ** len; i++) add(String(i).padStart(len, '0'));
  if (codeDomains.size >= CODE_DOMAINS_KEPT) codeDomains.delete(codeDomains.keys().next().value!);
  codeDomains.set(key, (known = JSON.stringify(classes)));
  return known;
}

/**
 * Keys over `projects` (and `t` for tranches), in two steps (RecordGrouping). The records are
 * grouped by their raw industry code; each first group's code is then keyed by its class against the
 * scheme's prefixes, looked up in the classes computed in JS (classedCodes): a code of the ledger's
 * shape outside that list falls under none, and any other stored code is a key of its own, classed
 * in JS from the group's code. The group's smallest code stands for it (all its codes are of one
 * class). Follow-ups and rejections carry no industry code, as their traced records do not. Only
 * the facts the plan's rules read are keys (the funds source only of tranches, `kind`); the others
 * are constants of the final rows, and `readsProjects` tells whether any key is a project's fact.
 */
function groupingSql(plan: GroupingPlan, kind: RecordSourceKind, opts: { industry: boolean } = { industry: true }): RecordGrouping & { readsProjects: boolean } {
  const tagged = plan.bonusTags.length ? sql`i.tags && ${textArray(plan.bonusTags)}` : sql`false`;
  const byIndustry = opts.industry && plan.prefixes.length > 0;
  const byAmount = plan.breakpoints.length > 0;
  const byTags = plan.bonusTags.length > 0;
  // Only what a rule reads is a key (fewer, larger groups); a fact no rule reads is a constant of the final rows.
  // `final`: the key of the final groups over the first ones (`g`), named as the rows read it.
  const keys: { name: string; record: SQL | null; constant: SQL; final: SQL }[] = [
    {
      name: 'code',
      record: byIndustry ? sql`projects.industry_code` : null,
      constant: sql`null::text as code_class`,
      final: byIndustry
        ? sql`coalesce(${classedCodes(plan)}::jsonb ->> g.code, case when g.code is null or g.code ~ ${CODE_SHAPE} then '' else 'raw:' || g.code end) as code_class`
        : sql`null::text as code_class`,
    },
    { name: 'band', record: byAmount ? amountBandSql(plan) : null, constant: sql`null::int as band`, final: sql`g.band` },
    // The enum as read (cast to text once per final group).
    { name: 'source', record: kind === 'tranche' && plan.reads.fundsSource ? sql`t.source` : null, constant: sql`null::text as source`, final: sql`g.source::text as source` },
    { name: 'is_later', record: plan.reads.laterPhase ? sql`(projects.tags && ${textArray(LATER_PHASE_TAGS)})` : null, constant: sql`false as is_later`, final: sql`g.is_later` },
    { name: 'is_gov', record: plan.reads.governmentFunded ? sql`(projects.tags && ${textArray(GOVERNMENT_FUNDED_TAGS)})` : null, constant: sql`false as is_gov`, final: sql`g.is_gov` },
    { name: 'investor_id', record: byTags ? sql`(case when ${tagged} then i.id end)` : null, constant: sql`null::int as investor_id`, final: sql`g.investor_id` },
    { name: 'investor_tags', record: byTags ? sql`(case when ${tagged} then i.tags end)` : null, constant: sql`null::text[] as investor_tags`, final: sql`g.investor_tags` },
  ];
  const read = keys.filter((k) => k.record !== null);
  const unread = keys.filter((k) => k.record === null);
  return {
    columns: [
      ...read.map((k) => sql`${k.record} as ${sql.raw(k.name)}`),
      ...(byAmount ? [sql`projects.contracted_investment as amount`] : []),
    ],
    keys: read.map((k) => k.name),
    aggregates: byAmount ? [sql`min(x.amount) as min_amount`, sql`max(x.amount) as max_amount`] : [],
    join: byTags ? sql`left join investors i on i.id = projects.investor_id` : null,
    final: {
      columns: read.map((k) => k.final),
      keys: read.map((k) => (k.name === 'code' ? 'code_class' : k.name)),
      aggregates: [
        ...unread.map((k) => k.constant),
        byIndustry ? sql`min(g.code) as code` : sql`null::text as code`,
        byAmount ? sql`min(g.min_amount)::text as min_amount` : sql`null::text as min_amount`,
        byAmount ? sql`max(g.max_amount)::text as max_amount` : sql`null::text as max_amount`,
      ],
    },
    readsProjects: byIndustry || byAmount || byTags || plan.reads.laterPhase || plan.reads.governmentFunded,
  };
}

interface GroupRow extends Record<string, unknown> {
  band: number | null;
  code: string | null;
  min_amount: string | null;
  max_amount: string | null;
  source: string | null;
  is_later: boolean;
  is_gov: boolean;
  investor_id: number | null;
  investor_tags: string[] | null;
}

const norm = (v: string | null) => (v === null ? null : new Decimal(v).toFixed());

/** A stable id for a group of a metric: the same group has the same id in a re-run (for the diff). */
export function groupIdOf(metric: string, key: string): number {
  return Number.parseInt(createHash('sha256').update(`${metric}\n${key}`).digest('hex').slice(0, 12), 16);
}

const KIND_WORDS: Record<GroupPart['of'], string> = { project: '个项目', tranche: '笔到位资金', followup: '条跟进记录', trip: '次外出招商', change: '次审核驳回', other: '条记录' };

/** A group in words (Chinese, as the engine's reasons): how many records, and the facts they share. */
export function describeGroup(plan: GroupingPlan, g: GroupPart): string {
  const parts = [`${g.count}${KIND_WORDS[g.of]}`];
  const cls = industryClass(plan, g.industryCode);
  const hits = plan.prefixes.filter((_, k) => cls[k] === '1');
  if (hits.length) parts.push(`行业属${hits.join('、')}`);
  if (plan.breakpoints.length) {
    if (g.contractedAmount === null) parts.push('合同投资额未填');
    else parts.push(g.amountMax === null || g.amountMax === g.contractedAmount ? `合同投资额${formatWan(g.contractedAmount)}` : `合同投资额${formatWan(g.contractedAmount)}至${formatWan(g.amountMax)}`);
  }
  if (g.fundsSource !== null) parts.push(FUND_SOURCE_LABELS[g.fundsSource as FundSource]?.zh ?? g.fundsSource);
  if (g.isLaterPhase) parts.push('老项目续建/后续期次');
  if (g.isGovernmentFunded) parts.push('政府投资项目');
  if (g.investorTags.length) parts.push(`投资方（编号${g.investorId}）为${g.investorTags.join('、')}`);
  return parts.join('，').slice(0, 200);
}

/**
 * Figures for every scored unit, in groups: the additive ones from grouped statements over the base
 * (statsRecordGroups: one for the projects' figures, one for the tranches'), each grouped by what
 * the rules on its figures read (`planOf`), each group credited to the scored units whose subtree
 * holds its unit and merged there by key. A rate is taken as reported (no exclusions apply): its
 * value, one call per unit, without its records.
 */
export async function groupedFiguresByUnit(
  db: Executor,
  actor: Actor,
  base: { id: number },
  units: readonly { id: number }[],
  credit: Map<number, number[]>,
  planOf: (metrics: readonly string[]) => GroupingPlan,
  figures: readonly string[],
  p: Period,
): Promise<Map<string, { byUnit: Map<number, Collected>; records: number }>> {
  const out = new Map<string, { byUnit: Map<number, Collected>; records: number }>();
  const additive = figures.filter((f) => figureDefinition(f)?.kind !== 'rate');
  for (const figure of figures.filter((f) => !additive.includes(f))) {
    const byUnit = new Map<number, Collected>();
    let records = 0;
    for (const u of units) {
      const r = await statsRecords(db, actor, { from: p.from, to: p.to, unit: u.id, figure, period: 'current', page: 1, pageSize: 1 });
      byUnit.set(u.id, { value: r.total ?? '0', records: [] });
      records += r.count;
    }
    out.set(figure, { byUnit, records });
  }
  if (!additive.length) return out;
  // A statement's groups are keyed by what the rules on any of its figures read: finer than each figure's own.
  const statementPlans = new Map<string, GroupingPlan>();
  const groups = await statsRecordGroups<GroupRow>(db, actor, { from: p.from, to: p.to, unit: base.id, period: 'current' }, additive, (kind, batch) => {
    const plan = planOf(batch);
    for (const f of batch) statementPlans.set(f, plan);
    return groupingSql(plan, kind);
  });
  for (const [figure, res] of groups) {
    const of: GroupPart['of'] = res.kind === 'node' ? 'other' : res.kind;
    const plan = planOf([figure]);
    // The statement's amount band is the figure's own when they compare with the same amounts.
    const sameBands = statementPlans.get(figure)!.breakpoints.join() === plan.breakpoints.join();
    const parts = res.rows.map((r) => ({ unitId: r.unitId, part: partOfRow(of, r.key, r.n, r.total, sameBands) }));
    out.set(figure, { byUnit: shareGroups(units, credit, plan, figure, parts, res.valueKind), records: res.rows.reduce((n, r) => n + r.n, 0) });
  }
  return out;
}

function partOfRow(of: GroupPart['of'], r: GroupRow, n: number, total: string, sameBands = true): GroupPart {
  return {
    of,
    count: n,
    value: new Decimal(total).toFixed(),
    industryCode: r.code,
    contractedAmount: norm(r.min_amount),
    // Otherwise the band is the figure's own, from the smallest amount (the group's are all in one band of the statement's finer ones).
    ...(sameBands ? { band: r.band === null ? null : Number(r.band) } : {}),
    amountMax: norm(r.max_amount),
    fundsSource: isFundSource(r.source) ? r.source : null,
    investorId: r.investor_id === null ? null : Number(r.investor_id),
    investorTags: r.investor_tags ?? [],
    isLaterPhase: Boolean(r.is_later),
    isGovernmentFunded: Boolean(r.is_gov),
  };
}

/** Groups of the base's units credited to the scored units holding them, merged by key, with each unit's value their sum. */
function shareGroups(
  units: readonly { id: number }[],
  credit: Map<number, number[]>,
  plan: GroupingPlan,
  metric: string,
  parts: { unitId: number; part: GroupPart }[],
  kind: 'count' | 'money',
): Map<number, Collected> {
  const byUnit = new Map<number, Map<string, GroupPart>>(units.map((u) => [u.id, new Map()]));
  // addToGroup copies a part it starts a group with, so one part may be added to several owners.
  for (const { unitId, part } of parts) for (const owner of credit.get(unitId) ?? []) addToGroup(byUnit.get(owner)!, plan, part);
  const out = new Map<number, Collected>();
  for (const [unitId, groups] of byUnit) {
    const records = groupRecords(groups, (key) => groupIdOf(metric, key), (g) => describeGroup(plan, g));
    const total = records.reduce((acc, r) => acc.plus(r.value ?? '1'), new Decimal(0));
    out.set(unitId, { value: formatValue(kind, total), records });
  }
  return out;
}

/**
 * Reviewed on a China day of the period, as instants (China has no daylight saving), so the partial
 * indexes of rejections (`*_rejected_idx` on reviewed_at) serve it.
 */
export function reviewedIn(col: SQL, p: Period): SQL {
  return sql`(${col} >= ${`${p.from}T00:00:00+08:00`}::timestamptz and ${col} < ${`${p.to}T00:00:00+08:00`}::timestamptz + interval '1 day')`;
}

/** 跟进记录数 or 审核驳回数 in groups: per org unit and the project facts their records carry (no industry code, as in a traced run). */
export async function groupedCountByUnit(
  db: Executor,
  root: { path: string },
  units: readonly { id: number }[],
  credit: Map<number, number[]>,
  plan: GroupingPlan,
  metric: 'followup_count' | 'rejected_count',
  p: Period,
): Promise<{ byUnit: Map<number, Collected>; records: number }> {
  const inRoot = sql`u.path like ${subtreePattern(root.path)}`;
  const g = groupingSql(plan, 'project', { industry: false });
  const columns = sql.join([sql``, ...g.columns], sql`, `);
  // The record's project, where a rule reads its facts (a rejected change is credited to its project's unit).
  const project = (alias: string) => (g.readsProjects ? sql`join projects on projects.id = ${sql.raw(alias)}.project_id ${g.join ?? sql``}` : sql``);
  const records =
    metric === 'followup_count'
      ? sql`select f.unit_id, 'followup' as of${columns} from follow_ups f ${project('f')} join org_units u on u.id = f.unit_id
            where ${inRoot} and f.date between ${p.from}::date and ${p.to}::date`
      : sql`select projects.unit_id, 'change' as of${columns} from project_transitions tr join projects on projects.id = tr.project_id ${g.join ?? sql``} join org_units u on u.id = projects.unit_id
              where tr.status = 'rejected' and ${inRoot} and ${reviewedIn(sql`tr.reviewed_at`, p)}
            union all
            select f.unit_id, 'tranche' as of${columns} from fund_tranches f ${project('f')} join org_units u on u.id = f.unit_id
              where f.status = 'rejected' and ${inRoot} and ${reviewedIn(sql`f.reviewed_at`, p)}`;
  const keys = sql.raw(['unit_id', 'of', ...g.keys].map((k) => `x.${k}`).join(', '));
  const rows = await groupedRows<GroupRow & { unit_id: number; of: 'followup' | 'change' | 'tranche'; n: unknown }>(
    db,
    finalGroups(g, sql`select ${sql.join([keys, ...g.aggregates, sql`count(*) as n`], sql`, `)} from (${records}) x group by ${keys}`, [sql`sum(g.n) as n`], ['unit_id', 'of']),
  );
  const parts = rows.map((r) => {
    const n = toCount(r.n);
    return { unitId: Number(r.unit_id), part: partOfRow(r.of, r, n, String(n)) };
  });
  return { byUnit: shareGroups(units, credit, plan, metric, parts, 'count'), records: parts.reduce((n, x) => n + x.part.count, 0) };
}
