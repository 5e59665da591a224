import { eq, sql } from 'drizzle-orm';
import { systemActor } from '../../actor.js';
import type { Db } from '../../db/client.js';
import { appMeta, users } from '../../db/schema/index.js';
import { generatePassword, hashPassword } from '../auth/password.js';
import { insertUnit } from '../org/org.service.js';
import { insertUser } from '../users/users.service.js';
import { seedDemoOrganisation } from './demo.seed.js';
import { seedDemoLedger } from './ledger.seed.js';
import { seedDemoTargets } from './demo.targets.js';
import { seedDemoAssessment } from './demo.assessment.js';
import { seedDemoRewards } from './demo.rewards.js';

const SETUP_LOCK_KEY = 0x5a5302;

export interface SetupOptions {
  adminPassword?: string | undefined;
  demo: boolean;
  demoPassword?: string | undefined;
  orgName: string;
}

export interface SetupResult {
  /** True when this call initialised an empty database (first run). */
  isFirstRun: boolean;
  adminUsername: string;
  /** Only on first run: the password to print once. */
  adminPassword?: string;
  demoPassword?: string;
  demoUsers?: string[];
}

/**
 * First run: create the root unit, the admin and (unless DEMO=0) the demo organisation, once.
 * Safe to call on every start and from several processes at once (advisory lock + marker row).
 */
export async function ensureInitialised(db: Db, opts: SetupOptions): Promise<SetupResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
    const [marker] = await tx.select().from(appMeta).where(eq(appMeta.key, 'initialised_at'));
    if (marker) return { isFirstRun: false, adminUsername: 'admin' };

    const actor = systemActor('setup');
    const adminPassword = opts.adminPassword ?? generatePassword(14);
    let result: SetupResult;
    if (opts.demo) {
      const demoPassword = opts.demoPassword ?? generatePassword(12);
      const demoHash = await hashPassword(demoPassword);
      const demo = await seedDemoOrganisation(tx, actor, demoHash);
      // The demo ledger (~300 示例 projects with their history), in this same first-run transaction.
      const ledger = await seedDemoLedger(tx, actor, { rootId: demo.rootId, passwordHash: demoHash });
      // The demo year's targets, decomposed from the city to its counties and zones (示例目标).
      await seedDemoTargets(tx, actor, { rootId: demo.rootId });
      // The three example schemes for the demo year and one published run of the first (示例考核).
      await seedDemoAssessment(tx, actor, { rootId: demo.rootId });
      // The example reward rules and one published run for the demo year (示例奖励兑现).
      await seedDemoRewards(tx, actor, { rootId: demo.rootId });
      await insertUser(tx, actor, {
        username: 'admin',
        displayName: '系统管理员',
        unitId: demo.rootId,
        role: 'admin',
        passwordHash: await hashPassword(adminPassword),
      });
      result = { isFirstRun: true, adminUsername: 'admin', adminPassword, demoPassword, demoUsers: [...demo.usernames, ...ledger.usernames] };
    } else {
      const root = await insertUnit(tx, actor, null, { name: opts.orgName, type: 'city' });
      await insertUser(tx, actor, {
        username: 'admin',
        displayName: '系统管理员',
        unitId: root.id,
        role: 'admin',
        passwordHash: await hashPassword(adminPassword),
      });
      result = { isFirstRun: true, adminUsername: 'admin', adminPassword };
    }
    await tx.insert(appMeta).values({ key: 'initialised_at', value: new Date().toISOString() });
    return result;
  });
}

export async function hasAdmin(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1);
  return Boolean(row);
}
