import type { FastifyInstance } from 'fastify';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RewardLineRecord, RewardRun } from '../../../shared/api/rewards.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { migrateDatabase, openDatabase, type Database } from '../../db/client.js';
import { cookieFrom } from '../../test/context.js';
import { ensureInitialised } from '../setup/setup.service.js';

/* The demo's rewards (示例奖励兑现), seeded on first run: the example rule set and one published run. */

const DEMO_PASSWORD = 'Demo-pass-2026';
let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  // PGlite only, like assessment.demo.test.ts: the seed itself runs on PostgreSQL in ledger.seed.test.ts.
  database = await openDatabase({ poolSize: 2 });
  await migrateDatabase(database);
  await ensureInitialised(database.db, { demo: true, demoPassword: DEMO_PASSWORD, adminPassword: 'Admin-pass-2026', orgName: '信阳市' });
  app = await buildApp({ database, config: loadConfig({}, { LOGIN_DELAY_MS: 0, WEB_DIST: '/nonexistent-web-dist' }) });
  await app.ready();
}, 180_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function get<T>(username: string, url: string): Promise<T> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  expect(login.statusCode, login.body).toBe(200);
  const res = await app.inject({ method: 'GET', url, headers: { cookie: cookieFrom(login) } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
}

describe('demo rewards', () => {
  it('has the example rule set (示例, in use) and one published run whose lines add up, within the caps', async () => {
    const rules = await get<{ items: { name: string; status: string; isDemo: boolean }[] }>('demo.bureau', '/api/rewards/rules');
    expect(rules.items).toHaveLength(1);
    expect(rules.items[0]).toMatchObject({ isDemo: true, status: 'active', name: expect.stringMatching(/^示例·/) });
    const runs = await get<{ items: RewardRun[] }>('demo.bureau', '/api/rewards/runs');
    expect(runs.items).toHaveLength(1);
    const run = runs.items[0]!;
    expect(run).toMatchObject({ status: 'published', isDemo: true });
    expect(run.totals.lineCount).toBeGreaterThan(5);
    expect(new Decimal(run.totals.amount).gt(0)).toBe(true);
    const lines = await get<{ items: RewardLineRecord[]; total: number }>('demo.leader', `/api/rewards/lines?run=${run.id}&pageSize=200`);
    expect(lines.total).toBe(run.totals.lineCount);
    const sum = lines.items.reduce((a, l) => a.plus(l.amount), new Decimal(0));
    expect(sum.toFixed(4)).toBe(run.totals.amount);
    for (const u of run.byUnit) expect(new Decimal(u.amount).lte(200)).toBe(true);
    // A county's staff see only their own units' lines.
    const mine = await get<RewardRun>('demo.pingqiao', `/api/rewards/runs/${run.id}`);
    expect(mine.totals.lineCount).toBeLessThan(run.totals.lineCount);
    expect(mine.byUnit.length).toBeLessThan(run.byUnit.length);
  });
});
