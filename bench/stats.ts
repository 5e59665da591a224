import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Decimal from 'decimal.js';
import { previousYearPeriod } from '../src/shared/kpi/period.js';
import { ratio } from '../src/shared/kpi/formulas.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { migrateDatabase } from '../src/server/db/client.js';
import { createSession, SESSION_COOKIE } from '../src/server/modules/auth/session.service.js';
import { todayInChina } from '../src/server/modules/followups/china-date.js';
import { intFlag, log, markdownTable, ms, parseFlags, timeIt, type Timing } from './lib.js';
import { openPglite, openPostgres, type BenchDb } from './projects/db.js';
import { datasetMarker, generateStats, type StatsSizes } from './stats/generate.js';
import { rawStats, type RawPeriod } from './stats/raw.js';

/*
 * `npm run bench -- stats [--db=postgres|pglite|both] [--projects=1m] [--tranches=2m] [--followups=10]
 *                         [--pglite-followups=N] [--iterations=30] [--warmup=3] [--fresh] [--generate-only] [--explain]
 *                         [--only=province,year,summary]`
 *
 * A province (153 counties/zones under 17 cities), 1M projects, 2M funds tranches and 10 follow-ups per
 * project, generated once per database (PostgreSQL: zs_bench_stats next to DATABASE_URL; PGlite: a
 * directory under the temp dir) and reused while the sizes match. Times GET /api/stats/summary and
 * /api/stats/breakdown?by=unit through buildApp + inject as the province's bureau user, for the province
 * and for one county, this calendar year, the year to date and last complete month — each beside hand-written SQL for the
 * same figures (bench/stats/raw.ts) on the same database, whose results are also checked against the
 * route's. Target on PostgreSQL: province-year summary p95 ≤ 150 ms and ≤ 1.3 × the raw SQL.
 */

const SPAN_DAYS = 1095;

