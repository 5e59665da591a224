import type { Config } from './config.js';
import type { Database, Db } from './db/client.js';
import type { FileStorage } from './storage/storage.js';

/** What every feature module's routes receive. */
export interface ModuleContext {
  db: Db;
  database: Database;
  config: Config;
  storage: FileStorage;
}
