import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestContext } from '../../test/context.js';
import { todayInChina } from './china-date.js';

// Shared by the follow-up, node, issue and file tests: two counties, a city-level department,
// projects (optionally signed through the real review flow) and multipart bodies.

export interface World {
  county: { id: number };
  otherCounty: { id: number };
  dept: { id: number };
  otherDept: { id: number };
  staff: { id: number; cookie: string };
  staff2: { id: number; cookie: string };
  otherStaff: { id: number; cookie: string };
  bureau: { id: number; cookie: string };
  deptUser: { id: number; cookie: string };
  otherDeptUser: { id: number; cookie: string };
}

export async function buildWorld(t: TestContext): Promise<World> {
  const county = await t.createUnit({ type: 'county' });
  const otherCounty = await t.createUnit({ type: 'county' });
  const dept = await t.createUnit({ type: 'department' });
  const otherDept = await t.createUnit({ type: 'department' });
  const [staff, staff2, otherStaff, bureau, deptUser, otherDeptUser] = await Promise.all([
    t.createUser({ role: 'unit_staff', unitId: county.id }),
    t.createUser({ role: 'unit_staff', unitId: county.id }),
    t.createUser({ role: 'unit_staff', unitId: otherCounty.id }),
    t.createUser({ role: 'bureau' }),
    t.createUser({ role: 'department', unitId: dept.id }),
    t.createUser({ role: 'department', unitId: otherDept.id }),
  ]);
  return { county, otherCounty, dept, otherDept, staff: staff!, staff2: staff2!, otherStaff: otherStaff!, bureau: bureau!, deptUser: deptUser!, otherDeptUser: otherDeptUser! };
}

export const today = () => todayInChina();

/** YYYY-MM-DD shifted by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function newProject(t: TestContext, cookie: string, unitId: number, body: Record<string, unknown> = {}) {
  const res = await t.request(cookie, { method: 'POST', url: '/api/projects', payload: { name: `项目${randomBytes(3).toString('hex')}`, unitId, ...body } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; unitId: number };
}

/** Move a project to `signed` the way the product does: requested by staff, verified by the bureau. */
export async function signProject(t: TestContext, w: World, projectId: number, date = '2026-01-15') {
  const req = await t.request(w.staff.cookie, { method: 'POST', url: `/api/projects/${projectId}/transitions`, payload: { to: 'signed', date } });
  expect(req.statusCode, req.body).toBe(200);
  const ok = await t.request(w.bureau.cookie, { method: 'POST', url: `/api/projects/${projectId}/transitions/${req.json().id}/verify`, payload: {} });
  expect(ok.statusCode, ok.body).toBe(200);
}

export async function exec(t: TestContext, query: ReturnType<typeof sql>) {
  await t.database.db.execute(query);
}

export type Part = { name: string; value: string } | { name: string; filename: string; content: Buffer; type?: string };

/** A multipart/form-data body as a browser sends it (file names as raw UTF-8). */
export function multipart(parts: Part[]) {
  const boundary = `----zsTestBoundary${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head = 'filename' in p
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), 'filename' in p ? p.content : Buffer.from(p.value, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Minimal but real-looking file contents for each allowed type. */
export const SAMPLES = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]),
  jpg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]),
  csv: Buffer.from('项目名称,合同投资额（万元）\n信阳食品厂,12000\n', 'utf8'),
  exe: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), randomBytes(64)]),
};

export async function upload(t: TestContext, cookie: string, file: { filename: string; content: Buffer; type?: string }, fields: Record<string, string> = {}) {
  const body = multipart([...Object.entries(fields).map(([name, value]) => ({ name, value })), { name: 'file', ...file }]);
  return t.request(cookie, { method: 'POST', url: '/api/files', ...body });
}