export async function openStatsDataset(kind: 'postgres' | 'pglite', flags: Map<string, string>): Promise<{ bench: BenchDb; sizes: StatsSizes; note: string }> {
  const followUpsPerProject =
    kind === 'pglite' && flags.has('pglite-followups') ? intFlag(flags, 'pglite-followups', 10) : intFlag(flags, 'followups', 10);
  const projects = intFlag(flags, 'projects', 1_000_000);
  const sizes: StatsSizes = {
    projects,
    followUpsPerProject,
    tranches: intFlag(flags, 'tranches', 2 * projects),
    investors: Math.max(1000, Math.round(projects / 20)),
  };
  const fresh = flags.has('fresh');
  let bench: BenchDb;
  if (kind === 'postgres') {
    bench = await openPostgres(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', 'zs_bench_stats', { fresh });
  } else {
    const dir = flags.get('pglite-dir') ?? path.join(tmpdir(), 'zs-bench-stats-pglite');
    if (fresh && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    bench = await openPglite(dir);
  }
  const marker = await datasetMarker(bench.exec);
  // jsonb keeps its own key order: compare field by field.
  if (marker && (Object.keys(sizes) as (keyof StatsSizes)[]).every((k) => Number(marker.sizes[k]) === sizes[k])) {
    log(`${kind}: reusing the stats dataset generated ${marker.generatedAt} in ${marker.seconds} s`);
    // Migrations added since the dataset was generated (new tables) apply to it as to any deployment.
    await migrateDatabase(bench.database);
    return { bench, sizes, note: `reused; generated in ${marker.seconds.toFixed(0)} s` };
  }
  if (marker || (await bench.exec(`select to_regclass('projects') is not null as ok`)).rows[0]?.ok) {
    // Another size or an unfinished run: start again from an empty database.
    await bench.close();
    return openStatsDataset(kind, new Map([...flags, ['fresh', 'true']]));
  }
  await migrateDatabase(bench.database);
  log(`${kind}: generating ${JSON.stringify(sizes)}`);
  const { seconds } = await generateStats(bench.exec, sizes, { isPostgres: kind === 'postgres', spanDays: SPAN_DAYS });
  log(`${kind}: generated in ${seconds.toFixed(1)} s`);
  return { bench, sizes, note: `generated in ${seconds.toFixed(0)} s` };
}

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'out');
const TARGET_MS = 150;
const TARGET_RATIO = 1.3;

interface FigureValue {
  value: string;
  previous: string | null;
}
interface SummaryBody {
  figures: Record<string, FigureValue>;
}
interface BreakdownBody {
  rows: { key: string; unitId: number | null; figures: Record<string, FigureValue> }[];
  total: Record<string, FigureValue>;
}

/** The route's figure names computed from one raw row (suffix '' for the period, '_prev' for last year). */
function rawFigures(row: Record<string, unknown>, suffix: string): Record<string, string | null> {
  const v = (name: string) => (row[`${name}${suffix}`] === null || row[`${name}${suffix}`] === undefined ? '0' : String(row[`${name}${suffix}`]));
  const out: Record<string, string | null> = {};
  for (const name of [
    'new_projects', 'signed_count', 'signed_amount', 'signed_foreign_usd', 'registered_count', 'started_count', 'started_amount', 'producing_count',
    'funds_total', 'funds_out_of_province', 'funds_in_province_out_of_city', 'funds_foreign', 'funds_foreign_usd', 'funds_local', 'funds_out_of_city',
    'funds_out_of_province_total', 'stalled_count', 'signed_not_started_count', 'overdue_nodes_count',
  ]) {
    out[name] = v(name);
  }
  out.signing_rate = ratio(v('cohort_signed'), v('new_projects'));
  out.start_rate = ratio(v('cohort_started'), v('signed_count'));
  out.production_rate = ratio(v('cohort_producing'), v('signed_count'));
  out.funds_rate = ratio(v('cohort_funds'), v('cohort_contracted'));
  return out;
}

/** Figures where the route and the raw SQL disagree, as "name: route≠raw" (only names both have). */
function compare(route: Record<string, FigureValue>, raw: Record<string, unknown>, label: string): string[] {
  const diffs: string[] = [];
  for (const [suffix, pick] of [['', (f: FigureValue) => f.value], ['_prev', (f: FigureValue) => f.previous]] as const) {
    const expected = rawFigures(raw, suffix);
    for (const [name, want] of Object.entries(expected)) {
      const got = route[name] ? pick(route[name]) : undefined;
      // Not given (stock figures carry no last-year value).
      if (got === undefined || (suffix === '_prev' && got === null && !name.endsWith('_rate'))) continue;
      const same = got === null || want === null ? got === want : new Decimal(got).eq(new Decimal(want));
      if (!same) diffs.push(`${label}${name}${suffix}: route ${got} ≠ raw ${want}`);
    }
  }
  return diffs;
}

function periods(today: string): { name: string; current: RawPeriod; previous: RawPeriod }[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const [ly, lm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  const lastDay = new Date(Date.UTC(ly, lm, 0)).getUTCDate();
  const mm = String(lm).padStart(2, '0');
  const make = (name: string, from: string, to: string) => {
    const prev = previousYearPeriod({ from, to });
    const asOf = (d: string) => (d < today ? d : today);
    return { name, current: { from, to, asOf: asOf(to) }, previous: { ...prev, asOf: asOf(prev.to) } };
  };
  // The dashboard's default is the year to date: this month's days are read beside the whole months' cells.
  return [
    make(`month ${ly}-${mm}`, `${ly}-${mm}-01`, `${ly}-${mm}-${lastDay}`),
    make(`year ${y}`, `${y}-01-01`, `${y}-12-31`),
    make(`ytd ${y}`, `${y}-01-01`, today),
  ];
}

interface Row {
  db: string;
  scope: string;
  period: string;
  request: string;
  route: Timing;
  raw: Timing;
  statements: number;
  check: string;
}

async function benchOne(kind: 'postgres' | 'pglite', flags: Map<string, string>, explain: string[]): Promise<{ rows: Row[]; dataset: string }> {
  const iterations = intFlag(flags, 'iterations', 30);
  const warmup = intFlag(flags, 'warmup', 3);
  const { bench, note } = await openStatsDataset(kind, flags);
  try {
    const counts = (
      await bench.exec(`select (select count(*) from org_units where type in ('county', 'zone'))::int as u, (select count(*) from projects)::int as p,
        (select count(*) from fund_tranches)::int as t, (select count(*) from follow_ups)::bigint as f,
        ${kind === 'postgres' ? 'pg_database_size(current_database())' : `(select sum(pg_total_relation_size(oid)) from pg_class where relkind in ('r', 'i', 't', 'm'))`} as bytes`)
    ).rows[0]!;
    const n = (v: unknown) => Number(v).toLocaleString('en');
    const dataset = `${kind}: ${n(counts.u)} counties/zones, ${n(counts.p)} projects, ${n(counts.t)} tranches, ${n(counts.f)} follow-ups, ${(Number(counts.bytes) / 2 ** 30).toFixed(1)} GiB (${note})`;
    log(dataset);
    if (flags.has('generate-only')) return { rows: [], dataset };

    const config = loadConfig({}, { WEB_DIST: '/nonexistent-web-dist', DATA_DIR: tmpdir(), LOG_LEVEL: 'silent' });
    const app = await buildApp({ database: bench.database, config });
    await app.ready();
    const user = (await bench.exec(`select id from users where username = 'bench.bureau'`)).rows[0]!;
    const { token } = await createSession(bench.database.db, Number(user.id), 1, { ip: null, userAgent: 'bench' });
    const headers = { cookie: `${SESSION_COOKIE}=${token}` };
    const county = (await bench.exec(`select id, name, path, depth from org_units where id = 1021`)).rows[0]!;
    const scopes = [
      { name: 'province', unitId: 1, path: '/1/', depth: 0 },
      { name: `county (${String(county.name)})`, unitId: 1021, path: String(county.path), depth: Number(county.depth) },
    ];
    const today = todayInChina();
    const rows: Row[] = [];
    // --only=province,year,summary (any of scope, period and request words) narrows the cases.
    const only = (flags.get('only') ?? '').split(',').filter(Boolean);
    const wanted = (...words: string[]) =>
      only.every((o) => !['province', 'county', 'month', 'year', 'ytd', 'summary', 'breakdown'].includes(o) || words.some((w) => w.startsWith(o)));
    for (const scope of scopes) {
      for (const p of periods(today)) {
        for (const request of ['summary', 'breakdown?by=unit'] as const) {
          if (!wanted(scope.name, p.name, request)) continue;
          const byChild = request !== 'summary';
          const url = `/api/stats/${byChild ? 'breakdown' : 'summary'}?${byChild ? 'by=unit&' : ''}from=${p.current.from}&to=${p.current.to}&unit=${scope.unitId}`;
          const inject = async () => {
            const res = await app.inject({ method: 'GET', url, headers });
            if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body}`);
            return res.json() as unknown;
          };
          bench.capture(true);
          const body = await inject();
          const statements = bench.capture(false).filter((s) => !/"sessions"/.test(s.query));
          const raw = rawStats({ path: scope.path, depth: scope.depth, current: p.current, previous: p.previous, today, byChild });
          const rawRows = (await bench.exec(raw.text, raw.params)).rows;
          // The check: every figure both compute agrees, in the period and last year, per row for the breakdown.
          let diffs: string[];
          if (!byChild) {
            diffs = compare((body as SummaryBody).figures, rawRows[0]!, '');
          } else {
            const b = body as BreakdownBody;
            diffs = compare(b.total, rawRows.find((r) => Number(r.key) === -1) ?? {}, 'total.');
            for (const r of b.rows) {
              // Raw rows exist where there are records; the unit's own records (its own row) are key 0.
              const own = r.unitId === null || r.unitId === scope.unitId;
              const match = rawRows.find((x) => Number(x.key) === (own ? 0 : r.unitId)) ?? {};
              diffs.push(...compare(r.figures, match, `${r.key}.`));
            }
          }
          const check = diffs.length === 0 ? 'match' : `${diffs.length} differ`;
          if (diffs.length) log(`${kind} ${scope.name} ${p.name} ${request}: ${diffs.slice(0, 8).join('; ')}`);
          const routeT = await timeIt(inject, { warmup, iterations });
          const rawT = await timeIt(() => bench.exec(raw.text, raw.params), { warmup, iterations });
          rows.push({ db: kind, scope: scope.name, period: p.name, request, route: routeT, raw: rawT, statements: statements.length, check });
          log(`${kind} ${scope.name} ${p.name} ${request}: route p95 ${ms(routeT.p95)} ms, raw p95 ${ms(rawT.p95)} ms, ${check}`);
          if (flags.has('explain')) {
            for (const s of statements.filter((x) => /^\s*(select|with)\b/i.test(x.query))) {
              const plan = await bench.exec(`explain (analyze, buffers) ${s.query}`, s.params);
              explain.push(`-- ${kind} · ${scope.name} · ${p.name} · ${request} · route statement\n${s.query}\n${JSON.stringify(s.params)}\n${plan.rows.map((r) => Object.values(r)[0]).join('\n')}\n`);
            }
            const plan = await bench.exec(`explain (analyze, buffers) ${raw.text}`, raw.params);
            explain.push(`-- ${kind} · ${scope.name} · ${p.name} · ${request} · raw SQL\n${raw.text}\n${JSON.stringify(raw.params)}\n${plan.rows.map((r) => Object.values(r)[0]).join('\n')}\n`);
          }
        }
      }
    }
    await app.close();
    return { rows, dataset };
  } finally {
    await bench.close();
  }
}

export async function run(args: string[]): Promise<void> {
  const flags = parseFlags(args);
  const which = flags.get('db') ?? 'both';
  if (!['postgres', 'pglite', 'both'].includes(which)) throw new Error('--db is postgres, pglite or both');
  const rows: Row[] = [];
  const datasets: string[] = [];
  const explain: string[] = [];
  for (const kind of ['postgres', 'pglite'] as const) {
    if (which !== 'both' && which !== kind) continue;
    const result = await benchOne(kind, flags, explain);
    rows.push(...result.rows);
    datasets.push(result.dataset);
  }
  mkdirSync(OUT, { recursive: true });
  if (explain.length) {
    const file = path.join(OUT, 'stats-explain.txt');
    writeFileSync(file, explain.join('\n'));
    log(`query plans written to ${file}`);
  }
  if (flags.has('generate-only')) {
    console.log(datasets.join('\n'));
    return;
  }
  const table = markdownTable(
    ['db', 'scope', 'period', 'request', 'route p50', 'route p95', 'raw SQL p50', 'raw SQL p95', 'route/raw p95', 'SQL stmts', 'figures vs raw', 'target'],
    rows.map((r) => {
      const isTarget = r.db === 'postgres' && r.scope === 'province' && r.period.startsWith('year') && r.request === 'summary';
      const ratioP95 = r.route.p95 / r.raw.p95;
      return [
        r.db,
        r.scope,
        r.period,
        r.request,
        ms(r.route.p50),
        ms(r.route.p95),
        ms(r.raw.p50),
        ms(r.raw.p95),
        ratioP95.toFixed(2),
        String(r.statements),
        r.check,
        isTarget ? (r.route.p95 <= TARGET_MS && ratioP95 <= TARGET_RATIO ? 'met' : `NOT met (≤ ${TARGET_MS} ms, ≤ ${TARGET_RATIO}×)`) : '',
      ];
    }),
  );
  const text = `# stats benchmark (${new Date().toISOString()})\n\n${datasets.map((d) => `- ${d}`).join('\n')}\n\n${table}\n\nTimes in ms over ${intFlag(flags, 'iterations', 30)} iterations after warm-up, through buildApp + inject as the province's bureau user; "raw SQL" is bench/stats/raw.ts (one statement, the same figures for the period and last year) on the same database. Target on PostgreSQL: province-year summary p95 ≤ ${TARGET_MS} ms and ≤ ${TARGET_RATIO}× raw.\n`;
  const file = path.join(OUT, `stats-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.md`);
  writeFileSync(file, text);
  console.log(`\n${text}\nwritten to ${file}`);
}
