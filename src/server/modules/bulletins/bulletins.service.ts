import { eq, inArray } from 'drizzle-orm';
import type { Bulletin, BulletinListKey, BulletinQuery } from '../../../shared/api/bulletins.js';
import { BULLETIN_LIST_MAX } from '../../../shared/api/bulletins.js';
import { openingText, periodText, scopeText } from '../../../shared/bulletin/format.js';
import { completionRate } from '../../../shared/kpi/formulas.js';
import { fiscalYearOf } from '../../../shared/kpi/period.js';
import { tierLabel } from '../../../shared/settings.js';
import type { Actor } from '../../actor.js';
import type { Executor } from '../../db/client.js';
import { orgUnits, projects } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { listRuns, runRanking } from '../assessment/assessment.runs.js';
import { todayInChina } from '../followups/china-date.js';
import { loadScopeRootUnit, loadUnitInScope } from '../../plugins/scope.js';
import { getSettings } from '../settings/settings.service.js';
import { statsRecordItems } from '../stats/stats.records.js';
import { statsSummary } from '../stats/stats.service.js';
import { figureLabel } from '../stats/stats.xlsx.js';
import { targetProgress } from '../targets/targets.progress.js';
import { unitTargetsOf } from '../targets/targets.queries.js';

/*
 * Builds a bulletin from the engines the dashboard, the targets page and the leaderboard use, so
 * every number in it is one those pages show: the opening paragraph from statsSummary for the same
 * unit and period, the progress table from targetProgress as of the period's end, the ranking from a
 * published run as the reader may see it, the project lists from statsRecords (the drill-down).
 */

const LISTS: { key: BulletinListKey; figure: string; title: string }[] = [
  { key: 'signed', figure: 'signed_count', title: '新签约项目' },
  { key: 'started', figure: 'started_count', title: '新开工项目' },
  { key: 'producing', figure: 'producing_count', title: '新投产项目' },
  { key: 'stalled', figure: 'stalled_count', title: '停滞预警项目' },
  { key: 'signed_not_started', figure: 'signed_not_started_count', title: '签约未开工超期项目' },
];

/** Figures of the summary the opening paragraph reads. */
const OPENING_FIGURES = ['signed_count', 'signed_amount', 'funds_out_of_city', 'started_count', 'producing_count'];

export async function buildBulletin(db: Executor, actor: Actor, q: BulletinQuery): Promise<Bulletin> {
  // The lists' pages, the ranking and the target progress are read while the summary is computed;
  // the lists' counts are the summary's figures. Each is awaited below: a failure of one must not go
  // unhandled while another is awaited.
  const later = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => undefined);
    return p;
  };
  const pages = later(Promise.all(LISTS.map((l) => pageOf(db, actor, q, l))));
  const summaryOf = later(statsSummary(db, actor, { from: q.from, to: q.to, unit: q.unit }));
  // The summary's unit, resolved the same way (in scope, or 404; the scope's root by default).
  const [settings, unit, [issuerUnit]] = await Promise.all([
    getSettings(db),
    q.unit === undefined ? loadScopeRootUnit(db, actor) : loadUnitInScope(db, actor, q.unit),
    db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, actor.unitId)),
  ]);
  const unitId = unit.id;
  const fy = fiscalYearOf(q.to, settings.fiscalYearStartMonth);
  const isYearToDate = q.from === fy.from;
  const rankingAndProgress = later(Promise.all([rankingOf(db, actor, q.run, unit.path), progressOf(db, actor, fy.year, unitId, q.to)]));
  const summary = await summaryOf;

  // Annual targets count only once approved, and only against a period counted from the year's first day.
  const targetOf = async (metric: 'signed_amount' | 'funds_out_of_city') => {
    const t = (await unitTargetsOf(db, fy.year, metric, [unitId])).get(unitId);
    if (!t || t.status !== 'approved' || !isYearToDate) return null;
    return { target: t.value, completionRate: completionRate(summary.figures[metric]?.value ?? '0', t.value) };
  };
  const [signedTarget, fundsTarget] = await Promise.all([targetOf('signed_amount'), targetOf('funds_out_of_city')]);

  const yiTier = settings.sizeTiers.filter((t) => t >= 10000).sort((a, b) => a - b)[0];
  const tierFigure = yiTier === undefined ? undefined : summary.figures[`signed_tier:${yiTier}`];
  const figure = (name: string) => summary.figures[name] ?? { value: '0', previous: null, yoy: null };
  const periodLabel = periodText(q.from, q.to);
  const text = openingText(periodLabel, scopeText(summary.unit.name, unit.type), {
    signedCount: figure('signed_count').value,
    signedAmount: figure('signed_amount').value,
    fundsOutOfCity: figure('funds_out_of_city').value,
    signedAmountYoy: figure('signed_amount').yoy,
    fundsOutOfCityYoy: figure('funds_out_of_city').yoy,
    signedAmountCompletion: signedTarget?.completionRate ?? null,
    fundsOutOfCityCompletion: fundsTarget?.completionRate ?? null,
    // 亿元以上 as officials say it for the 1亿元 tier; other tiers by their amount (3亿元以上).
    tier: yiTier !== undefined && tierFigure ? { label: yiTier === 10000 ? '亿元' : tierLabel(yiTier), count: tierFigure.value } : null,
    startedCount: figure('started_count').value,
    producingCount: figure('producing_count').value,
  });
  const openingFigures = Object.fromEntries(
    [...OPENING_FIGURES, ...(yiTier !== undefined ? [`signed_tier:${yiTier}`] : [])].map((name) => [name, figure(name)]),
  );

  const [[ranking, progress], listPages] = await Promise.all([rankingAndProgress, pages]);
  const lists = await Promise.all(LISTS.map((l, i) => listOf(db, l, listPages[i]!, Number(figure(l.figure).value))));
  const commendations = ranking ? ranking.rows.filter((r) => r.rank <= q.commend).map((r) => ({ unitName: r.unitName, rank: r.rank, total: r.total })) : [];
  const issuedOn = todayInChina();
  return {
    title: `${summary.unit.name}招商引资工作通报`,
    issueLabel: q.issueNo ? `${fy.year}年第${q.issueNo}期` : null,
    issuer: issuerUnit?.name ?? summary.unit.name,
    issuedOn,
    periodLabel,
    unit: summary.unit,
    from: q.from,
    to: q.to,
    year: fy.year,
    opening: { text, figures: openingFigures, labels: Object.fromEntries(Object.keys(openingFigures).map((n) => [n, figureLabel(n)])), targets: { signed_amount: signedTarget, funds_out_of_city: fundsTarget } },
    ranking,
    progress,
    lists,
    commendations,
    generatedAt: new Date().toISOString(),
  };
}

