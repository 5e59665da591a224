import type { Writable } from 'node:stream';
import { asc, desc, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { MAX_EXPORT_ROWS, type exportProjectsQuery } from '../../../shared/api/import.js';
import { CHANNEL_LABELS, STAGE_LABELS } from '../../../shared/project.js';
import type { Actor } from '../../actor.js';
import { countAll, type Executor } from '../../db/client.js';
import { investors, projects, referrals } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { projectWhere, selectSummaries, toProject } from '../projects/projects.queries.js';
import { getSettings } from '../settings/settings.service.js';
import { dateCell, decimalCell, LEDGER_SHEET, ledgerColumns, styleHeader } from './export.sheet.js';

/*
 * Export the filtered project list as the ledger workbook: the template's headers, amounts in 万元
 * (foreign capital 万美元), stages in Chinese, dates as yyyy-mm-dd date cells, 停滞预警 computed.
 * Same filters and scope as GET /api/projects (projectWhere). Streamed, a page of rows at a time.
 */

const PAGE = 2000;

type Query = z.infer<typeof exportProjectsQuery>;

/** Checked before a byte is streamed, so an over-large export is a clean 400, not a cut download. */
export async function prepareExport(db: Executor, actor: Actor, q: Query) {
  const s = await getSettings(db);
  const where = await projectWhere(db, actor, q, s);
  const [count] = await db.select({ n: countAll }).from(projects).where(where);
  const total = count?.n ?? 0;
  if (total > MAX_EXPORT_ROWS) throw new AppError('EXPORT_TOO_LARGE', 400, { count: total, max: MAX_EXPORT_ROWS });
  return { where, settings: s, total };
}

export async function writeProjectsXlsx(db: Executor, prepared: Awaited<ReturnType<typeof prepareExport>>, q: Query, out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(LEDGER_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  ws.columns = ledgerColumns();
  styleHeader(ws.getRow(1));
  ws.getRow(1).commit();
  const column = projects[q.sort]; // every sort key is a projects column
  const direction = q.order === 'asc' ? asc : desc;
  // As the list orders (no NULLS clause on a NOT NULL column, so its index can serve the order).
  const nulls = column.notNull ? sql`` : q.order === 'asc' ? sql`nulls first` : sql`nulls last`;
  // The order once, as ids (at most MAX_EXPORT_ROWS integers), then the rows a page at a time by id:
  // no OFFSET re-sorting the whole scope for every page.
  const order = await db
    .select({ id: projects.id })
    .from(projects)
    .where(prepared.where)
    .orderBy(sql`${direction(column)} ${nulls}`, direction(projects.id))
    .limit(MAX_EXPORT_ROWS);
  let seq = 0;
  for (let i = 0; i < order.length; i += PAGE) {
    const ids = order.slice(i, i + PAGE).map((x) => x.id);
    const fetched = await selectSummaries(db, prepared.settings).where(inArray(projects.id, ids));
    const byId = new Map(fetched.map((r) => [r.p.id, r]));
    const rows = ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
    const investorIds = [...new Set(rows.map((r) => r.p.investorId).filter((x): x is number => x !== null))];
    const referralIds = [...new Set(rows.map((r) => r.p.referralId).filter((x): x is number => x !== null))];
    const [usccs, referrers] = await Promise.all([
      investorIds.length ? db.select({ id: investors.id, uscc: investors.uscc }).from(investors).where(inArray(investors.id, investorIds)) : [],
      referralIds.length ? db.select({ id: referrals.id, name: referrals.referrerName }).from(referrals).where(inArray(referrals.id, referralIds)) : [],
    ]);
    const usccOf = new Map(usccs.map((x) => [x.id, x.uscc]));
    const referrerOf = new Map(referrers.map((x) => [x.id, x.name]));
    for (const r of rows) {
      const p = toProject(r);
      seq += 1;
      const row = ws.addRow({
        seq,
        name: p.name,
        unit: p.unitName,
        investorName: p.investorName,
        investorUscc: p.investorId ? (usccOf.get(p.investorId) ?? null) : null,
        industry: p.industryCode ? `${p.industryCode} ${p.industryName ?? ''}`.trim() : null,
        stage: STAGE_LABELS[p.sideState ?? p.stage].zh,
        stageDate: dateCell(p.sideState ? p.sideStateDate : p.stageDate),
        signedDate: dateCell(p.signedDate),
        registeredDate: dateCell(p.registeredDate),
        startedDate: dateCell(p.startedDate),
        producingDate: dateCell(p.producingDate),
        atCapacityDate: dateCell(p.atCapacityDate),
        plannedInvestment: decimalCell(p.plannedInvestment),
        contractedInvestment: decimalCell(p.contractedInvestment),
        fixedAssetInvestment: decimalCell(p.fixedAssetInvestment),
        foreignInvestment: decimalCell(p.foreignInvestment),
        expectedOutput: decimalCell(p.expectedOutput),
        expectedTax: decimalCell(p.expectedTax),
        expectedJobs: p.expectedJobs,
        landMu: decimalCell(p.landMu),
        floorAreaM2: decimalCell(p.floorAreaM2),
        carrier: p.carrier,
        channel: p.channel ? CHANNEL_LABELS[p.channel].zh : null,
        isCityKey: p.isCityKey ? '是' : '否',
        isProvinceKey: p.isProvinceKey ? '是' : '否',
        owner: p.owner?.displayName ?? null,
        liaisonLeader: p.liaisonLeader?.displayName ?? null,
        firstReferrer: p.referralId ? (referrerOf.get(p.referralId) ?? null) : null,
        sideStateReason: p.sideStateReason,
        nextStep: p.nextStep,
        description: p.description,
        stalledWarning: p.isStalled ? '是' : '否',
      });
      row.commit();
    }
  }
  ws.commit();
  await wb.commit();
}
