import Decimal from 'decimal.js';
import { normaliseCompanyName } from '../../../shared/company-name.js';
import { FIELDS_BY_KEY, projectKey, type FieldKey } from '../../../shared/import/columns.js';
import type { ParsedRow, RowIssue, RowValues } from '../../../shared/import/rows.js';
import { checkTransition, STAGE_DATE_FIELD, STAGE_LABELS, STAGES, stageIndex, type SideState, type Stage } from '../../../shared/project.js';
import type { StageTarget } from '../../../shared/import/values.js';
import type { Actor } from '../../actor.js';
import type { Executor } from '../../db/client.js';
import { findIndustry } from '../industries/industries.service.js';
import { findUnit, findUser, loadLookups, loadUnits, type ExistingProject, type LookupRequest, type Lookups } from './import.lookups.js';

/*
 * The import plan: what each row would do — create, update, unchanged or error — and why.
 * Identity (idempotency): a row is the project of the same unit whose name compares equal after
 * normaliseKey (full-width folded, spaces removed, case). The investor is not part of the identity,
 * so correcting the investor in the ledger updates the project instead of creating a second one.
 * Blank cells never erase data: an update writes only the cells the file fills.
 */

export type RowAction = 'create' | 'update' | 'unchanged' | 'error';

/** Project columns an import writes (stages move only through transitions): cells as parsed, references resolved. */
export type ProjectValues = Pick<RowValues, (typeof COPIED)[number]> & { industryCode?: string; ownerUserId?: number; liaisonLeaderId?: number };

const DECIMAL_FIELDS = ['plannedInvestment', 'contractedInvestment', 'fixedAssetInvestment', 'foreignInvestment', 'expectedOutput', 'expectedTax', 'landMu', 'floorAreaM2'] as const;
const PLAIN_FIELDS = ['industryCode', 'carrier', 'expectedJobs', 'channel', 'isCityKey', 'isProvinceKey', 'ownerUserId', 'liaisonLeaderId', 'description', 'nextStep'] as const;
const COPIED = ['carrier', 'plannedInvestment', 'contractedInvestment', 'fixedAssetInvestment', 'foreignInvestment', 'expectedOutput', 'expectedTax', 'expectedJobs', 'landMu', 'floorAreaM2', 'channel', 'isCityKey', 'isProvinceKey', 'description', 'nextStep'] as const;

export type InvestorRef = { id: number } | { create: { key: string; name: string; uscc: string | null } } | null;

export interface StageIntent {
  to: StageTarget;
  date: string;
  note: string;
  reason: string | null;
}

export interface RowPlan {
  row: number;
  action: RowAction;
  name: string | null;
  unitId: number | null;
  unitName: string | null;
  investorName: string | null;
  projectId: number | null;
  changes: string[];
  errors: RowIssue[];
  warnings: RowIssue[];
  desired: ProjectValues;
  investor: InvestorRef;
  stage: StageIntent | null;
  /** Stage dates written in the file, compared with verified dates on update. */
  dates: Partial<Record<'signedDate' | 'registeredDate' | 'startedDate' | 'producingDate' | 'atCapacityDate', string>>;
}

export interface PlanOptions {
  actor: Actor;
  filename: string;
  /** Header text of each mapped field, so issues found after parsing still name the column. */
  headers: Partial<Record<FieldKey, string>>;
}

const STAGE_DATE_OF: Record<StageTarget, keyof RowValues | null> = {
  lead: null,
  negotiating: 'negotiatingDate',
  signed: 'signedDate',
  registered: 'registeredDate',
  started: 'startedDate',
  producing: 'producingDate',
  at_capacity: 'atCapacityDate',
  stalled: null,
  lost: null,
  withdrawn: null,
};

// Issues found after parsing; the row number is the plan's own, the column is filled in by planRows.
const issue = (code: RowIssue['code'], field: RowIssue['field'], params?: RowIssue['params']): RowIssue => ({
  code,
  column: null,
  field,
  ...(params ? { params } : {}),
});

function stageIntent(p: ParsedRow, filename: string): StageIntent | 'needs-date' | null {
  const v = p.values;
  if (!v.stage || v.stage === 'lead') return null;
  const own = STAGE_DATE_OF[v.stage];
  const date = (own ? (v[own] as string | undefined) : undefined) ?? v.stageDate;
  if (!date) return 'needs-date';
  const written = (['negotiatingDate', 'signedDate', 'registeredDate', 'startedDate', 'producingDate', 'atCapacityDate', 'stageDate'] as const)
    .filter((k) => v[k])
    .map((k) => `${FIELDS_BY_KEY.get(k)!.zh} ${v[k]}`);
  const isSide = v.stage === 'stalled' || v.stage === 'lost' || v.stage === 'withdrawn';
  return {
    to: v.stage,
    date,
    note: [`Excel 台账导入：${filename} 第${p.row}行`, ...written].join('；'),
    // The ledger is the evidence the bureau reviews; its own reason column when it has one.
    reason: isSide ? (v.sideStateReason ?? `台账记为「${STAGE_LABELS[v.stage].zh}」（Excel 导入）`) : null,
  };
}

