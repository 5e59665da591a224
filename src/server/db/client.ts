import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
// Both drivers produce a PgDatabase; everything above db/ sees only this type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<PgQueryResultHKT, Schema, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tx = PgTransaction<PgQueryResultHKT, Schema, any>;
/** Anything a query can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** A directory for PGlite, or undefined for an in-memory database (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    // JIT compiling costs PostgreSQL seconds on the KPI engine's wide aggregates for milliseconds of
    // work (EXPLAIN ANALYZE on the stats bench); this app's queries are short: every session runs without it.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, options: '-c jit=off' });
    // A broken idle connection must not crash the process; the next query gets a fresh one.
    pool.on('error', () => undefined);
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const client = opts.dataDir ? new PGlite(path.join(opts.dataDir, 'pglite')) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return { db, kind: 'pglite', close: () => client.close() };
}

/**
 * Migrations that rewrite most projects' rows (a backfill, then the facts index built in the same
 * transaction, which indexes the old row versions too). Applied to a database that had data, they
 * leave the table's dead rows and that index twice its size: the table is vacuumed and the index
 * rebuilt right after (a million projects: ~20 s and ~2 s; the province's quarterly run took
 * 2.4 s before them, 1.3 s after). A new database skips it.
 */
const REWRITE_PROJECTS = new Set(['0015_previous_follow_up', '0016_recent_follow_ups']);

export async function migrateDatabase(database: Database): Promise<void> {
  const [known] = await queryRows<{ known: boolean }>(database.db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as known`);
  const [applied] = known?.known ? await queryRows<{ last: unknown }>(database.db, sql`select max(created_at) as last from drizzle.__drizzle_migrations`) : [];
  const lastApplied = applied?.last === null || applied?.last === undefined ? null : Number(applied.last);
  if (database.kind === 'postgres') {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migratePg(database.db as any, { migrationsFolder: MIGRATIONS });
  } else {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migratePglite(database.db as any, { migrationsFolder: MIGRATIONS });
  }
  if (lastApplied === null) return;
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  if (journal.entries.some((e) => e.when > lastApplied && REWRITE_PROJECTS.has(e.tag))) {
    await database.db.execute(sql`vacuum analyze projects`);
    await database.db.execute(sql`reindex index projects_facts_idx`);
  }
}

/** Raw SQL returning rows, the same shape on both drivers. */
export async function queryRows<T extends Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Raw SQL run with planner settings of its own (`set local`, for this statement only), set in one
 * round trip.
 */
export async function queryRowsWith<T extends Record<string, unknown>>(db: Executor, settings: Record<string, string>, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select ${sql.join(
      Object.entries(settings).map(([name, value]) => sql`set_config(${name}, ${value}, true)`),
      sql`, `,
    )}`);
    return queryRows<T>(tx, query);
  });
}

/**
 * Raw SQL run without parallel workers, for a statement run beside others of the same request: on
 * a few cores, workers only contend with the other statements.
 */
export function queryRowsSerial<T extends Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  return queryRowsWith<T>(db, { max_parallel_workers_per_gather: '0' }, query);
}

/** count(*) is a number on PGlite and a string on node-postgres (bigint); callers get a number. */
export function toCount(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return Number.parseInt(value, 10);
  return 0;
}

export const countAll = sql<number>`count(*)`.mapWith(toCount);

/** A text[] literal from bound parameters (drizzle would otherwise expand an array into a list). */
export function textArray(values: readonly string[]): SQL {
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}