/** The chosen run, or the latest published one the reader may see; its lines within the bulletin's subtree. */
async function rankingOf(db: Executor, actor: Actor, runId: number | undefined, unitPath: string): Promise<Bulletin['ranking']> {
  let id = runId;
  if (id === undefined) {
    const latest = await listRuns(db, actor, { status: 'published', page: 1, pageSize: 1 });
    id = latest.items[0]?.id;
    if (id === undefined) return null;
  }
  const run = await runRanking(db, actor, id);
  if (run.status !== 'published') throw new AppError('BULLETIN_RUN_NOT_PUBLISHED', 409, [{ field: 'run', message: 'BULLETIN_RUN_NOT_PUBLISHED' }]);
  const ids = run.units.map((u) => u.unitId);
  const paths = ids.length ? await db.select({ id: orgUnits.id, path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.id, ids)) : [];
  const inSubtree = new Set(paths.filter((p) => p.path.startsWith(unitPath)).map((p) => p.id));
  const units = run.units.filter((u) => inSubtree.has(u.unitId));
  const first = run.units[0];
  return {
    runId: run.id,
    schemeName: run.schemeName,
    schemeVersion: run.schemeVersion,
    periodFrom: run.periodFrom,
    periodTo: run.periodTo,
    publishedAt: run.publishedAt,
    unitCount: run.unitCount,
    items: (first?.items ?? []).map((i) => ({ itemId: i.itemId, label: i.label })),
    rows: units.map((u) => ({ rank: u.rank, unitId: u.unitId, unitName: u.name, total: u.total, isTied: u.isTied, scores: u.items.map((i) => i.score) })),
  };
}

/** Approved unit targets of the unit and its direct children, measured as of the period's end. */
async function progressOf(db: Executor, actor: Actor, year: number, unitId: number, to: string): Promise<Bulletin['progress']> {
  const p = await targetProgress(db, actor, { year, unit: unitId, asOf: to });
  return {
    asOf: p.asOf,
    timeProgress: p.timeProgress,
    rows: p.rows
      .filter((r) => r.target.userId === null && r.target.status === 'approved')
      .map((r) => ({
        unitName: r.target.unitName,
        metric: r.target.metric,
        metricLabel: figureLabel(r.target.metric),
        target: r.target.value,
        actual: r.actual,
        completionRate: r.completionRate,
        scheduleGap: r.scheduleGap,
      })),
  };
}

/** The first records of a list, newest first (the drill-down's order), for the same unit and period as the summary. */
function pageOf(db: Executor, actor: Actor, q: BulletinQuery, l: (typeof LISTS)[number]) {
  return statsRecordItems(db, actor, { figure: l.figure, from: q.from, to: q.to, unit: q.unit, period: 'current', page: 1, pageSize: BULLETIN_LIST_MAX });
}

/** A list with its projects' contracted amounts; `count` is the summary's figure (the dashboard's number). */
async function listOf(db: Executor, l: (typeof LISTS)[number], records: Awaited<ReturnType<typeof statsRecordItems>>, count: number): Promise<Bulletin['lists'][number]> {
  const ids = records.map((r) => r.projectId);
  const amounts = ids.length
    ? new Map(
        (await db.select({ id: projects.id, amount: projects.contractedInvestment }).from(projects).where(inArray(projects.id, ids))).map((r) => [r.id, r.amount]),
      )
    : new Map<number, string | null>();
  return {
    key: l.key,
    title: l.title,
    count,
    items: records.map((r) => ({
      projectId: r.projectId,
      name: r.projectName,
      unitName: r.unitName,
      industryCode: r.industryCode,
      date: r.date,
      amount: amounts.get(r.projectId) ?? null,
    })),
  };
}
