import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import type { Role } from '../../shared/roles.js';
import type { UnitType } from '../../shared/org.js';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { migrateDatabase, openDatabase, type Database } from '../db/client.js';
import { ensureInitialised } from '../modules/setup/setup.service.js';

/*
 * Each test file gets its own database: an in-memory PGlite by default, or, when DATABASE_URL is
 * set, a fresh PostgreSQL database created for the file and dropped after it. Tests build their
 * own data through the API (factories below), so they never depend on each other.
 */

export const ADMIN_PASSWORD = 'Admin-pass-2026';
export const USER_PASSWORD = 'User-pass-2026';

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  config: Config;
  rootId: number;
  adminCookie: string;
  /** Inject as the given session cookie (or anonymously with null). */
  request(cookie: string | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  login(username: string, password?: string): Promise<string>;
  createUnit(input: { name?: string; type: UnitType; parentId?: number; divisionCode?: string }): Promise<{ id: number; path: string }>;
  /** Create a user (password USER_PASSWORD, already changed) and sign them in. */
  createUser(input: { role: Role; unitId?: number; username?: string }): Promise<{ id: number; username: string; cookie: string }>;
  close(): Promise<void>;
}

let counter = 0;
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}${randomBytes(2).toString('hex')}`;
}

async function createPostgresDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `zs_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export function cookieFrom(res: LightMyRequestResponse): string {
  const header = res.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  if (!first) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`);
  return first.split(';')[0]!;
}

export async function createTestContext(overrides: Partial<Config> = {}): Promise<TestContext> {
  const baseUrl = process.env.DATABASE_URL;
  const pgDb = baseUrl ? await createPostgresDatabase(baseUrl) : null;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'zs-test-'));
  const config = loadConfig(
    {},
    { LOGIN_DELAY_MS: 0, WEB_DIST: '/nonexistent-web-dist', DATABASE_URL: pgDb?.url, DATA_DIR: dataDir, ...overrides },
  );
  const database = await openDatabase({ databaseUrl: pgDb?.url, poolSize: 4 });
  await migrateDatabase(database);
  await ensureInitialised(database.db, { adminPassword: ADMIN_PASSWORD, demo: false, orgName: '测试市' });
  const app = await buildApp({ database, config });
  await app.ready();

  const request = (cookie: string | null, opts: InjectOptions) =>
    app.inject({ ...opts, headers: { ...(cookie ? { cookie } : {}), ...(opts.headers ?? {}) } });

  const login = async (username: string, password = USER_PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return cookieFrom(res);
  };

  const adminCookie = await login('admin', ADMIN_PASSWORD);
  const me = (await request(adminCookie, { method: 'GET', url: '/api/auth/me' })).json() as { user: { unit: { id: number } } };
  const rootId = me.user.unit.id;

  const ctx: TestContext = {
    app,
    database,
    config,
    rootId,
    adminCookie,
    request,
    login,
    async createUnit(input) {
      const res = await request(adminCookie, {
        method: 'POST',
        url: '/api/org-units',
        payload: { name: input.name ?? uniqueName('单位'), type: input.type, parentId: input.parentId ?? rootId, ...(input.divisionCode ? { divisionCode: input.divisionCode } : {}) },
      });
      if (res.statusCode !== 200) throw new Error(`createUnit failed: ${res.statusCode} ${res.body}`);
      return res.json() as { id: number; path: string };
    },
    async createUser(input) {
      const username = input.username ?? uniqueName('u').toLowerCase();
      const res = await request(adminCookie, {
        method: 'POST',
        url: '/api/users',
        payload: { username, displayName: `测试用户${username}`, unitId: input.unitId ?? rootId, role: input.role },
      });
      if (res.statusCode !== 200) throw new Error(`createUser failed: ${res.statusCode} ${res.body}`);
      const { user, temporaryPassword } = res.json() as { user: { id: number }; temporaryPassword: string };
      const first = await login(username, temporaryPassword);
      const changed = await request(first, {
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: temporaryPassword, newPassword: USER_PASSWORD },
      });
      if (changed.statusCode !== 200) throw new Error(`password change failed: ${changed.body}`);
      return { id: user.id, username, cookie: first };
    },
    async close() {
      await app.close();
      await database.close();
      await pgDb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return ctx;
}
