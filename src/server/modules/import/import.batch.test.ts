import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../../shared/api/import.js';
import { createTestContext, type TestContext } from '../../test/context.js';
import { commitLimits } from './import.commit.js';
import { commit, countOf, ledgerXlsx, preview, rowsOf, upload, waitForJob } from './import.fixtures.js';
import { resolveColumns } from '../../../shared/import/columns.js';
import { parseRow } from '../../../shared/import/rows.js';
import type { Actor } from '../../actor.js';
import { applyBatch, emptyStats } from './import.apply.js';
import { planRows } from './import.plan.js';
import { previewLimits } from './import.service.js';

// The paths for large files — background preview, batched commit — with small limits so a handful
// of rows exercise them.

let t: TestContext;
let staff: { id: number; username: string; cookie: string };
let county: { id: number; path: string };

beforeAll(async () => {
  t = await createTestContext();
  county = await t.createUnit({ type: 'county', name: '潢川县' });
  staff = await t.createUser({ role: 'unit_staff', unitId: county.id });
  Object.assign(commitLimits, { singleTxMaxRows: 3, batchRows: 2, pauseMs: 0 });
});
afterAll(() => t.close());

// A fault the database raises mid-commit, as a full disk or a lost connection would.
async function breakOn(name: string) {
  await t.database.db.execute(
    sql.raw(`create or replace function zs_test_fault() returns trigger language plpgsql as $$
      begin if new.name = '${name}' then raise exception 'injected fault'; end if; return new; end $$`),
  );
  await t.database.db.execute(sql.raw('create trigger zs_test_fault before insert on projects for each row execute function zs_test_fault()'));
}
async function repair() {
  await t.database.db.execute(sql.raw('drop trigger if exists zs_test_fault on projects'));
}

const ledger = (names: string[]) => ({ header: ['项目名称', '合同投资额', '当前进展', '签约日期'], rows: names.map((n) => [n, '100', '签约', '2024-06-01']) });

describe('background preview', () => {
  it('checks the header at once, then reads and plans in the background', async () => {
    previewLimits.syncMaxBytes = 0;
    try {
      const bad = await upload(t, staff.cookie, await ledgerXlsx({ header: ['甲', '乙'], rows: [['1', '2']] }));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('IMPORT_NO_HEADER');
      const res = await upload(t, staff.cookie, await ledgerXlsx({ titles: ['台账'], header: ['项目名称', '合同投资额（亿元）'], rows: [['后台预览项目', 1.2], ['', null], ['后台预览二期', 'x']] }));
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json()).toMatchObject({ status: 'analysing', total: 0, columns: [] });
      const job = await waitForJob(t, staff.cookie, res.json().id);
      expect(job).toMatchObject({ status: 'preview', headerRow: 2, total: 2, counts: { rows: 2, create: 1, error: 1 } });
      expect((await commit(t, staff.cookie, job.id, { skipErrors: true })).json()).toMatchObject({ status: 'done', commit: { created: 1 } });
    } finally {
      previewLimits.syncMaxBytes = 1024 * 1024;
    }
  });
});

describe('batched commit', () => {
  it('commits in the background batch by batch, with progress, and says which rows landed', async () => {
    const names = Array.from({ length: 7 }, (_, i) => `分批项目${i + 1}`);
    const job = await preview(t, staff.cookie, ledger(names));
    const res = await commit(t, staff.cookie, job.id);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ status: 'committing' });
    const done = await waitForJob(t, staff.cookie, job.id);
    expect(done).toMatchObject({ status: 'done', progress: 7, total: 7, commit: { mode: 'batched', created: 7, transitions: 7, landedRows: 7, landedThroughRow: 8, failedAtRow: null } });
  });

  it('stops at a failed batch, keeps the batches before it whole, and resumes on the next commit', async () => {
    const names = ['断点一', '断点二', '断点三', '断点四', '断点五'];
    const job = await preview(t, staff.cookie, ledger(names));
    await breakOn('断点四');
    const projects = await countOf(t, 'projects');
    expect((await commit(t, staff.cookie, job.id)).statusCode).toBe(202);
    let failed: ImportJob;
    try {
      failed = await waitForJob(t, staff.cookie, job.id);
    } finally {
      await repair();
    }
    // Batch 1 (rows 2–3) landed; batch 2 (rows 4–5) failed at row 5 and rolled back whole.
    expect(failed).toMatchObject({ status: 'failed', error: 'INTERNAL', commit: { mode: 'batched', created: 2, landedRows: 2, landedThroughRow: 3, failedAtRow: 5 } });
    expect(await countOf(t, 'projects')).toBe(projects + 2);

    const resumed = await commit(t, staff.cookie, job.id);
    expect(resumed.statusCode).toBe(200); // 3 rows left: one transaction
    expect(resumed.json()).toMatchObject({ status: 'done', commit: { mode: 'single', created: 3 } });
    const rows = (await rowsOf(t, staff.cookie, job.id)).items;
    expect(rows.map((r) => r.action)).toEqual(['unchanged', 'unchanged', 'create', 'create', 'create']);
    expect(await countOf(t, 'projects')).toBe(projects + 5);
  });

  it('writes nothing when a single-transaction commit fails, and records why', async () => {
    const job = await preview(t, staff.cookie, ledger(['整单一', '整单二', '整单三']));
    await breakOn('整单三');
    const projects = await countOf(t, 'projects');
    const audit = await countOf(t, 'audit_log');
    try {
      const res = await commit(t, staff.cookie, job.id);
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('INTERNAL');
    } finally {
      await repair();
    }
    expect(await countOf(t, 'projects')).toBe(projects);
    expect(await countOf(t, 'audit_log')).toBe(audit);
    const job2 = (await t.request(staff.cookie, { method: 'GET', url: `/api/import/jobs/${job.id}` })).json();
    expect(job2).toMatchObject({ status: 'failed', error: 'INTERNAL', commit: { landedRows: 0, failedAtRow: 4 } });
    expect((await commit(t, staff.cookie, job.id)).json()).toMatchObject({ status: 'done', commit: { created: 3 } });
  });
});

describe('two imports of one ledger', () => {
  it('updates, rather than duplicates, a project another import created after this one planned', async () => {
    const actor: Actor = { id: staff.id, username: staff.username, displayName: staff.username, role: 'unit_staff', unitId: county.id, unitPath: county.path, ip: null, lang: 'zh' };
    const columns = resolveColumns(['项目名称', '合同投资额'], new Map());
    const plans = await planRows(t.database.db, [parseRow(2, ['并发导入项目', '300'], columns, '2026-01-01')], { actor, filename: 'b.xlsx', headers: {} });
    expect(plans[0]!.action).toBe('create');
    const first = await t.request(staff.cookie, { method: 'POST', url: '/api/projects', payload: { name: '并发导入项目', unitId: county.id, contractedInvestment: '100' } });
    expect(first.statusCode).toBe(200);
    const stats = emptyStats();
    await t.database.db.transaction((tx) => applyBatch(tx, actor, plans, stats));
    expect(stats).toMatchObject({ created: 0, updated: 1 });
    const list = (await t.request(staff.cookie, { method: 'GET', url: `/api/projects?q=${encodeURIComponent('并发导入项目')}` })).json();
    expect(list.items.map((p: { id: number; contractedInvestment: string }) => [p.id, p.contractedInvestment])).toEqual([[first.json().id, '300.0000']]);
  });
});
