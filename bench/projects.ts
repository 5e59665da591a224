import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { migrateDatabase } from '../src/server/db/client.js';
import { createSession, SESSION_COOKIE } from '../src/server/modules/auth/session.service.js';
import { openPglite, openPostgres, type BenchDb } from './projects/db.js';
import { generate } from './projects/generate.js';
import { intFlag, log, markdownTable, ms, parseFlags, timeIt, type Timing } from './lib.js';

/*
 * `npm run bench -- projects [--db=postgres|pglite|both] [--projects=N] [--followups=5] [--iterations=40]
 *                            [--reuse] [--explain]`
 *
 * Generates N projects (default 1M; PGlite takes ~8 min and ~1 GB of memory for that) and 5 follow-ups
 * each in a dedicated database (PostgreSQL: `zs_bench` next to DATABASE_URL; PGlite: a temp dir), then times through
 * buildApp + inject, as a bureau user (scope = the province) and a county user: the default project
 * list, a filtered list, and search for a 2- and a 4-character query — each next to the same SQL the
 * route ran (captured from drizzle), executed directly. Target on PostgreSQL: p95 ≤ 50 ms.
 */

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'out');
const TARGET_MS = 50;

const CASES = [
  { name: 'list (default page)', url: '/api/projects' },
  { name: 'list filtered', url: '/api/projects?stage=signed&industry=13&minAmount=10000' },
  { name: 'search 食品', url: `/api/search?q=${encodeURIComponent('食品')}` },
  { name: 'search 食品加工', url: `/api/search?q=${encodeURIComponent('食品加工')}` },
];

interface Row {
  db: string;
  actor: string;
  case: string;
  result: string;
  route: Timing;
  raw: Timing;
  statements: number;
}

async function benchOne(kind: 'postgres' | 'pglite', flags: Map<string, string>): Promise<Row[]> {
  const projects = intFlag(flags, 'projects', 1_000_000);
  const followUpsPerProject = intFlag(flags, 'followups', 5);
  const iterations = intFlag(flags, 'iterations', 40);
  const warmup = intFlag(flags, 'warmup', 5);
  const reuse = flags.has('reuse');
  let tempDir: string | null = null;
  let bench: BenchDb;
  let isNew = true;
  if (kind === 'postgres') {
    const opened = await openPostgres(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', 'zs_bench', { fresh: !reuse });
    bench = opened;
    isNew = opened.isNew;
  } else {
    tempDir = mkdtempSync(path.join(tmpdir(), 'zs-bench-'));
    bench = await openPglite(path.join(tempDir, 'pglite'));
  }
  try {
    await migrateDatabase(bench.database);
    const [existing] = (await bench.exec('select count(*)::int as n from projects')).rows;
    if (isNew || Number(existing?.n) === 0) {
      log(`${kind}: generating ${projects} projects, ${projects * followUpsPerProject} follow-ups`);
      await generate(bench.exec, { projects, followUpsPerProject, investors: Math.max(1000, Math.round(projects / 20)) }, { isPostgres: kind === 'postgres' });
    } else {
      log(`${kind}: reusing zs_bench with ${String(existing?.n)} projects`);
    }
    const users = (await bench.exec(`select id, username from users where username in ('bench.bureau', 'bench.county')`)).rows;
    const counts = (await bench.exec('select (select count(*) from projects)::int as p, (select count(*) from follow_ups)::int as f')).rows[0]!;
    const dataset = `${Number(counts.p).toLocaleString('en')} projects, ${Number(counts.f).toLocaleString('en')} follow-ups`;

    const config = loadConfig({}, { WEB_DIST: '/nonexistent-web-dist', DATA_DIR: tempDir ?? tmpdir(), LOG_LEVEL: 'silent' });
    const app = await buildApp({ database: bench.database, config });
    await app.ready();
    const rows: Row[] = [];
    const explain: string[] = [];
    for (const username of ['bench.bureau', 'bench.county']) {
      const userId = Number(users.find((u) => u.username === username)!.id);
      const { token } = await createSession(bench.database.db, userId, 1, { ip: null, userAgent: 'bench' });
      const headers = { cookie: `${SESSION_COOKIE}=${token}` };
      const actor = username === 'bench.bureau' ? 'bureau (province)' : 'county';
      for (const c of CASES) {
        const inject = async () => {
          const res = await app.inject({ method: 'GET', url: c.url, headers });
          if (res.statusCode !== 200) throw new Error(`${c.url} → ${res.statusCode} ${res.body}`);
          return res.json() as { total?: number; projects?: unknown[] };
        };
        bench.capture(true);
        const body = await inject();
        // The SQL the route ran, less the session lookup every request makes.
        const statements = bench.capture(false).filter((s) => !/"sessions"/.test(s.query));
        const route = await timeIt(inject, { warmup, iterations });
        const raw = await timeIt(
          async () => {
            for (const s of statements) await bench.exec(s.query, s.params);
          },
          { warmup, iterations },
        );
        const result = body.total !== undefined ? `${body.total} rows` : `${body.projects?.length ?? 0} hits`;
        rows.push({ db: `${kind} (${dataset})`, actor, case: c.name, result, route, raw, statements: statements.length });
        log(`${kind} ${actor} ${c.name}: route p95 ${ms(route.p95)} ms, raw p95 ${ms(raw.p95)} ms`);
        if (flags.has('explain')) {
          for (const s of statements) {
            const plan = await bench.exec(`explain (analyze, buffers) ${s.query}`, s.params);
            explain.push(`-- ${kind} · ${actor} · ${c.name}\n${s.query}\n${JSON.stringify(s.params)}\n${plan.rows.map((r) => Object.values(r)[0]).join('\n')}\n`);
          }
        }
      }
    }
    if (explain.length) {
      mkdirSync(OUT, { recursive: true });
      const file = path.join(OUT, `explain-${kind}.txt`);
      writeFileSync(file, explain.join('\n'));
      log(`query plans written to ${file}`);
    }
    await app.close();
    return rows;
  } finally {
    await bench.close();
    if (tempDir && !flags.has('keep')) rmSync(tempDir, { recursive: true, force: true });
  }
}

export async function run(args: string[]): Promise<void> {
  const flags = parseFlags(args);
  const which = flags.get('db') ?? 'both';
  if (!['postgres', 'pglite', 'both'].includes(which)) throw new Error('--db is postgres, pglite or both');
  const rows: Row[] = [];
  if (which !== 'pglite') rows.push(...(await benchOne('postgres', flags)));
  if (which !== 'postgres') rows.push(...(await benchOne('pglite', flags)));
  const table = markdownTable(
    ['database', 'actor', 'request', 'result', 'route p50', 'route p95', 'raw SQL p50', 'raw SQL p95', 'route/raw p95', 'SQL stmts', `p95 ≤ ${TARGET_MS} ms`],
    rows.map((r) => [
      r.db,
      r.actor,
      r.case,
      r.result,
      ms(r.route.p50),
      ms(r.route.p95),
      ms(r.raw.p50),
      ms(r.raw.p95),
      (r.route.p95 / r.raw.p95).toFixed(2),
      String(r.statements),
      r.db.startsWith('postgres') ? (r.route.p95 <= TARGET_MS ? 'yes' : 'NO') : '(PostgreSQL only)',
    ]),
  );
  console.log(`\n${table}\n\nTimes in ms over the iterations after warm-up; "raw SQL" runs the statements the route issued (session lookup excluded) one after another on the same database.`);
}
