import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { eq, inArray, like, sql } from 'drizzle-orm';
import { scopeRootPath } from '../../../shared/org.js';
import type { Actor } from '../../actor.js';
import type { Tx } from '../../db/client.js';
import { coordinationIssues, followUps, fundTranches, orgUnits, projectNodes, projects, projectTransitions, referrals, users } from '../../db/schema/index.js';
import { recordAudit } from '../audit/audit.service.js';
import { insertInvestor } from '../investors/investors.service.js';
import { insertProject } from '../projects/projects.service.js';
import { insertReferral } from '../referrals/referrals.service.js';
import { insertUser } from '../users/users.service.js';
import { UNIT_PLANS } from './ledger.data.js';
import type { ReferenceFirms } from './ledger.parties.js';
import { LEADER, planLedger, type LedgerPlan } from './ledger.plan.js';

/*
 * Writes the demo ledger (示例台账, ~300 projects) planned by ledger.plan.ts, inside the first-run
 * transaction, right after the demo organisation. Investors, projects and registrations (报备) go
 * through the real insert helpers (insertInvestor, insertProject, insertReferral: validation, tokens,
 * conflict detection, audit). The rest of each project's history — verified and pending stage changes,
 * follow-ups, node plans, coordination issues, funds tranches (ledger.funds.ts) — is inserted in bulk with drizzle: those services take
 * a Db and open their own transaction, and one audit entry per row costs ~2 ms on PGlite (thousands of
 * rows). It is recorded as one `seed_demo_history` audit entry per project holding every row written.
 */

const REFERENCE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../reference');

