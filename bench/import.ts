/*
 * `npm run bench -- import [--rows=100000] [--db=pglite|postgres|both] [--skip-normal-reader]`
 *
 * Import benchmark: a generated ledger (.xlsx, in a temp dir, labelled as test data) through the
 * real API (buildApp + inject): upload/preview, commit (batched in the background, polled), then
 * re-import of the same file (all unchanged) and its no-op commit. On PGlite; on PostgreSQL too when
 * DATABASE_URL is set (a fresh database per run, dropped afterwards). Prints seconds and rows/s.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { ImportJob } from '../src/shared/api/import.js';
import { usccCheckChar } from '../src/shared/uscc.js';
import { readLedger } from '../src/server/modules/import/import.parse.js';
import { multipart } from '../src/server/modules/import/import.fixtures.js';
import { createTestContext, type TestContext } from '../src/server/test/context.js';
import { intFlag, parseFlags } from './lib.js';

const COUNTIES = ['固始县', '息县', '淮滨县', '潢川县', '光山县', '新县', '商城县', '罗山县', '平桥区', '浉河区'];
const STAGES = ['线索', '线索', '线索', '洽谈', '签约'];

function uscc(n: number): string {
  const first17 = `91411500${String(n).padStart(9, '0')}`;
  return first17 + usccCheckChar(first17)!;
}

let ROWS = 100_000;

async function writeLedger(file: string, rows: number) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet('台账');
  ws.addRow(['2025年全市招商引资项目台账（基准测试数据，非真实项目）']).commit();
  ws.addRow(['序号', '项目名称', '所属县区', '投资方', '统一社会信用代码', '所属行业', '当前进展', '阶段日期', '签约日期', '合同投资额（亿元）', '计划总投资（万元）', '落地载体', '市重点']).commit();
  for (let i = 1; i <= rows; i++) {
    const stage = STAGES[i % STAGES.length]!;
    const investor = Math.ceil(i / 2); // two projects per investor
    const day = new Date(Date.UTC(2024, (i % 12), 1 + (i % 28)));
    ws.addRow([
      i,
      `基准测试项目${i}号`,
      COUNTIES[i % COUNTIES.length],
      `基准测试企业${investor}有限公司`,
      investor % 3 === 0 ? uscc(investor) : null,
      ['1391', 'C', '3825', '食品制造业'][i % 4],
      stage,
      stage === '洽谈' ? day : null,
      stage === '签约' ? `${day.getUTCFullYear()}/${day.getUTCMonth() + 1}/${day.getUTCDate()}` : null,
      stage === '签约' ? (i % 97) / 10 + 0.35 : null,
      1000 + (i % 500) * 10,
      i % 7 === 0 ? '产业集聚区标准厂房' : null,
      i % 50 === 0 ? '是' : null,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en-US');

/** Poll a background preview or commit; returns the finished job and how many polls were answered. */
async function poll(t: TestContext, cookie: string, id: number): Promise<{ job: ImportJob; polls: number }> {
  let polls = 0;
  let lastPrinted = Date.now();
  for (;;) {
    const job = (await t.request(cookie, { method: 'GET', url: `/api/import/jobs/${id}` })).json() as ImportJob;
    polls += 1;
    if (Date.now() - lastPrinted > 30_000) {
      process.stdout.write(`    ${job.status} ${job.progress}${job.total ? `/${job.total}` : ' rows read'}\n`);
      lastPrinted = Date.now();
    }
    if (job.status !== 'committing' && job.status !== 'analysing') return { job, polls };
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function uploadAndWait(t: TestContext, cookie: string, body: Buffer): Promise<{ job: ImportJob; polls: number }> {
  const res = await t.request(cookie, { method: 'POST', url: '/api/import/projects', ...multipart(body, 'bench.xlsx') });
  if (res.statusCode !== 200 && res.statusCode !== 202) throw new Error(`preview ${res.statusCode}: ${res.body.slice(0, 500)}`);
  return res.statusCode === 202 ? poll(t, cookie, (res.json() as ImportJob).id) : { job: res.json() as ImportJob, polls: 0 };
}

async function benchDatabase(kind: 'pglite' | 'postgres', file: string) {
  const saved = process.env.DATABASE_URL;
  if (kind === 'pglite') delete process.env.DATABASE_URL;
  const t = await createTestContext();
  if (saved !== undefined) process.env.DATABASE_URL = saved;
  try {
    const put = await t.request(t.adminCookie, { method: 'PUT', url: '/api/settings', payload: { maxUploadMiB: 100 } });
    if (put.statusCode !== 200) throw new Error(put.body);
    for (const name of COUNTIES) await t.createUnit({ type: 'county', name });
    const bureau = await t.createUser({ role: 'bureau' });
    const body = await readFile(file);

    console.log(`\n[${kind}] ${ROWS.toLocaleString('en-US')} rows`);
    let start = performance.now();
    const { job, polls: previewPolls } = await uploadAndWait(t, bureau.cookie, body);
    const previewMs = performance.now() - start;
    console.log(`  preview (upload, parse, plan; ${previewPolls} polls answered meanwhile): ${seconds(previewMs)} s  ${rate(ROWS, previewMs)} rows/s  ${job.status} ${JSON.stringify(job.counts)}`);

    start = performance.now();
    const c = await t.request(bureau.cookie, { method: 'POST', url: `/api/import/jobs/${job.id}/commit`, payload: {} });
    if (c.statusCode !== 200 && c.statusCode !== 202) throw new Error(`commit ${c.statusCode}: ${c.body}`);
    const { job: done, polls } = c.statusCode === 202 ? await poll(t, bureau.cookie, job.id) : { job: c.json() as ImportJob, polls: 0 };
    const commitMs = performance.now() - start;
    console.log(`  commit (${done.commit?.mode}, ${polls} progress polls answered meanwhile): ${seconds(commitMs)} s  ${rate(ROWS, commitMs)} rows/s  ${done.status} ${JSON.stringify(done.commit)}`);

    start = performance.now();
    const exported = await t.request(bureau.cookie, { method: 'GET', url: '/api/export/projects' });
    const exportMs = performance.now() - start;
    if (exported.statusCode !== 200) throw new Error(`export ${exported.statusCode}: ${exported.body.slice(0, 300)}`);
    console.log(`  export (all rows, streamed):    ${seconds(exportMs)} s  ${rate(ROWS, exportMs)} rows/s  ${(exported.rawPayload.length / 2 ** 20).toFixed(1)} MiB`);

    start = performance.now();
    const { job: reJob } = await uploadAndWait(t, bureau.cookie, body);
    const reMs = performance.now() - start;
    console.log(`  re-import preview:              ${seconds(reMs)} s  ${rate(ROWS, reMs)} rows/s  counts ${JSON.stringify(reJob.counts)}`);
    start = performance.now();
    const reCommit = await t.request(bureau.cookie, { method: 'POST', url: `/api/import/jobs/${reJob.id}/commit`, payload: {} });
    console.log(`  re-import commit (no-op):       ${seconds(performance.now() - start)} s  ${reCommit.json().status} ${JSON.stringify(reCommit.json().commit)}`);
    return { previewMs, commitMs, reMs };
  } finally {
    await t.close();
  }
}

export async function run(args: string[]): Promise<void> {
  const flags = parseFlags(args);
  ROWS = intFlag(flags, 'rows', 100_000);
  const DB = flags.get('db') ?? 'both';
  const dir = mkdtempSync(path.join(tmpdir(), 'zs-bench-import-'));
  try {
    const file = path.join(dir, 'ledger.xlsx');
    let start = performance.now();
    await writeLedger(file, ROWS);
    console.log(`generated ${ROWS.toLocaleString('en-US')}-row ledger: ${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB in ${seconds(performance.now() - start)} s`);

    // The reader alone: streaming (what the importer uses) against exceljs' in-memory reader.
    start = performance.now();
    const sheet = await readLedger(file, { remembered: new Map() });
    const streamMs = performance.now() - start;
    const heapStream = process.memoryUsage().heapUsed;
    console.log(`  parse, streaming reader:  ${seconds(streamMs)} s  ${rate(sheet.rows.length, streamMs)} rows/s`);
    if (ROWS <= 100_000 && !flags.has('skip-normal-reader')) {
      start = performance.now();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const normalMs = performance.now() - start;
      console.log(`  parse, normal reader:     ${seconds(normalMs)} s  ${rate(ROWS, normalMs)} rows/s  (heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB vs ${(heapStream / 2 ** 20).toFixed(0)} MiB after streaming)`);
    }

    if (DB === 'pglite' || DB === 'both') await benchDatabase('pglite', file);
    if ((DB === 'postgres' || DB === 'both') && process.env.DATABASE_URL) await benchDatabase('postgres', file);
    else if (DB !== 'pglite') console.log('\n[postgres] skipped: set DATABASE_URL to run it');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

