import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.js';
import { migrateDatabase, queryRows } from './client.js';
import journal from '../../../drizzle/meta/_journal.json' with { type: 'json' };

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
}, 60_000);
afterAll(() => t.close());

describe('upgrading a database with data', () => {
  it('backfills the recent follow-up dates, then vacuums the projects and rebuilds their facts index', async () => {
    const unit = await t.createUnit({ type: 'county', name: '升级测试县' });
    const [project] = await queryRows<{ id: number }>(
      t.database.db,
      sql`insert into projects (name, unit_id, stage, stage_date) values ('升级测试项目', ${unit.id}, 'negotiating', '2026-01-01') returning id`,
    );
    const [user] = await queryRows<{ id: number }>(t.database.db, sql`select id from users where username = 'admin'`);
    for (const date of ['2026-01-05', '2026-02-05', '2026-03-05', '2026-04-05', '2026-05-05']) {
      await t.database.db.execute(
        sql`insert into follow_ups (project_id, unit_id, date, kind, content, created_by) values (${project!.id}, ${unit.id}, ${date}, 'call', '电话跟进', ${user!.id})`,
      );
    }
    // The database as it was before 0016: no third and fourth dates, 0015's facts index, 0016 not applied.
    const entry = journal.entries.find((e) => e.tag === '0016_recent_follow_ups')!;
    await t.database.db.execute(sql`alter table projects drop column third_follow_up_date, drop column fourth_follow_up_date`);
    await t.database.db.execute(
      sql`create index projects_facts_idx on projects (unit_id, id, created_at, stage, side_state, side_state_date, signed_date, registered_date, started_date,
            producing_date, at_capacity_date, last_follow_up_date, previous_follow_up_date, contracted_investment, foreign_investment, industry_code, investor_id)`,
    );
    await t.database.db.execute(sql`delete from drizzle.__drizzle_migrations where created_at >= ${entry.when}`);

    await migrateDatabase(t.database);

    const [facts] = await queryRows<{ third: string; fourth: string }>(
      t.database.db,
      sql`select to_char(third_follow_up_date, 'YYYY-MM-DD') as third, to_char(fourth_follow_up_date, 'YYYY-MM-DD') as fourth from projects where id = ${project!.id}`,
    );
    expect(facts).toEqual({ third: '2026-03-05', fourth: '2026-02-05' });
    const [index] = await queryRows<{ def: string }>(t.database.db, sql`select indexdef as def from pg_indexes where indexname = 'projects_facts_idx'`);
    expect(index!.def).toContain('fourth_follow_up_date');
    const [stats] = await queryRows<{ vacuumed: boolean }>(t.database.db, sql`select last_vacuum is not null as vacuumed from pg_stat_user_tables where relname = 'projects'`);
    expect(stats!.vacuumed).toBe(true);
  });
});