/** The shipped reference lists (世界500强 2025, 央企), by Chinese name. */
export function loadReferenceFirms(): ReferenceFirms {
  const read = (file: string) => parse(readFileSync(path.join(REFERENCE_DIR, file)), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  const fortune = new Map(read('fortune-global-500-2025.csv').map((r) => [r.name_zh!, { rank: Number(r.rank), country: r.country_zh || '中国' }]));
  const soes = new Set(read('sasac-central-soes.csv').map((r) => r.name_zh!));
  return { fortune, soes };
}

function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Insert many rows in a few statements, returning them in order. */
async function insertMany<T extends { id: number }>(rows: unknown[], insert: (batch: unknown[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const batch of chunks(rows, 500)) if (batch.length) out.push(...(await insert(batch)));
  return out;
}

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

export interface LedgerSeedResult {
  projects: number;
  /** Demo accounts this seed added (unit staff for the counties without one), for the first-run banner. */
  usernames: string[];
}

export async function seedDemoLedger(tx: Tx, actor: Actor, opts: { rootId: number; passwordHash: string; today?: string }): Promise<LedgerSeedResult> {
  const plan: LedgerPlan = planLedger(opts.today ?? todayInChina(), loadReferenceFirms());

  const [root] = await tx.select().from(orgUnits).where(eq(orgUnits.id, opts.rootId));
  const unitRows = await tx
    .select({ id: orgUnits.id, name: orgUnits.name, type: orgUnits.type, path: orgUnits.path })
    .from(orgUnits)
    .where(like(orgUnits.path, `${root!.path}%`));
  const unitId = (name: string) => {
    const row = unitRows.find((u) => u.name === name);
    if (!row) throw new Error(`demo ledger: no demo unit named ${name}`);
    return row.id;
  };

  const userRows = await tx
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, unitId: users.unitId })
    .from(users);
  const created: string[] = [];
  for (const u of UNIT_PLANS) {
    if (userRows.some((x) => x.username === u.owner.username)) continue;
    const row = await insertUser(tx, actor, { username: u.owner.username, displayName: u.owner.displayName, role: 'unit_staff', unitId: unitId(u.unit), passwordHash: opts.passwordHash, isDemo: true });
    userRows.push({ id: row.id, username: row.username, displayName: row.displayName, role: row.role, unitId: row.unitId });
    created.push(`${row.username}（${row.displayName}）`);
  }
  const user = (username: string) => {
    const row = userRows.find((x) => x.username === username);
    if (!row) throw new Error(`demo ledger: no demo user ${username}`);
    return row;
  };

  /** A demo user acting in the seed (the registrant of a 报备). */
  const actorFor = (u: (typeof userRows)[number]): Actor => {
    const unit = unitRows.find((x) => x.id === u.unitId)!;
    return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, unitId: unit.id, unitPath: scopeRootPath(unit), ip: null, lang: 'zh' };
  };

  const investorIds = new Map<string, number>();
  for (const inv of plan.investors) {
    const { unit, ...input } = inv;
    const row = await insertInvestor(tx, actor, input, { unitId: unitId(unit), isDemo: true });
    investorIds.set(inv.name, row.id);
  }

  const projectRows: { id: number }[] = [];
  for (const p of plan.projects) {
    projectRows.push(
      await insertProject(
        tx,
        actor,
        {
          name: p.name,
          unitId: unitId(p.unit),
          investorId: investorIds.get(p.investor)!,
          industryCode: p.industryCode,
          carrier: p.carrier,
          plannedInvestment: p.plannedInvestment,
          contractedInvestment: p.contractedInvestment,
          fixedAssetInvestment: p.fixedAssetInvestment,
          foreignInvestment: p.foreignInvestment,
          expectedOutput: p.expectedOutput,
          expectedTax: p.expectedTax,
          expectedJobs: p.expectedJobs,
          landMu: p.landMu,
          channel: p.channel,
          isCityKey: p.isCityKey,
          isProvinceKey: p.isProvinceKey,
          tags: p.tags,
          ownerUserId: user(p.owner).id,
          liaisonLeaderId: p.hasLiaisonLeader ? user(LEADER).id : null,
          description: p.description,
        },
        { isDemo: true },
      ),
    );
  }
  const projectId = (i: number) => projectRows[i]!.id;

  // 报备 through the referrals service, as their registrants, in the order they were filed: its
  // conflict detection finds the one planned conflict (固始县 vs 潢川县) by itself.
  const referralIds: number[] = [];
  const order = [...plan.referrals.keys()].sort((a, b) => plan.referrals[a]!.registeredAt.localeCompare(plan.referrals[b]!.registeredAt));
  for (const i of order) {
    const r = plan.referrals[i]!;
    const registrant = actorFor(user(r.registeredBy));
    const { referral, conflictIds } = await insertReferral(
      tx,
      registrant,
      {
        investorName: r.investorName,
        // Staff link the directory entry; a referrer account (乡贤) and another county register by name only.
        investorId: registrant.role === 'referrer' || r.projectIndex === null ? null : investorIds.get(r.investor)!,
        projectIntent: r.projectIntent,
        intendedAmount: r.intendedAmount,
        industryCode: r.industryCode,
        referrerName: r.referrerName ?? registrant.displayName,
        referrerKind: r.referrerKind,
        evidenceFileIds: [],
        note: r.note,
      },
      { isDemo: true, registeredAt: new Date(r.registeredAt) },
    );
    if (conflictIds.length !== (r.status === 'conflict' && i === plan.conflict.later ? 1 : 0)) {
      throw new Error(`demo ledger: registration of ${r.investorName} found ${conflictIds.length} conflicts`);
    }
    referralIds[i] = referral.id;
    if (r.projectIndex !== null) {
      // What linkProject records; the project's referral_id is set with its state below.
      await tx.update(referrals).set({ projectId: projectId(r.projectIndex) }).where(eq(referrals.id, referral.id));
      await recordAudit(tx, registrant, { action: 'link_project', entity: 'referral', entityId: referral.id, unitId: referral.unitId, before: { projectId: null }, after: { projectId: projectId(r.projectIndex) } });
    }
  }
  const referralOf = new Map(plan.referrals.flatMap((r, i) => (r.projectIndex === null ? [] : [[r.projectIndex, referralIds[i]!] as const])));

  const transitions = await insertMany(
    plan.projects.flatMap((p, i) =>
      p.transitions.map((t) => ({
        projectId: projectId(i),
        fromStage: t.fromStage,
        fromSideState: t.fromSideState,
        toTarget: t.to,
        eventDate: t.eventDate,
        reason: t.reason,
        lostDestination: t.lostDestination,
        isBackward: t.isBackward,
        status: t.status,
        requestedBy: user(t.requestedBy).id,
        requestedAt: new Date(t.requestedAt),
        reviewedBy: t.reviewedBy ? user(t.reviewedBy).id : null,
        reviewedAt: t.reviewedAt ? new Date(t.reviewedAt) : null,
        reviewNote: t.reviewNote,
      })),
    ),
    (batch) => tx.insert(projectTransitions).values(batch as (typeof projectTransitions.$inferInsert)[]).returning(),
  );
  const followUpRows = await insertMany(
    plan.projects.flatMap((p, i) =>
      p.followUps.map((f) => ({ projectId: projectId(i), unitId: unitId(p.unit), ...f, createdBy: user(p.owner).id, createdAt: new Date(f.createdAt) })),
    ),
    (batch) => tx.insert(followUps).values(batch as (typeof followUps.$inferInsert)[]).returning(),
  );
  const nodeRows = await insertMany(
    plan.projects.flatMap((p, i) => p.nodes.map((n) => ({ projectId: projectId(i), ...n }))),
    (batch) => tx.insert(projectNodes).values(batch as (typeof projectNodes.$inferInsert)[]).returning(),
  );
  const issueRows = await insertMany(
    plan.projects.flatMap((p, i) =>
      p.issues.map((x) => ({
        projectId: projectId(i),
        type: x.type,
        title: x.title,
        description: x.description,
        departmentUnitId: unitId(x.department),
        deadline: x.deadline,
        status: x.status,
        answer: x.answer,
        answeredBy: x.answeredBy ? user(x.answeredBy).id : null,
        answeredAt: x.answeredAt ? new Date(x.answeredAt) : null,
        closedAt: x.closedAt ? new Date(x.closedAt) : null,
        createdBy: user(p.owner).id,
        createdAt: new Date(x.createdAt),
        updatedAt: new Date(x.closedAt ?? x.answeredAt ?? x.createdAt),
      })),
    ),
    (batch) => tx.insert(coordinationIssues).values(batch as (typeof coordinationIssues.$inferInsert)[]).returning(),
  );

  // 实际到位资金: dated after signing, reported by the unit's demo staff, reviewed by the bureau demo user.
  const trancheRows = await insertMany(
    plan.funds.flatMap((list, i) =>
      list.map((f) => ({
        projectId: projectId(i),
        unitId: unitId(plan.projects[i]!.unit),
        date: f.date,
        currency: f.currency,
        amount: f.amount,
        exchangeRate: f.exchangeRate,
        rateDate: f.rateDate,
        amountCny: f.amountCny,
        source: f.source,
        note: f.note,
        status: f.status,
        reportedBy: user(f.reportedBy).id,
        reportedAt: new Date(f.reportedAt),
        reviewedBy: f.reviewedBy ? user(f.reviewedBy).id : null,
        reviewedAt: f.reviewedAt ? new Date(f.reviewedAt) : null,
        reviewNote: f.reviewNote,
        isDemo: true,
      })),
    ),
    (batch) => tx.insert(fundTranches).values(batch as (typeof fundTranches.$inferInsert)[]).returning(),
  );

  const byProject = {
    funds: groupBy(trancheRows, (r) => r.projectId),
    transitions: groupBy(transitions, (r) => r.projectId),
    followUps: groupBy(followUpRows, (r) => r.projectId),
    nodes: groupBy(nodeRows, (r) => r.projectId),
    issues: groupBy(issueRows, (r) => r.projectId),
  };
  // Each project's counted state after its verified transitions, and its latest follow-up's facts
  // (what refreshFollowUpFacts derives), in a few set-based statements rather than 600 small ones.
  for (const batch of chunks([...plan.projects.entries()], 150)) {
    const values = batch.map(([i, p]) => {
      const s = p.state;
      const last = p.followUps[p.followUps.length - 1];
      const dates = p.followUps.map((f) => f.date).sort();
      const version = 1 + p.transitions.filter((t) => t.status === 'verified').length;
      return sql`(${projectId(i)}::int, ${s.stage}::stage, ${s.stageDate}::date, ${s.sideState}::side_state, ${s.sideStateDate}::date,
        ${s.sideStateReason}::text, ${s.lostDestination}::text, ${s.signedDate}::date, ${s.registeredDate}::date, ${s.startedDate}::date,
        ${s.producingDate}::date, ${s.atCapacityDate}::date, ${referralOf.get(i) ?? null}::int, ${version}::int, ${p.createdAt}::timestamptz,
        ${p.updatedAt}::timestamptz, ${last?.date ?? null}::date, ${dates.at(-2) ?? null}::date,
        ${dates.at(-3) ?? null}::date, ${dates.at(-4) ?? null}::date, ${last?.nextStep ?? null}::text, ${last?.nextStepDue ?? null}::date)`;
    });
    await tx.execute(sql`update ${projects} p set stage = v.stage, stage_date = v.stage_date, side_state = v.side_state,
        side_state_date = v.side_state_date, side_state_reason = v.side_state_reason, lost_destination = v.lost_destination,
        signed_date = v.signed_date, registered_date = v.registered_date, started_date = v.started_date, producing_date = v.producing_date,
        at_capacity_date = v.at_capacity_date, referral_id = v.referral_id, version = v.version, created_at = v.created_at,
        updated_at = v.updated_at, last_follow_up_date = v.last_follow_up_date, previous_follow_up_date = v.previous_follow_up_date,
        third_follow_up_date = v.third_follow_up_date, fourth_follow_up_date = v.fourth_follow_up_date, next_step = v.next_step, next_step_due = v.next_step_due
      from (values ${sql.join(values, sql`, `)}) as v(id, stage, stage_date, side_state, side_state_date, side_state_reason, lost_destination,
        signed_date, registered_date, started_date, producing_date, at_capacity_date, referral_id, version, created_at, updated_at,
        last_follow_up_date, previous_follow_up_date, third_follow_up_date, fourth_follow_up_date, next_step, next_step_due)
      where p.id = v.id`);
  }
  const finalRows = await tx.select().from(projects).where(inArray(projects.id, projectRows.map((r) => r.id)));
  for (const after of finalRows) {
    const id = after.id;
    await recordAudit(tx, actor, {
      action: 'seed_demo_history',
      entity: 'project',
      entityId: id,
      unitId: after.unitId,
      after: {
        project: { ...after, searchTokens: undefined },
        transitions: byProject.transitions.get(id) ?? [],
        followUps: byProject.followUps.get(id) ?? [],
        nodes: byProject.nodes.get(id) ?? [],
        issues: byProject.issues.get(id) ?? [],
        funds: byProject.funds.get(id) ?? [],
      },
    });
  }
  return { projects: projectRows.length, usernames: created };
}
