import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIDE_STATES, STAGES } from '../../../shared/project.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { migrateDatabase, openDatabase, queryRows, toCount, type Database } from '../../db/client.js';
import { cookieFrom } from '../../test/context.js';
import { verifyAuditChain } from '../audit/audit.service.js';
import { loadReferenceFirms } from './ledger.seed.js';
import { planLedger } from './ledger.plan.js';
import { ensureInitialised } from './setup.service.js';

/*
 * First run with DEMO on: the demo organisation plus the demo ledger (示例台账), on in-memory PGlite
 * or, with DATABASE_URL, on a fresh PostgreSQL database made for this file.
 */

const DEMO_PASSWORD = 'Demo-pass-2026';
let database: Database;
let app: FastifyInstance;
let dropDatabase: (() => Promise<void>) | null = null;
let seedMs = 0;

async function freshPostgres(baseUrl: string) {
  const name = `zs_test_seed_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  dropDatabase = async () => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
  return url.toString();
}

beforeAll(async () => {
  const url = process.env.DATABASE_URL ? await freshPostgres(process.env.DATABASE_URL) : undefined;
  database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  await migrateDatabase(database);
  const started = performance.now();
  const result = await ensureInitialised(database.db, { demo: true, demoPassword: DEMO_PASSWORD, adminPassword: 'Admin-pass-2026', orgName: '信阳市' });
  seedMs = performance.now() - started;
  expect(result.demoUsers?.some((u) => u.startsWith('demo.huangchuan'))).toBe(true);
  app = await buildApp({ database, config: loadConfig({}, { LOGIN_DELAY_MS: 0, WEB_DIST: '/nonexistent-web-dist', DATABASE_URL: url }) });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
  await dropDatabase?.();
});

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ n: unknown }>(database.db, query);
  return toCount(row?.n);
}

async function get(username: string, url: string) {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  expect(login.statusCode, login.body).toBe(200);
  const res = await app.inject({ method: 'GET', url, headers: { cookie: cookieFrom(login) } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('the demo ledger plan', () => {
  it('is the same on every run for the same day, and shifts with the day', () => {
    const ref = loadReferenceFirms();
    const a = planLedger('2026-05-22', ref);
    expect(planLedger('2026-05-22', ref)).toEqual(a);
    const b = planLedger('2026-06-01', ref);
    expect(b.projects.map((p) => p.name)).toEqual(a.projects.map((p) => p.name));
    expect(b.projects[0]!.createdAt).not.toBe(a.projects[0]!.createdAt);
  });

  it('dates nothing in the future and keeps stage dates in order', () => {
    const today = '2026-05-22';
    const plan = planLedger(today, loadReferenceFirms());
    for (const p of plan.projects) {
      const s = p.state;
      const dates = [s.signedDate, s.registeredDate, s.startedDate, s.producingDate, s.atCapacityDate].filter((d): d is string => d !== null);
      expect([...dates].sort()).toEqual(dates);
      for (const d of [...dates, ...p.followUps.map((f) => f.date), ...p.transitions.map((t) => t.eventDate)]) expect(d < today).toBe(true);
      for (const t of p.transitions) {
        expect(Date.parse(t.requestedAt)).toBeLessThan(Date.parse(`${today}T00:00:00+08:00`));
        if (t.reviewedAt) expect(Date.parse(t.reviewedAt)).toBeGreaterThan(Date.parse(t.requestedAt));
      }
      expect(p.transitions.filter((t) => t.status === 'pending').length).toBeLessThanOrEqual(1);
    }
    // Funds: after signing, before today, reported before they were reviewed, all in the past.
    plan.funds.forEach((list, i) => {
      const p = plan.projects[i]!;
      if (list.length) expect(p.state.signedDate).not.toBeNull();
      for (const f of list) {
        expect(f.date >= p.state.signedDate! && f.date < today && f.date >= '2024-05-22').toBe(true);
        expect(Date.parse(f.reportedAt)).toBeLessThan(Date.parse(`${today}T00:00:00+08:00`));
        expect(Date.parse(f.reportedAt)).toBeGreaterThan(Date.parse(`${f.date}T00:00:00+08:00`));
        if (f.reviewedAt) expect(Date.parse(f.reviewedAt)).toBeGreaterThan(Date.parse(f.reportedAt));
        if (f.reviewedAt) expect(Date.parse(f.reviewedAt)).toBeLessThan(Date.parse(`${today}T00:00:00+08:00`));
      }
    });
  });
});

describe('first run with demo data', () => {
  it('seeds in the first-run transaction in reasonable time', () => {
    console.info(`demo first run (${database.kind}): ${Math.round(seedMs)} ms`);
    expect(seedMs).toBeLessThan(60_000);
  });

  it('adds about 300 demo projects in every stage and side state, across the 10 counties and 3 zones', async () => {
    const total = await count(sql`select count(*) as n from projects`);
    expect(total).toBeGreaterThanOrEqual(280);
    expect(total).toBeLessThanOrEqual(320);
    expect(await count(sql`select count(*) as n from projects where not is_demo`)).toBe(0);
    for (const stage of STAGES) expect(await count(sql`select count(*) as n from projects where stage = ${stage}`), stage).toBeGreaterThan(0);
    for (const side of SIDE_STATES) expect(await count(sql`select count(*) as n from projects where side_state = ${side}`), side).toBeGreaterThan(0);
    expect(await count(sql`select count(distinct unit_id) as n from projects`)).toBe(14); // 10 counties, 3 zones, 蓼城街道
    expect(await count(sql`select count(*) as n from projects p join org_units u on u.id = p.unit_id where u.type = 'department'`)).toBe(0);
  });

  it('keeps every counted stage backed by verified transitions, dated on or before the stage date', async () => {
    // A signed+ project has a verified transition to its stage dated on its stage date.
    const unbacked = await count(sql`select count(*) as n from projects p where p.stage <> 'lead' and not exists (
      select 1 from project_transitions t where t.project_id = p.id and t.status = 'verified' and t.to_target::text = p.stage::text and t.event_date = p.stage_date)`);
    expect(unbacked).toBe(0);
    expect(await count(sql`select count(*) as n from projects where signed_date is not null and signed_date < current_date - 900`)).toBe(0);
    expect(await count(sql`select count(*) as n from project_transitions where status = 'verified' and (reviewed_by is null or reviewed_by = requested_by)`)).toBe(0);
  });

  it('shows the bureau pending stage changes and the 停滞预警', async () => {
    const pending = await get('demo.bureau', '/api/transitions?status=pending');
    expect(pending.total).toBeGreaterThan(0);
    const stalled = await get('demo.bureau', '/api/projects?stalled=true');
    expect(stalled.total).toBeGreaterThan(0);
    const quiet = await count(sql`select count(*) as n from projects where side_state is null and stage not in ('producing', 'at_capacity') and last_follow_up_date < current_date - 30`);
    expect(quiet).toBeGreaterThan(0);
    // A county user sees only their county's demo projects.
    const county = await get('demo.gushi', '/api/projects?pageSize=200');
    expect(county.items.every((p: { unitName: string }) => ['固始县', '蓼城街道'].includes(p.unitName))).toBe(true);
    expect(county).toMatchObject({ total: 40, totalCapped: false });
  });

  it('gives active projects 5–15 follow-ups, signed ones node plans (some overdue) and departments issues', async () => {
    const perProject = await queryRows<{ n: unknown }>(database.db, sql`select count(f.id) as n from projects p left join follow_ups f on f.project_id = p.id where p.side_state is null and p.stage <> 'lead' group by p.id`);
    const counts = perProject.map((r) => toCount(r.n));
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...counts)).toBeLessThanOrEqual(15);
    // Each project's latest follow-up dates, as refreshFollowUpFacts keeps them (停滞 as of a past day reads them).
    const kept = await count(sql`select count(*) as n from projects p cross join lateral (
        select max(d) filter (where k = 1) as d1, max(d) filter (where k = 2) as d2, max(d) filter (where k = 3) as d3, max(d) filter (where k = 4) as d4
        from (select f.date as d, row_number() over (order by f.date desc, f.id desc) as k from follow_ups f where f.project_id = p.id) x) r
      where (p.last_follow_up_date, p.previous_follow_up_date, p.third_follow_up_date, p.fourth_follow_up_date) is distinct from (r.d1, r.d2, r.d3, r.d4)`);
    expect(kept).toBe(0);
    expect(await count(sql`select count(*) as n from projects p where p.signed_date is not null and (p.side_state is null or p.side_state = 'stalled') and not exists (select 1 from project_nodes n where n.project_id = p.id)`)).toBe(0);
    expect(await count(sql`select count(*) as n from project_nodes where actual_date is null and planned_date < current_date`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*) as n from coordination_issues where status = 'open' and deadline < current_date`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*) as n from coordination_issues where status in ('answered', 'closed') and answer is not null and answered_by is not null`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*) as n from coordination_issues i join org_units u on u.id = i.department_unit_id where u.type <> 'department'`)).toBe(0);
  });

  it('uses real 世界500强 and 央企 investors from reference/, and marks invented ones 示例数据', async () => {
    expect(await count(sql`select count(*) as n from investors where tags && array['世界500强', '央企']::text[]`)).toBeGreaterThanOrEqual(28);
    expect(await count(sql`select count(*) as n from investors where not (tags && array['世界500强', '央企']::text[]) and description not like '示例数据%'`)).toBe(0);
    expect(await count(sql`select count(*) as n from investors where not is_demo`)).toBe(0);
    expect(await count(sql`select count(*) as n from projects where liaison_leader_id is not null`)).toBeGreaterThan(0);
  });

  it('has exactly one open credit conflict, between 固始县 and 潢川县 over the same investor', async () => {
    const rows = await queryRows<{ a: string; b: string; na: string; nb: string }>(
      database.db,
      sql`select ua.name as a, ub.name as b, ra.investor_name_norm as na, rb.investor_name_norm as nb from referral_conflicts c
          join referrals ra on ra.id = c.earlier_id join referrals rb on rb.id = c.later_id
          join org_units ua on ua.id = ra.unit_id join org_units ub on ub.id = rb.unit_id where c.status = 'open'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ a: '固始县', b: '潢川县' });
    expect(rows[0]!.na).toBe(rows[0]!.nb);
    // Every other registration is of a different investor, so nothing else should be in conflict.
    const dup = await count(sql`select count(*) as n from (select investor_name_norm from referrals group by 1 having count(*) > 1) x`);
    expect(dup).toBe(1);
    expect(await count(sql`select count(*) as n from referrals where protected_until > now() and status = 'conflict'`)).toBe(2);
  });

  it('leaves an intact audit chain, with the demo history recorded', async () => {
    const result = await verifyAuditChain(database.db);
    expect(result.ok).toBe(true);
    expect(await count(sql`select count(*) as n from audit_log where action = 'seed_demo_history'`)).toBe(await count(sql`select count(*) as n from projects`));
  });

  it('adds verified funds tranches over two years, a few pending and one rejected, after signing', async () => {
    const verified = await count(sql`select count(*) as n from fund_tranches where status = 'verified'`);
    expect(verified).toBeGreaterThan(150);
    expect(await count(sql`select count(*) as n from fund_tranches where status = 'pending'`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*) as n from fund_tranches where status = 'rejected' and review_note is not null`)).toBe(1);
    expect(await count(sql`select count(*) as n from fund_tranches where not is_demo`)).toBe(0);
    // Only signed-or-later projects, dated after the verified signing, and never in the future or beyond two years.
    expect(await count(sql`select count(*) as n from fund_tranches f join projects p on p.id = f.project_id where p.signed_date is null or f.date < p.signed_date or f.date >= current_date or f.date < current_date - 732 or f.unit_id <> p.unit_id`)).toBe(0);
    // Reported by the unit's demo staff (the project's 专人), reviewed by the bureau demo user.
    expect(await count(sql`select count(*) as n from fund_tranches f join projects p on p.id = f.project_id where f.reported_by <> p.owner_user_id`)).toBe(0);
    expect(await count(sql`select count(*) as n from fund_tranches f join users u on u.id = f.reviewed_by where u.username <> 'demo.bureau' or f.reviewed_by = f.reported_by`)).toBe(0);
    // Some 外资 in USD at a dated rate; amounts exact (万元 = 万美元 × rate, 4 decimals).
    expect(await count(sql`select count(*) as n from fund_tranches where currency = 'USD' and source = 'foreign' and status = 'verified'`)).toBeGreaterThan(3);
    expect(await count(sql`select count(*) as n from fund_tranches where currency = 'USD' and amount_cny <> round(amount * exchange_rate, 4)`)).toBe(0);
    expect(await count(sql`select count(distinct source) as n from fund_tranches where status = 'verified'`)).toBe(4);
    // Plausible: verified money in place stays within 85% of each project's contracted investment.
    expect(await count(sql`select count(*) as n from (select p.id from fund_tranches f join projects p on p.id = f.project_id where f.status = 'verified'
      group by p.id, p.contracted_investment having sum(f.amount_cny) > p.contracted_investment * 0.85) x`)).toBe(0);
    // Over both years, for 同比 and the dashboard.
    expect(await count(sql`select count(*) as n from fund_tranches where status = 'verified' and date < current_date - 365`)).toBeGreaterThan(20);
    expect(await count(sql`select count(*) as n from fund_tranches where status = 'verified' and date >= current_date - 365`)).toBeGreaterThan(20);
    const queue = await get('demo.bureau', '/api/funds?status=pending');
    expect(queue.total).toBeGreaterThan(0);
    const [withFunds] = await queryRows<{ id: number }>(database.db, sql`select project_id as id from fund_tranches f join projects p on p.id = f.project_id where f.status = 'verified' and p.unit_id in (select id from org_units where name = '固始县') limit 1`);
    const card = await get('demo.gushi', `/api/projects/${withFunds!.id}/funds`);
    expect(Number(card.totals.verified)).toBeGreaterThan(0);
  });

  it('sets the demo year’s targets: the city decomposed to its counties and zones, adding up, some approved', async () => {
    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4));
    const [city] = await queryRows<{ id: number }>(database.db, sql`select id from org_units where name = '信阳市' and parent_id is null`);
    expect(await count(sql`select count(*) as n from targets where year = ${year} and not is_demo`)).toBe(0);
    // City + 10 counties + 3 zones, six metrics each.
    expect(await count(sql`select count(*) as n from targets t join org_units u on u.id = t.unit_id where t.year = ${year} and (u.id = ${city!.id} or (u.parent_id = ${city!.id} and u.type in ('county', 'zone')))`)).toBe(14 * 6);
    expect(await count(sql`select count(*) as n from targets where status = 'approved'`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*) as n from targets where status = 'draft'`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*) as n from audit_log where action = 'seed_demo_target'`)).toBe(await count(sql`select count(*) as n from targets`));
    for (const metric of ['signed_count', 'signed_amount', 'funds_out_of_city', 'funds_out_of_province_total', 'started_count', 'signed_tier:10000']) {
      const d = await get('demo.bureau', `/api/targets/decomposition?year=${year}&unit=${city!.id}&metric=${encodeURIComponent(metric)}`);
      expect(d.parent, metric).not.toBeNull();
      expect(d.isMismatch, metric).toBe(false);
      expect(Number(d.parent.value), metric).toBeGreaterThan(0);
    }
    // 固始县's signing target, decomposed to its towns by the county's staff (a draft) adds up too.
    const gushi = (await get('demo.gushi', `/api/targets/decomposition?year=${year}&unit=${(await queryRows<{ id: number }>(database.db, sql`select id from org_units where name = '固始县'`))[0]!.id}&metric=signed_count`));
    expect(gushi.isMismatch).toBe(false);
    expect(gushi.children.filter((c: { target: unknown }) => c.target !== null).length).toBeGreaterThanOrEqual(2);
    // Progress reads real figures for every unit target.
    const progress = await get('demo.leader', `/api/targets/progress?year=${year}&metric=signed_count`);
    expect(progress.rows.length).toBe(14);
    expect(progress.rows.every((r: { actual: string | null }) => r.actual !== null)).toBe(true);
  });

  it('is searchable: 食品 and pinyin initials find demo projects', async () => {
    const food = await get('demo.bureau', `/api/search?q=${encodeURIComponent('食品')}`);
    expect(food.projects.length).toBeGreaterThan(0);
    const gushi = await get('demo.gushi', '/api/search?q=gsx');
    expect(gushi.projects.length).toBeGreaterThan(0);
  });
});
