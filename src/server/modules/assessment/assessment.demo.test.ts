import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitScore } from '../../../shared/assessment/score.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { migrateDatabase, openDatabase, type Database } from '../../db/client.js';
import { cookieFrom } from '../../test/context.js';
import { ensureInitialised } from '../setup/setup.service.js';

/* The demo's assessment (示例考核), seeded on first run: three example schemes and one published run. */

const DEMO_PASSWORD = 'Demo-pass-2026';
let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  // PGlite only: the seed itself is exercised on PostgreSQL by ledger.seed.test.ts.
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

async function get(username: string, url: string) {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  expect(login.statusCode, login.body).toBe(200);
  const res = await app.inject({ method: 'GET', url, headers: { cookie: cookieFrom(login) } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('demo assessment', () => {
  it('has the three example schemes (示例) and one published run of the 50/30/20 scheme over the counties and zones', async () => {
    const schemes = await get('demo.bureau', '/api/assessment-schemes');
    expect(schemes.total).toBe(3);
    for (const s of schemes.items) expect(s).toMatchObject({ isDemo: true, name: expect.stringMatching(/^示例·/) });
    const runs = await get('demo.bureau', '/api/assessment-runs');
    expect(runs.items).toHaveLength(1);
    expect(runs.items[0]).toMatchObject({ status: 'published', isDemo: true, schemeName: expect.stringContaining('50/30/20') });
    const run = await get('demo.leader', `/api/assessment-runs/${runs.items[0].id}`);
    expect(run.result.units).toHaveLength(13);
    expect(run.result.units.map((u: UnitScore) => u.rank)[0]).toBe(1);
    // The approved demo targets make the 省外资金 and amount items score: the ranking is alive.
    const scored = (itemId: string) => run.result.units.filter((u: UnitScore) => Number(u.items.find((i) => i.itemId === itemId)?.score ?? 0) > 0).length;
    expect(scored('funds_out_of_province')).toBeGreaterThan(6);
    expect(scored('signed_amount')).toBeGreaterThan(6);
    const diff = await get('demo.bureau', `/api/assessment-runs/${runs.items[0].id}/diff`);
    expect(diff).toMatchObject({ isUnchanged: true, changes: [] });
    const mine = await get('demo.pingqiao', `/api/assessment-runs/${runs.items[0].id}`);
    expect(mine.result.units.map((u: UnitScore) => u.name)).toEqual(['平桥区']);
  });
});
