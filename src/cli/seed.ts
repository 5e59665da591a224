import path from 'node:path';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { prepareDatabase } from '../server/main.js';

/*
 * `npm run seed`: prepare a database without serving it — apply the migrations and, on an empty
 * database, create the admin and (unless DEMO=0) the 示例 demo organisation with its ledger, targets,
 * schemes and rewards, exactly as the first `npm start` does. A database already initialised is left
 * as it is (the demo data is only ever written once, by this command or the first start).
 */
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
  const setup = await prepareDatabase(database, config);
  const where = database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${path.resolve(config.DATA_DIR)}`;
  if (!setup.isFirstRun) {
    console.log(`数据库已初始化，未做改动 The database is already initialised; nothing was changed. (${where})`);
  } else {
    const lines = [
      `已初始化 Initialised ${where}${config.DEMO ? ' with the 示例 demo organisation' : ''}.`,
      `  username 用户名: ${setup.adminUsername}`,
      `  password 密码:   ${config.ADMIN_PASSWORD ? '(the ADMIN_PASSWORD you set)' : setup.adminPassword}`,
    ];
    if (setup.demoUsers) {
      lines.push(`  demo accounts 示例账号: ${setup.demoUsers.join(', ')}`, `  password 密码: ${config.DEMO_PASSWORD ? '(the DEMO_PASSWORD you set)' : setup.demoPassword}`);
    }
    console.log(lines.join('\n'));
  }
} finally {
  await database.close();
}
