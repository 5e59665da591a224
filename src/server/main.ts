import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { migrateDatabase, openDatabase, type Database } from './db/client.js';
import { ensureInitialised, type SetupResult } from './modules/setup/setup.service.js';
import { purgeExpiredSessions } from './modules/auth/session.service.js';

export interface Server {
  app: FastifyInstance;
  database: Database;
  setup: SetupResult;
  url: string;
  close(): Promise<void>;
}

/** Migrate, and on first run create the admin and (unless DEMO=0) the demo organisation: `npm start` and `npm run seed`. */
export async function prepareDatabase(database: Database, config: Config): Promise<SetupResult> {
  await migrateDatabase(database);
  return ensureInitialised(database.db, {
    adminPassword: config.ADMIN_PASSWORD,
    demo: config.DEMO,
    demoPassword: config.DEMO_PASSWORD,
    orgName: config.ORG_NAME,
  });
}

/** Open the database, migrate, initialise on first run, build the app and listen. */
export async function startServer(config: Config, opts: { logger?: boolean } = {}): Promise<Server> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const setup = await prepareDatabase(database, config);
  await purgeExpiredSessions(database.db);
  const app = await buildApp({ database, config, logger: opts.logger ?? true });
  const url = await app.listen({ port: config.PORT, host: config.HOST });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await app.close();
      await database.close();
    })();
    return closing;
  };
  return { app, database, setup, url, close };
}