/** What an update would change, against the project as it is now. */
export function diffProject(p: ExistingProject, desired: ProjectValues, investorId: number | 'new' | null): string[] {
  const changes: string[] = [];
  for (const k of DECIMAL_FIELDS) {
    const want = desired[k];
    if (want === undefined) continue;
    const have = p[k];
    if (have === null || !new Decimal(have).equals(new Decimal(want))) changes.push(k);
  }
  for (const k of PLAIN_FIELDS) {
    const want = desired[k];
    if (want !== undefined && p[k] !== want) changes.push(k);
  }
  if (investorId === 'new' || (investorId !== null && investorId !== p.investorId)) changes.push('investor');
  return changes;
}

/**
 * The stage change a row asks for, against the project's counted state and its pending change.
 * Never backwards (a correction needs a reason in the app), never over a pending change.
 */
export function planTransition(
  p: ExistingProject,
  pending: { toTarget: string; eventDate: string } | undefined,
  intent: StageIntent | null,
  warnings: RowIssue[],
): StageIntent | null {
  if (!intent) return null;
  const current = { stage: p.stage as Stage, sideState: p.sideState as SideState | null };
  if (intent.to === current.sideState || (!current.sideState && intent.to === current.stage)) return null;
  if (current.sideState && intent.to === current.stage) return null;
  if (pending) {
    if (pending.toTarget !== intent.to) warnings.push(issue('STAGE_PENDING', 'stage'));
    return null;
  }
  if (current.sideState === 'lost' || current.sideState === 'withdrawn') {
    warnings.push(issue('STAGE_CLOSED', 'stage'));
    return null;
  }
  const isStage = (STAGES as readonly string[]).includes(intent.to);
  if (isStage && stageIndex(intent.to as Stage) < stageIndex(current.stage)) {
    warnings.push(issue('STAGE_BEHIND', 'stage', { stage: STAGE_LABELS[intent.to].zh }));
    return null;
  }
  const check = checkTransition(current, intent.to, intent.reason);
  return check.ok && !check.isBackward ? intent : null;
}

function resolveInvestor(v: RowValues, lk: Lookups, errors: RowIssue[]): InvestorRef {
  if (!v.investorName && !v.investorUscc) return null;
  const byUscc = v.investorUscc ? lk.investorsByUscc.get(v.investorUscc) : undefined;
  const byName = v.investorName ? lk.investorsByName.get(normaliseCompanyName(v.investorName)) : undefined;
  if (byUscc) {
    if (byName && !byName.some((x) => x.id === byUscc.id)) errors.push(issue('INVESTOR_MISMATCH', 'investorName'));
    return { id: byUscc.id };
  }
  if (byName && byName.length > 0) {
    const exact = v.investorUscc ? byName.filter((x) => !x.uscc || x.uscc === v.investorUscc) : byName;
    if (exact.length === 0) errors.push(issue('INVESTOR_MISMATCH', 'investorUscc'));
    return { id: (exact[0] ?? byName[0]!).id };
  }
  if (!v.investorName) {
    errors.push(issue('INVESTOR_NAME_REQUIRED', 'investorName'));
    return null;
  }
  // Rows naming the same new enterprise share one new investor, created once at commit.
  const key = v.investorUscc ?? `n:${normaliseCompanyName(v.investorName)}`;
  return { create: { key, name: v.investorName, uscc: v.investorUscc ?? null } };
}

function lookupRequest(rows: ParsedRow[], lk: Pick<Lookups, 'unitsByName' | 'unitsByShortName' | 'actorUnit'>): LookupRequest {
  const req: LookupRequest = { unitIds: new Set(), projectKeys: new Set(), usccs: new Set(), investorNames: new Set(), userNames: new Set(), industryNames: new Set() };
  for (const { values: v } of rows) {
    const unit = v.unit ? findUnit(lk as Lookups, v.unit) : lk.actorUnit;
    if (unit && typeof unit === 'object' && v.name) {
      req.unitIds.add(unit.id);
      req.projectKeys.add(projectKey(unit.id, v.name));
    }
    if (v.investorUscc) req.usccs.add(v.investorUscc);
    if (v.investorName) req.investorNames.add(v.investorName);
    if (v.owner) req.userNames.add(v.owner);
    if (v.liaisonLeader) req.userNames.add(v.liaisonLeader);
    if (v.industry && 'name' in v.industry) req.industryNames.add(v.industry.name);
  }
  return req;
}

