import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/api/audit.js';
import { queryRows } from '../../db/client.js';
import { createTestContext, uniqueName, USER_PASSWORD, type TestContext } from '../../test/context.js';
import { hashEntry, verifyAuditChain } from './audit.service.js';

let t: TestContext;
let adminId = 0;
const fx = {
  countyA: { id: 0, path: '' },
  countyB: { id: 0, path: '' },
  countyLeader: '',
};

beforeAll(async () => {
  t = await createTestContext();
  adminId = (await t.request(t.adminCookie, { method: 'GET', url: '/api/auth/me' })).json().user.id;
  fx.countyA = await t.createUnit({ type: 'county', name: uniqueName('甲县') });
  fx.countyB = await t.createUnit({ type: 'county', name: uniqueName('乙县') });
  fx.countyLeader = (await t.createUser({ role: 'leader', unitId: fx.countyA.id })).cookie;
});
afterAll(() => t.close());

async function entries(query: string, cookie = t.adminCookie): Promise<AuditEntry[]> {
  const res = await t.request(cookie, { method: 'GET', url: `/api/audit-log?pageSize=200&${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

/** The newest entry for an entity and action, with the fields every entry must carry. */
async function latest(entity: string, entityId: number | string, action: string): Promise<AuditEntry> {
  const found = (await entries(`entity=${entity}&entityId=${entityId}&action=${action}`))[0];
  expect(found, `${action} ${entity} ${entityId}`).toBeDefined();
  expect(found!.ip).toBe('127.0.0.1');
  expect(found!.hash).toMatch(/^[0-9a-f]{64}$/);
  expect(Date.now() - Date.parse(found!.at)).toBeLessThan(60_000);
  return found!;
}

const HASH_LEAK = /scrypt\$|passwordHash|password_hash/;

describe('every change is recorded', () => {
  it('unit: create, update, move, disable, enable', async () => {
    const created = await t.createUnit({ type: 'town', parentId: fx.countyA.id, name: '审计镇' });
    const c = await latest('org_unit', created.id, 'create');
    expect(c).toMatchObject({ actorId: adminId, actorName: '系统管理员（admin）', unitId: created.id, before: null });
    expect(c.after).toMatchObject({ id: created.id, name: '审计镇', parentId: fx.countyA.id, type: 'town' });

    await t.request(t.adminCookie, { method: 'PATCH', url: `/api/org-units/${created.id}`, payload: { name: '审计镇二' } });
    const u = await latest('org_unit', created.id, 'update');
    expect(u.before).toMatchObject({ name: '审计镇' });
    expect(u.after).toMatchObject({ name: '审计镇二' });

    await t.request(t.adminCookie, { method: 'POST', url: `/api/org-units/${created.id}/move`, payload: { parentId: fx.countyB.id } });
    const m = await latest('org_unit', created.id, 'move');
    expect(m.before).toMatchObject({ parentId: fx.countyA.id, path: `${fx.countyA.path}${created.id}/` });
    expect(m.after).toMatchObject({ parentId: fx.countyB.id });

    await t.request(t.adminCookie, { method: 'POST', url: `/api/org-units/${created.id}/disable` });
    const d = await latest('org_unit', created.id, 'disable');
    expect(d.before).toMatchObject({ isDisabled: false });
    expect(d.after).toMatchObject({ isDisabled: true });

    await t.request(t.adminCookie, { method: 'POST', url: `/api/org-units/${created.id}/enable` });
    expect((await latest('org_unit', created.id, 'enable')).after).toMatchObject({ isDisabled: false });

    // Newest first, all of them.
    const all = await entries(`entity=org_unit&entityId=${created.id}`);
    expect(all.map((e) => e.action)).toEqual(['enable', 'disable', 'move', 'update', 'create']);
    expect(all.every((e) => e.entityId === String(created.id))).toBe(true);
  });

  it('a refused change is not recorded', async () => {
    const before = await entries('entity=org_unit');
    const res = await t.request(t.adminCookie, { method: 'POST', url: '/api/org-units', payload: { name: '错类型', type: 'city', parentId: t.rootId } });
    expect(res.statusCode).toBe(400);
    expect((await entries('entity=org_unit')).length).toBe(before.length);
  });

  it('user: create, update, reset password, disable — never with a password hash', async () => {
    const res = await t.request(t.adminCookie, {
      method: 'POST',
      url: '/api/users',
      payload: { username: uniqueName('audit.u').toLowerCase(), displayName: '审计用户', unitId: fx.countyA.id, role: 'viewer', password: 'Audit-pass-1' },
    });
    const id = res.json().user.id as number;

    const c = await latest('user', id, 'create');
    expect(c).toMatchObject({ actorId: adminId, unitId: fx.countyA.id, before: null });
    expect(c.after).toMatchObject({ id, displayName: '审计用户', role: 'viewer', unitId: fx.countyA.id });

    await t.request(t.adminCookie, { method: 'PATCH', url: `/api/users/${id}`, payload: { displayName: '审计用户二', role: 'leader' } });
    const u = await latest('user', id, 'update');
    expect(u.before).toMatchObject({ displayName: '审计用户', role: 'viewer' });
    expect(u.after).toMatchObject({ displayName: '审计用户二', role: 'leader' });

    await t.request(t.adminCookie, { method: 'POST', url: `/api/users/${id}/reset-password`, payload: { password: 'Reset-pass-22' } });
    expect((await latest('user', id, 'reset_password')).after).toMatchObject({ mustChangePassword: true });

    await t.request(t.adminCookie, { method: 'POST', url: `/api/users/${id}/disable` });
    const d = await latest('user', id, 'disable');
    expect(d).toMatchObject({ before: { isDisabled: false }, after: { isDisabled: true } });

    for (const e of await entries(`entity=user&entityId=${id}`)) {
      expect(JSON.stringify([e.before, e.after])).not.toMatch(HASH_LEAK);
      expect(JSON.stringify([e.before, e.after])).not.toMatch(/Audit-pass-1|Reset-pass-22/);
    }
  });

  it('sessions: login, logout, change password', async () => {
    const u = await t.createUser({ role: 'viewer', unitId: fx.countyB.id });
    // createUser signed in and changed the password.
    const login = await latest('session', u.id, 'login');
    expect(login).toMatchObject({ actorId: u.id, unitId: fx.countyB.id });
    const change = await latest('user', u.id, 'change_password');
    expect(change).toMatchObject({ actorId: u.id, unitId: fx.countyB.id });
    expect(JSON.stringify(change)).not.toMatch(HASH_LEAK);
    expect(JSON.stringify(change)).not.toContain(USER_PASSWORD);

    await t.request(u.cookie, { method: 'POST', url: '/api/auth/logout' });
    expect(await latest('session', u.id, 'logout')).toMatchObject({ actorId: u.id });
  });

  it('no entry anywhere holds a password hash', async () => {
    const rows = await queryRows<{ before: unknown; after: unknown }>(t.database.db, sql`select before, after from audit_log`);
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(JSON.stringify(row)).not.toMatch(HASH_LEAK);
  });
});

describe('reading the log', () => {
  it('filters by entity, entityId, action and actor', async () => {
    const unit = await t.createUnit({ type: 'town', parentId: fx.countyB.id });
    const byId = await entries(`entity=org_unit&entityId=${unit.id}`);
    expect(byId).toHaveLength(1);
    expect(byId[0]).toMatchObject({ entity: 'org_unit', entityId: String(unit.id), action: 'create' });
    expect(await entries(`entity=user&entityId=${unit.id}&action=create&actorId=${adminId}`)).not.toContainEqual(byId[0]);
    const logins = await entries('action=login');
    expect(logins.length).toBeGreaterThan(0);
    expect(logins.every((e) => e.action === 'login' && e.entity === 'session')).toBe(true);
    const mine = await entries(`actorId=${adminId}`);
    expect(mine.every((e) => e.actorId === adminId)).toBe(true);
  });

  it('filters by date (China time) and refuses impossible dates', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await entries(`from=${today}&to=${today}`)).length).toBeGreaterThan(0);
    expect(await entries('to=2000-01-01')).toEqual([]);
    for (const q of ['from=2024-13-01', 'to=2023-02-29', 'from=yesterday']) {
      const res = await t.request(t.adminCookie, { method: 'GET', url: `/api/audit-log?${q}` });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
  });

  it('pages, newest first', async () => {
    const page1 = (await t.request(t.adminCookie, { method: 'GET', url: '/api/audit-log?pageSize=3&page=1' })).json();
    const page2 = (await t.request(t.adminCookie, { method: 'GET', url: '/api/audit-log?pageSize=3&page=2' })).json();
    const idsOf = (p: { items: AuditEntry[] }) => p.items.map((e) => e.id);
    const all = [...idsOf(page1), ...idsOf(page2)];
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect(page1.total).toBe(page2.total);
  });

  it('a county leader sees only the entries of its subtree’s units', async () => {
    const inside = await t.createUnit({ type: 'town', parentId: fx.countyA.id });
    const outside = await t.createUnit({ type: 'town', parentId: fx.countyB.id });
    const seen = await entries('', fx.countyLeader);
    const units = await queryRows<{ id: number; path: string }>(t.database.db, sql`select id, path from org_units`);
    const pathOf = new Map(units.map((u) => [Number(u.id), u.path]));
    expect(seen.length).toBeGreaterThan(0);
    for (const e of seen) {
      expect(e.unitId, JSON.stringify(e)).not.toBeNull();
      expect(pathOf.get(e.unitId!)!.startsWith(fx.countyA.path)).toBe(true);
    }
    expect(seen.some((e) => e.entityId === String(inside.id))).toBe(true);
    expect(await entries(`entity=org_unit&entityId=${outside.id}`, fx.countyLeader)).toEqual([]);
    expect(await entries(`entity=org_unit&entityId=${outside.id}`)).toHaveLength(1);
  });

  it('an admin also sees system entries with no unit', async () => {
    const rows = await queryRows<{ n: number | string }>(t.database.db, sql`select count(*) as n from audit_log where unit_id is null`);
    if (Number(rows[0]!.n) === 0) {
      // The settings change is deployment-wide: recorded with no unit.
      const res = await t.request(t.adminCookie, { method: 'PUT', url: '/api/settings', payload: { stalledDays: 31 } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const all = await entries('');
    expect(all.some((e) => e.unitId === null)).toBe(true);
    expect((await entries('', fx.countyLeader)).some((e) => e.unitId === null)).toBe(false);
  });
});

describe('the hash chain', () => {
  it('stays intact under concurrent writes', async () => {
    const writes = [
      ...Array.from({ length: 10 }, (_, i) =>
        t.request(t.adminCookie, { method: 'POST', url: '/api/org-units', payload: { name: `并发镇${i}`, type: 'town', parentId: fx.countyA.id } }),
      ),
      ...Array.from({ length: 4 }, (_, i) =>
        t.request(t.adminCookie, { method: 'PATCH', url: `/api/org-units/${fx.countyB.id}`, payload: { sortOrder: i } }),
      ),
    ];
    const results = await Promise.all(writes);
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 200));

    const result = await verifyAuditChain(t.database.db);
    const [count] = await queryRows<{ n: number | string }>(t.database.db, sql`select count(*) as n from audit_log`);
    expect(result).toEqual({ ok: true, checked: Number(count!.n), firstBroken: null });
    // No fork: every entry links to a different predecessor.
    const forks = await queryRows(t.database.db, sql`select prev_hash from audit_log group by prev_hash having count(*) > 1`);
    expect(forks).toEqual([]);
    // Small batches walk the same chain.
    expect(await verifyAuditChain(t.database.db, 3)).toEqual(result);
  });

  it('the table refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(t.database.db.execute(sql`update audit_log set action = 'forged' where id = (select max(id) from audit_log)`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_log where id = (select max(id) from audit_log)`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  // The guard is switched off here, as someone with table rights could; the deletion breaks the
  // chain for good, so these run last.
  describe('with the guard trigger switched off', () => {
    const db = () => t.database.db;
    beforeAll(async () => {
      await db().execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
    });
    afterAll(async () => {
      await db().execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
    });

    it('detects an edited entry', async () => {
      const [row] = await queryRows<{ id: number | string; after: unknown; action: string; hash: string }>(
        db(),
        sql`select id, after, action, hash from audit_log where entity = 'org_unit' and action = 'create' order by id limit 1 offset 3`,
      );
      const id = Number(row!.id);
      await db().execute(sql`update audit_log set after = jsonb_set(after, '{name}', '"篡改"') where id = ${id}`);
      expect(await verifyAuditChain(db())).toMatchObject({ ok: false, firstBroken: { id, reason: 'hash' } });

      // Putting the exact content back makes it verify again: the hash covers content, not storage.
      await db().execute(sql`update audit_log set after = ${JSON.stringify(row!.after)}::jsonb where id = ${id}`);
      expect((await verifyAuditChain(db())).ok).toBe(true);

      // Recomputing the edited row's own hash does not help: the next entry no longer links to it.
      const [full] = await queryRows<Record<string, unknown>>(
        db(),
        sql`select at, actor_id, actor_name, ip, action, entity, entity_id, unit_id, before, after, prev_hash from audit_log where id = ${id}`,
      );
      const forgedHash = hashEntry(String(full!.prev_hash), {
        at: new Date(full!.at as string | Date),
        actorId: full!.actor_id as number | null,
        actorName: full!.actor_name as string | null,
        ip: full!.ip as string | null,
        action: 'forged',
        entity: String(full!.entity),
        entityId: full!.entity_id as string | null,
        unitId: full!.unit_id as number | null,
        before: full!.before,
        after: full!.after,
      });
      await db().execute(sql`update audit_log set action = 'forged', hash = ${forgedHash} where id = ${id}`);
      const [nextRow] = await queryRows<{ id: number | string }>(db(), sql`select min(id) as id from audit_log where id > ${id}`);
      expect(await verifyAuditChain(db())).toMatchObject({ ok: false, firstBroken: { id: Number(nextRow!.id), reason: 'prev_hash' } });

      await db().execute(sql`update audit_log set action = ${row!.action}, hash = ${row!.hash} where id = ${id}`);
      expect((await verifyAuditChain(db())).ok).toBe(true);
    });

    it('detects a deleted entry at the entry after it', async () => {
      const rows = await queryRows<{ id: number | string }>(db(), sql`select id from audit_log order by id desc limit 5`);
      const victim = Number(rows[3]!.id);
      const next = Number(rows[2]!.id);
      const [{ n: before }] = (await queryRows<{ n: number | string }>(db(), sql`select count(*) as n from audit_log where id < ${victim}`)) as [
        { n: number | string },
      ];
      await db().execute(sql`delete from audit_log where id = ${victim}`);
      expect(await verifyAuditChain(db())).toEqual({ ok: false, checked: Number(before), firstBroken: { id: next, reason: 'prev_hash' } });
    });
  });
});
