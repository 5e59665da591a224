import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { verifyAuditChain } from '../server/modules/audit/audit.service.js';

// `npm run audit:verify`: walk the audit hash chain and report the first broken link (exit 1).
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    console.log(`审计链完整 Audit chain intact: ${result.checked} entries verified.`);
  } else {
    const b = result.firstBroken!;
    const why = b.reason === 'prev_hash' ? 'does not link to the entry before it (an entry was removed or reordered)' : 'was altered after it was written';
    console.error(`审计链断裂 Audit chain BROKEN at entry #${b.id}: it ${why}. ${result.checked} entries before it verified.`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