/** Plan every row against the database as it is now (the preview, and again at commit). */
export async function planRows(db: Executor, parsed: ParsedRow[], opts: PlanOptions): Promise<RowPlan[]> {
  const units = await loadUnits(db, opts.actor);
  const lk = await loadLookups(db, opts.actor, lookupRequest(parsed, { unitsByName: units.byName, unitsByShortName: units.byShort, actorUnit: units.actorUnit }), units);
  const seen = new Map<string, number>();
  return parsed.map((p) => {
    const plan = planRow(p, lk, opts, seen);
    for (const i of [...plan.errors, ...plan.warnings]) if (i.column === null && i.field) i.column = opts.headers[i.field] ?? null;
    return plan;
  });
}

function planRow(p: ParsedRow, lk: Lookups, opts: PlanOptions, seen: Map<string, number>): RowPlan {
  const v = p.values;
  const errors: RowIssue[] = p.issues.map((i) => ({ ...i }));
  const warnings: RowIssue[] = [];
  const plan: RowPlan = {
    row: p.row,
    action: 'error',
    name: v.name ?? null,
    unitId: null,
    unitName: null,
    investorName: v.investorName ?? null,
    projectId: null,
    changes: [],
    errors,
    warnings,
    desired: {},
    investor: null,
    stage: null,
    dates: { signedDate: v.signedDate, registeredDate: v.registeredDate, startedDate: v.startedDate, producingDate: v.producingDate, atCapacityDate: v.atCapacityDate },
  };
  for (const k of COPIED) if (v[k] !== undefined) (plan.desired as Record<string, unknown>)[k] = v[k];

  const unit = v.unit ? findUnit(lk, v.unit) : (lk.actorUnit ?? 'unknown');
  if (unit === 'unknown') errors.push({ ...issue('UNKNOWN_UNIT', 'unit'), value: v.unit ?? '' });
  else if (unit === 'ambiguous') errors.push({ ...issue('AMBIGUOUS_UNIT', 'unit'), value: v.unit ?? '' });
  else {
    plan.unitId = unit.id;
    plan.unitName = unit.name;
    if (unit.isDisabled) errors.push(issue('UNIT_DISABLED', 'unit'));
  }

  let existing: ExistingProject | undefined;
  if (plan.unitId && v.name) {
    const key = projectKey(plan.unitId, v.name);
    const first = seen.get(key);
    if (first !== undefined) errors.push(issue('DUPLICATE_ROW', 'name', { other: first }));
    else seen.set(key, p.row);
    const matches = lk.projectsByKey.get(key) ?? [];
    if (matches.length > 1) errors.push(issue('AMBIGUOUS_PROJECT', 'name'));
    existing = matches.length === 1 ? matches[0] : undefined;
  }

  if (v.industry) {
    const code = 'code' in v.industry ? v.industry.code : lk.industriesByName.get(v.industry.name);
    if (code && findIndustry(code)) plan.desired.industryCode = code;
    else errors.push({ ...issue('UNKNOWN_INDUSTRY', 'industry'), value: 'code' in v.industry ? v.industry.code : v.industry.name });
  }
  for (const [field, kind, target] of [['owner', 'owner', 'ownerUserId'], ['liaisonLeader', 'leader', 'liaisonLeaderId']] as const) {
    const name = v[field];
    if (!name) continue;
    const user = findUser(lk, opts.actor, name, kind);
    if (user === 'unknown') errors.push({ ...issue('UNKNOWN_USER', field), value: name });
    else if (user === 'ambiguous') errors.push({ ...issue('AMBIGUOUS_USER', field), value: name });
    else plan.desired[target] = user.id;
  }
  plan.investor = resolveInvestor(v, lk, errors);

  const intent = stageIntent(p, opts.filename);
  if (intent === 'needs-date') {
    const own = v.stage ? STAGE_DATE_OF[v.stage] : null;
    errors.push(issue('STAGE_DATE_REQUIRED', 'stage', { stage: STAGE_LABELS[v.stage!].zh, dateField: own ? FIELDS_BY_KEY.get(own as never)!.zh : '阶段日期' }));
  } else plan.stage = intent;

  if (errors.length > 0) return plan;
  if (!existing) {
    plan.action = 'create';
    return plan;
  }
  plan.projectId = existing.id;
  const investorId = plan.investor === null ? null : 'id' in plan.investor ? plan.investor.id : 'new';
  plan.changes = diffProject(existing, plan.desired, investorId);
  if (planTransition(existing, lk.pendingByProject.get(existing.id), plan.stage, warnings)) plan.changes.push('stage');
  warnDateDifferences(existing, plan, warnings);
  plan.action = plan.changes.length > 0 ? 'update' : 'unchanged';
  return plan;
}

/** Verified stage dates differ from the file: said, not changed (dates move only through review). */
function warnDateDifferences(p: ExistingProject, plan: RowPlan, warnings: RowIssue[]) {
  for (const [stage, field] of Object.entries(STAGE_DATE_FIELD) as [Stage, keyof RowPlan['dates']][]) {
    const written = plan.dates[field];
    const verified = p[field];
    if (written && verified && written !== verified) {
      warnings.push(issue('STAGE_DATE_DIFFERS', field, { current: verified, stage }));
    }
  }
}
