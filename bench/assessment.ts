import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssessmentSchemeInput } from '../src/shared/assessment/scheme.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createSession, SESSION_COOKIE } from '../src/server/modules/auth/session.service.js';
import { todayInChina } from '../src/server/modules/followups/china-date.js';
import { intFlag, log, markdownTable, ms, parseFlags, timeIt, type Timing } from './lib.js';
import { openStatsDataset } from './stats.js';

/*
 * `npm run bench -- assessment [--db=postgres|pglite|both] [--iterations=5] [--warmup=1] [--period=year|quarter] [--units=province|city] [--only=run]`
 * (dataset flags as for `stats`: --projects, --tranches, --followups, --pglite-followups).
 *
 * On the province of the stats bench (153 counties/zones, 1M projects, 2M tranches, follow-ups), a
 * scheme of 12 items of every collectable type over the counties and zones, with approved targets for
 * each unit: times POST /api/assessment-runs (collect every unit's inputs with the records behind
 * them, score, store the run and its snapshot) and the bulletin (.docx, and its JSON preview) for the
 * province and one county, through buildApp + inject as the province's bureau user. Targets on
 * PostgreSQL (issue 5): a run ≤ 2 s; bulletin generation ≤ 2 s.
 */

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'out');
const TARGET_MS = 2000;

function scheme(year: number, period: 'year' | 'quarter', quarter: number, unitIds: number[] | null): AssessmentSchemeInput {
  return {
    name: `基准测试·县区招商引资综合考核（12项${unitIds ? '，一市' : '，全省'}）`,
    version: 1,
    units: unitIds ? { kind: 'unit_ids', ids: unitIds } : { kind: 'unit_types', types: ['county', 'zone'] },
    period: period === 'year' ? { kind: 'year', year } : { kind: 'quarter', year, quarter },
    exclusions: [
      { kind: 'industry', prefixes: ['K70'], label: '房地产项目不计入' },
      { kind: 'funds_source', sources: ['local'] },
    ],
    items: [
      {
        id: 'signed',
        label: '签约项目',
        type: 'composite',
        cap: 20,
        parts: [
          { weight: 50, item: { id: 'signed_count', label: '签约项目个数', type: 'ratio', metric: 'signed_count', points: 20, cap: 20 } },
          { weight: 50, item: { id: 'signed_amount', label: '签约合同投资额', type: 'ratio', metric: 'signed_amount', points: 20, cap: 20 } },
        ],
      },
      { id: 'funds', label: '市外资金实际到位', type: 'base_plus_bonus', metric: 'funds_out_of_city', basePoints: 20, bonusPerStep: 0.5, stepPercent: 10, bonusCap: 2, belowTarget: 'proportional' },
      { id: 'province_funds', label: '省外资金实际到位', type: 'ratio', metric: 'funds_out_of_province_total', points: 10, cap: 10 },
      { id: 'started', label: '新开工项目', type: 'ratio', metric: 'started_count', points: 10, cap: 10 },
      { id: 'producing', label: '新投产项目', type: 'ratio', metric: 'producing_count', points: 10, cap: 10 },
      { id: 'registered', label: '新注册落地', type: 'count', metric: 'registered_count', pointsPerItem: 0.2, cap: 5 },
      {
        id: 'major',
        label: '重大项目加分',
        type: 'tiers',
        metric: 'signed_count',
        amountTiers: [
          { atLeast: '100000', points: 4, label: '10亿元以上' },
          { atLeast: '500000', points: 8, label: '50亿元以上' },
        ],
        cap: 20,
      },
      {
        id: 'structure',
        label: '项目结构要求',
        type: 'required_counts',
        metric: 'signed_count',
        bands: [
          { label: '3–10亿元', from: '30000', to: '100000', required: 7 },
          { label: '10–20亿元', from: '100000', to: '200000', required: 4 },
          { label: '20亿元以上', from: '200000', to: null, required: 1 },
        ],
        penaltyPerMissing: 0.1,
      },
      { id: 'not_started', label: '签约项目超期未开工', type: 'penalty', metric: 'signed_not_started_count', pointsPerOccurrence: 0.1 },
      { id: 'stalled', label: '停滞项目', type: 'penalty', metric: 'stalled_count', pointsPerOccurrence: 0.05 },
      { id: 'rejected', label: '审核驳回', type: 'penalty', metric: 'rejected_count', pointsPerOccurrence: 0.05 },
      { id: 'work', label: '工作推进（评议）', type: 'manual', maxPoints: 10 },
    ],
  } as AssessmentSchemeInput;
}

