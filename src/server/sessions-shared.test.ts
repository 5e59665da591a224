import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { migrateDatabase, openDatabase, type Database } from './db/client.js';
import { ensureInitialised } from './modules/setup/setup.service.js';
import { ADMIN_PASSWORD, cookieFrom, createTestContext, USER_PASSWORD, type TestContext } from './test/context.js';

/*
 * Two server processes on one PostgreSQL share sessions (and login throttling), because both live
 * in the database. App A is the harness's; app B is built the way a second process starts: its own
 * connection pool, migrate, ensureInitialised (a no-op now), buildApp.
 *
 * Without DATABASE_URL (PGlite, in process) there is no second connection to open, so B reuses A's
 * Database object: that still proves nothing is kept in process memory — every session lookup goes
 * to the database — but only PostgreSQL proves it across pools.
 */

let t: TestContext;
let databaseB: Database;
let appB: FastifyInstance;
const isPostgres = Boolean(process.env.DATABASE_URL);

beforeAll(async () => {
  t = await createTestContext({ LOGIN_LOCK_AFTER: 3, LOGIN_SLOW_AFTER: 2 });
  databaseB = isPostgres ? await openDatabase({ databaseUrl: t.config.DATABASE_URL, poolSize: 2 }) : t.database;
  await migrateDatabase(databaseB);
  const setup = await ensureInitialised(databaseB.db, { adminPassword: 'Other-admin-pass-1', demo: false, orgName: '另一个' });
  expect(setup.isFirstRun).toBe(false);
  const config = loadConfig({}, { ...t.config });
  appB = await buildApp({ database: databaseB, config });
  await appB.ready();
});
afterAll(async () => {
  await appB?.close();
  if (isPostgres) await databaseB?.close();
  await t.close();
});

const on = (app: FastifyInstance, cookie: string | null, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
const login = async (app: FastifyInstance, username: string, password: string) => {
  const res = await on(app, null, 'POST', '/api/auth/login', { username, password });
  expect(res.statusCode, res.body).toBe(200);
  return cookieFrom(res);
};

describe('two app instances on one database', () => {
  it('are separate instances, each on its own pool when on PostgreSQL', () => {
    expect(appB).not.toBe(t.app);
    if (isPostgres) expect(databaseB).not.toBe(t.database);
    expect(databaseB.kind).toBe(isPostgres ? 'postgres' : 'pglite');
  });

  it('a session made on A works on B; signing out on B ends it on A', async () => {
    const cookie = await login(t.app, 'admin', ADMIN_PASSWORD);
    const onB = await on(appB, cookie, 'GET', '/api/auth/me');
    expect(onB.statusCode).toBe(200);
    expect(onB.json().user.username).toBe('admin');
    // B writes with it too.
    expect((await on(appB, cookie, 'POST', '/api/org-units', { name: '乙进程新建', type: 'county', parentId: t.rootId })).statusCode).toBe(200);

    expect((await on(appB, cookie, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    const onA = await on(t.app, cookie, 'GET', '/api/auth/me');
    expect(onA.statusCode).toBe(401);
    expect(onA.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('a session made on B works on A', async () => {
    const cookie = await login(appB, 'admin', ADMIN_PASSWORD);
    expect((await on(t.app, cookie, 'GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it('disabling a user on A signs them out on B', async () => {
    const u = await t.createUser({ role: 'viewer' });
    const cookieB = await login(appB, u.username, USER_PASSWORD);
    expect((await on(appB, cookieB, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await on(t.app, t.adminCookie, 'POST', `/api/users/${u.id}/disable`)).statusCode).toBe(200);
    expect((await on(appB, cookieB, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('failed sign-ins are counted across both', async () => {
    const u = await t.createUser({ role: 'viewer' });
    const fail = (app: FastifyInstance) => on(app, null, 'POST', '/api/auth/login', { username: u.username, password: 'Wrong-pass-1' });
    expect((await fail(t.app)).statusCode).toBe(401);
    expect((await fail(appB)).statusCode).toBe(401);
    expect((await fail(t.app)).statusCode).toBe(401);
    // Three failures in all: locked on both, even with the right password.
    for (const app of [appB, t.app]) {
      const res = await on(app, null, 'POST', '/api/auth/login', { username: u.username, password: USER_PASSWORD });
      expect(res.statusCode).toBe(429);
      expect(res.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    }
  });
});
