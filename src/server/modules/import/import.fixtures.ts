import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { ImportJob, ImportRow } from '../../../shared/api/import.js';
import { queryRows, toCount } from '../../db/client.js';
import type { TestContext } from '../../test/context.js';

// Test helpers: ledgers built with exceljs the way real ones look, uploaded as multipart.

export type Cell = ExcelJS.CellValue;

export interface LedgerSpec {
  /** Title rows above the header, each merged across the header's width. */
  titles?: string[];
  header: string[];
  rows: Cell[][];
  /** Column letters to give a yyyy-mm-dd date format (for Date cells). */
  dateColumns?: number[];
  sheetName?: string;
}

export async function ledgerXlsx(spec: LedgerSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(spec.sheetName ?? '台账');
  for (const title of spec.titles ?? []) {
    const row = ws.addRow([title]);
    ws.mergeCells(row.number, 1, row.number, spec.header.length);
  }
  ws.addRow(spec.header);
  for (const r of spec.rows) ws.addRow(r);
  for (const c of spec.dateColumns ?? []) ws.getColumn(c).numFmt = 'yyyy-mm-dd';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function multipart(body: Buffer, filename = 'ledger.xlsx') {
  const boundary = `----zs${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  return { payload: Buffer.concat([head, body, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(t: TestContext, cookie: string, body: Buffer, filename?: string) {
  return t.request(cookie, { method: 'POST', url: '/api/import/projects', ...multipart(body, filename) });
}

export async function preview(t: TestContext, cookie: string, spec: LedgerSpec): Promise<ImportJob> {
  const res = await upload(t, cookie, await ledgerXlsx(spec));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportJob;
}

export async function rowsOf(t: TestContext, cookie: string, jobId: number, query = ''): Promise<{ items: ImportRow[]; total: number }> {
  const res = await t.request(cookie, { method: 'GET', url: `/api/import/jobs/${jobId}/rows?pageSize=200${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function commit(t: TestContext, cookie: string, jobId: number, body: Record<string, unknown> = {}) {
  return t.request(cookie, { method: 'POST', url: `/api/import/jobs/${jobId}/commit`, payload: body });
}

/** Poll a background preview or commit until it is no longer `analysing` or `committing`. */
export async function waitForJob(t: TestContext, cookie: string, jobId: number, timeoutMs = 60_000): Promise<ImportJob> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = (await t.request(cookie, { method: 'GET', url: `/api/import/jobs/${jobId}` })).json() as ImportJob;
    if (job.status !== 'committing' && job.status !== 'analysing') return job;
    if (Date.now() > until) throw new Error(`import job ${jobId} still committing`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function countOf(t: TestContext, table: 'audit_log' | 'projects' | 'investors' | 'project_transitions'): Promise<number> {
  const [row] = await queryRows<{ n: unknown }>(t.database.db, sql.raw(`select count(*) as n from ${table}`));
  return toCount(row?.n);
}

export async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}