interface Row {
  db: string;
  what: string;
  timing: Timing;
  detail: string;
}

async function benchOne(kind: 'postgres' | 'pglite', flags: Map<string, string>): Promise<{ rows: Row[]; dataset: string }> {
  const iterations = intFlag(flags, 'iterations', 5);
  const warmup = intFlag(flags, 'warmup', 1);
  const { bench, note } = await openStatsDataset(kind, flags);
  try {
    const config = loadConfig({}, { WEB_DIST: '/nonexistent-web-dist', DATA_DIR: tmpdir(), LOG_LEVEL: 'silent' });
    const app = await buildApp({ database: bench.database, config });
    await app.ready();
    const user = (await bench.exec(`select id from users where username = 'bench.bureau'`)).rows[0]!;
    const { token } = await createSession(bench.database.db, Number(user.id), 1, { ip: null, userAgent: 'bench' });
    const headers = { cookie: `${SESSION_COOKIE}=${token}` };
    const today = todayInChina();
    const year = Number(today.slice(0, 4));
    const period = flags.get('period') === 'quarter' ? 'quarter' : 'year';
    // The last complete quarter (or the first, early in the year).
    const quarter = Math.max(1, Math.floor((Number(today.slice(5, 7)) - 1) / 3));
    // --units=city scores the 9 counties/zones of one city (城市1) — a city bureau's own scheme; province: all 153.
    const isCity = flags.get('units') === 'city';
    const cityUnits = isCity ? (await bench.exec(`select id from org_units where parent_id = 11 and type in ('county', 'zone') order by id`)).rows.map((r) => Number(r.id)) : null;
    const body = scheme(year, period, quarter, cityUnits);

    // Approved targets for every county/zone: each unit's last-year figure, the usual way a target is set.
    await bench.exec(`delete from targets where year = $1`, [year]);
    const metrics = ['signed_count', 'signed_amount', 'funds_out_of_city', 'funds_out_of_province_total', 'started_count', 'producing_count'];
    await bench.exec(
      `insert into targets (year, unit_id, metric, value, status, created_by, updated_by, approved_by, approved_at)
       select $1, u.id, m.metric, greatest(1, (10 + (u.id % 7)) * case when m.metric like '%count' then 30 else 30000 end), 'approved', $2, $2, $2, now()
       from org_units u cross join unnest($3::text[]) as m(metric) where u.type in ('county', 'zone')`,
      [year, Number(user.id), `{${metrics.join(',')}}`],
    );

    const created = await app.inject({ method: 'POST', url: '/api/assessment-schemes', headers, payload: { scheme: body } });
    if (created.statusCode !== 200) throw new Error(`scheme: ${created.statusCode} ${created.body}`);
    const schemeId = created.json().id as number;
    const counts = (await bench.exec(`select (select count(*) from org_units where type in ('county', 'zone'))::int as u, (select count(*) from projects)::int as p, (select count(*) from follow_ups)::bigint as f`)).rows[0]!;
    const dataset = `${kind}: ${Number(counts.u)} scored units, ${Number(counts.p).toLocaleString('en')} projects, ${Number(counts.f).toLocaleString('en')} follow-ups (${note}); scheme: 12 items over ${isCity ? `${cityUnits!.length} counties/zones of 城市1` : 'every county/zone'}, period ${period} ${year}${period === 'quarter' ? ` Q${quarter}` : ''}`;
    log(dataset);

    const rows: Row[] = [];
    let lastRun = 0;
    let size = 0;
    const runOnce = async () => {
      const res = await app.inject({ method: 'POST', url: '/api/assessment-runs', headers, payload: { schemeId } });
      if (res.statusCode !== 200) throw new Error(`run: ${res.statusCode} ${res.body.slice(0, 500)}`);
      lastRun = res.json().id as number;
      size = res.rawPayload.length;
    };
    const runT = await timeIt(runOnce, { warmup, iterations });
    const stored = (await bench.exec(`select pg_column_size(inputs) + pg_column_size(result) as bytes from assessment_runs where id = $1`, [lastRun])).rows[0]!;
    rows.push({ db: kind, what: 'POST /api/assessment-runs (collect, score, store)', timing: runT, detail: `answer ${(size / 2 ** 20).toFixed(1)} MiB, stored ${(Number(stored.bytes) / 2 ** 20).toFixed(1)} MiB (compressed)` });
    log(`${kind} run: p50 ${ms(runT.p50)} ms, p95 ${ms(runT.p95)} ms`);
    // Publish the last run so the bulletin ranks by it.
    const pub = await app.inject({ method: 'POST', url: `/api/assessment-runs/${lastRun}/publish`, headers, payload: {} });
    if (pub.statusCode !== 200) throw new Error(`publish: ${pub.statusCode} ${pub.body}`);
    const from = `${year}-01-01`;
    const lastMonth = Number(today.slice(5, 7)) - 1 || 1;
    const to = `${year}-${String(lastMonth).padStart(2, '0')}-${new Date(Date.UTC(year, lastMonth, 0)).getUTCDate()}`;
    // --only=run times the run alone (the bulletins read the published run, not the run's code).
    for (const scope of flags.get('only') === 'run'
      ? []
      : [
          { name: 'province', unit: 1 },
          { name: 'county', unit: 1021 },
        ]) {
      for (const kindOf of ['preview', 'docx'] as const) {
        const url = `/api/bulletins${kindOf === 'docx' ? '.docx' : '/preview'}?from=${from}&to=${to}&unit=${scope.unit}`;
        let bytes = 0;
        const t = await timeIt(
          async () => {
            const res = await app.inject({ method: 'GET', url, headers });
            if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
            bytes = res.rawPayload.length;
          },
          { warmup, iterations },
        );
        rows.push({ db: kind, what: `GET bulletin ${kindOf} · ${scope.name} · ${from} – ${to}`, timing: t, detail: `${(bytes / 1024).toFixed(0)} KiB` });
        log(`${kind} bulletin ${kindOf} ${scope.name}: p50 ${ms(t.p50)} ms, p95 ${ms(t.p95)} ms`);
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
  for (const kind of ['postgres', 'pglite'] as const) {
    if (which !== 'both' && which !== kind) continue;
    const result = await benchOne(kind, flags);
    rows.push(...result.rows);
    datasets.push(result.dataset);
  }
  const table = markdownTable(
    ['db', 'request', 'p50', 'p95', 'max', 'size', 'target (PostgreSQL)'],
    rows.map((r) => [r.db, r.what, ms(r.timing.p50), ms(r.timing.p95), ms(Math.max(...r.timing.samples)), r.detail, r.db === 'postgres' ? (r.timing.p95 <= TARGET_MS ? 'met (≤ 2 s)' : 'NOT met (≤ 2 s)') : '']),
  );
  const text = `# assessment benchmark (${new Date().toISOString()})\n\n${datasets.map((d) => `- ${d}`).join('\n')}\n\n${table}\n\nTimes in ms over ${intFlag(flags, 'iterations', 5)} iterations after warm-up, through buildApp + inject as the province's bureau user.\n`;
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `assessment-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.md`);
  writeFileSync(file, text);
  console.log(`\n${text}\nwritten to ${file}`);
}
