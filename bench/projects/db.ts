import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { Logger } from 'drizzle-orm/logger';
import pg from 'pg';
import type { Database, Db } from '../../src/server/db/client.js';
import * as schema from '../../src/server/db/schema/index.js';
import type { Exec } from './generate.js';

/*
 * The benchmark databases (shared by the projects and stats benches): a dedicated PostgreSQL
 * database next to DATABASE_URL, or a PGlite directory, each with a drizzle handle for buildApp,
 * a raw `exec` for generation and hand-written SQL, and a switch that captures the SQL drizzle runs.
 */

export interface Captured {
  query: string;
  params: unknown[];
}

export interface BenchDb {
  database: Database;
  /** Generation and raw SQL: one dedicated connection on PostgreSQL, so session settings apply. */
  exec: Exec;
  /** Start (true) or stop (false) capturing drizzle's statements; stopping returns them. */
  capture(on: boolean): Captured[];
  close(): Promise<void>;
}

function captureLogger() {
  let on = false;
  let captured: Captured[] = [];
  const logger: Logger = {
    logQuery(query, params) {
      if (on) captured.push({ query, params });
    },
  };
  const capture = (value: boolean) => {
    on = value;
    const out = captured;
    if (value) captured = [];
    return out;
  };
  return { logger, capture };
}

/** `name` next to `baseUrl`: created when missing, dropped and recreated first when `fresh`. `isNew` says it was (re)created. */
export async function openPostgres(baseUrl: string, name: string, opts: { fresh: boolean }): Promise<BenchDb & { isNew: boolean }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const exists = (await admin.query(`select 1 from pg_database where datname = $1`, [name])).rowCount === 1;
  if (opts.fresh || !exists) {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  }
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  // Sessions without JIT, as the server's (db/client.ts), for the route and the raw SQL alike.
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10, options: '-c jit=off' });
  const client = new pg.Client({ connectionString: url.toString(), options: '-c jit=off' });
  await client.connect();
  const { logger, capture } = captureLogger();
  const db = drizzlePg({ client: pool, schema, logger }) as unknown as Db;
  const database: Database = { db, kind: 'postgres', close: () => pool.end() };
  return {
    database,
    isNew: opts.fresh || !exists,
    exec: (text, params) => client.query(text, params as unknown[]),
    capture,
    async close() {
      await client.end();
      await pool.end();
    },
  };
}

export async function openPglite(dir: string): Promise<BenchDb> {
  const client = new PGlite(dir);
  await client.waitReady;
  const { logger, capture } = captureLogger();
  const db = drizzlePglite({ client, schema, logger }) as unknown as Db;
  const database: Database = { db, kind: 'pglite', close: () => client.close() };
  return {
    database,
    exec: async (text, params) => ({ rows: (await client.query<Record<string, unknown>>(text, params)).rows }),
    capture,
    close: () => client.close(),
  };
}
