import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../../shared/api/users.js';
import type { Role } from '../../../shared/roles.js';
import { createTestContext, uniqueName, USER_PASSWORD, type TestContext } from '../../test/context.js';

let t: TestContext;
const fx = {
  countyA: { id: 0, path: '' },
  townA: { id: 0, path: '' },
  countyB: { id: 0, path: '' },
  disabledUnit: { id: 0, path: '' },
  countyAdmin: { id: 0, cookie: '' },
  countyStaff: { id: 0, cookie: '' },
  // Plain users (no session) to list and filter.
  inCountyA: 0,
  inTownA: 0,
  inCountyB: 0,
};
const tag = uniqueName('ut').toLowerCase();

type Body = Record<string, unknown>;
const post = (body: Body, cookie = t.adminCookie) => t.request(cookie, { method: 'POST', url: '/api/users', payload: body });
const patch = (id: number, body: Body, cookie = t.adminCookie) => t.request(cookie, { method: 'PATCH', url: `/api/users/${id}`, payload: body });
const get = (id: number, cookie = t.adminCookie) => t.request(cookie, { method: 'GET', url: `/api/users/${id}` });
const list = (query: string, cookie = t.adminCookie) => t.request(cookie, { method: 'GET', url: `/api/users?${query}` });
const me = (cookie: string) => t.request(cookie, { method: 'GET', url: '/api/auth/me' });
const ids = (res: { json(): { items: User[] } }) => res.json().items.map((u) => u.id).sort((a, b) => a - b);

/** A user with a known password and no session (one hash, no sign-in). */
async function plainUser(unitId: number, role: Role = 'viewer', extra: Body = {}): Promise<User> {
  const res = await post({ username: uniqueName(`${tag}.`).toLowerCase(), displayName: '普通用户', unitId, role, password: 'Plain-pass-1', ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().user;
}

beforeAll(async () => {
  t = await createTestContext();
  fx.countyA = await t.createUnit({ type: 'county', name: uniqueName('甲县') });
  fx.townA = await t.createUnit({ type: 'town', parentId: fx.countyA.id, name: uniqueName('甲镇') });
  fx.countyB = await t.createUnit({ type: 'county', name: uniqueName('乙县') });
  fx.disabledUnit = await t.createUnit({ type: 'county', name: uniqueName('停用县') });
  await t.request(t.adminCookie, { method: 'POST', url: `/api/org-units/${fx.disabledUnit.id}/disable` });
  const [admin, staff] = await Promise.all([
    t.createUser({ role: 'admin', unitId: fx.countyA.id }),
    t.createUser({ role: 'unit_staff', unitId: fx.countyA.id }),
  ]);
  fx.countyAdmin = admin;
  fx.countyStaff = staff;
  fx.inCountyA = (await plainUser(fx.countyA.id, 'leader', { displayName: '甲县领导', phone: '0376-4561234' })).id;
  fx.inTownA = (await plainUser(fx.townA.id, 'unit_staff', { displayName: '甲镇招商员' })).id;
  fx.inCountyB = (await plainUser(fx.countyB.id, 'unit_staff', { displayName: '乙县招商员' })).id;
});
afterAll(() => t.close());

describe('create', () => {
  it('lower-cases the username and refuses a duplicate in any case', async () => {
    const name = `${tag}.Zhang.San`;
    const res = await post({ username: `  ${name.toUpperCase()} `, displayName: '张三', unitId: fx.countyA.id, role: 'unit_staff' });
    expect(res.statusCode, res.body).toBe(200);
    const { user, temporaryPassword } = res.json();
    expect(user).toMatchObject({
      username: name.toLowerCase(),
      displayName: '张三',
      role: 'unit_staff',
      unitId: fx.countyA.id,
      unitType: 'county',
      isDisabled: false,
      mustChangePassword: true,
      lastLoginAt: null,
    });
    // No password given: a one-time password comes back, once.
    expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(JSON.stringify(res.json())).not.toMatch(/scrypt|passwordHash/);

    const dup = await post({ username: name, displayName: '张三二', unitId: fx.countyB.id, role: 'viewer', password: 'Another-pass-1' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'USERNAME_TAKEN', details: [{ field: 'username' }] });
  });

  it('takes a given password and returns no temporary one', async () => {
    const username = uniqueName(`${tag}.given`).toLowerCase();
    const res = await post({ username, displayName: '自设密码', unitId: fx.townA.id, role: 'viewer', password: 'Given-pass-1' });
    expect(res.json().temporaryPassword).toBeNull();
    expect((await t.login(username, 'Given-pass-1')).length).toBeGreaterThan(0);
  });

  it('refuses a unit outside the creator’s scope as if it did not exist', async () => {
    const body = { username: uniqueName(`${tag}.out`).toLowerCase(), displayName: '越权', role: 'viewer', password: 'Scope-pass-1' };
    for (const unitId of [fx.countyB.id, t.rootId, 999999]) {
      const res = await post({ ...body, unitId }, fx.countyAdmin.cookie);
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', details: [{ field: 'unitId' }] });
    }
    expect((await post({ ...body, unitId: fx.townA.id }, fx.countyAdmin.cookie)).statusCode).toBe(200);
  });

  it('refuses a disabled unit', async () => {
    const res = await post({ username: uniqueName(`${tag}.off`).toLowerCase(), displayName: '停用单位', unitId: fx.disabledUnit.id, role: 'viewer' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'UNIT_DISABLED', details: [{ field: 'unitId' }] });
  });

  it('refuses a weak password, naming the field', async () => {
    const username = uniqueName(`${tag}.weak1`).toLowerCase();
    const same = await post({ username, displayName: '弱密码', unitId: fx.countyA.id, role: 'viewer', password: username.toUpperCase() });
    expect(same.statusCode).toBe(400);
    expect(same.json().error).toMatchObject({ code: 'WEAK_PASSWORD', details: [{ field: 'password' }] });
    // Too short / letters only are refused by the schema, on the same field.
    for (const password of ['Ab1', 'onlyletters', '123456789']) {
      const res = await post({ username, displayName: '弱密码', unitId: fx.countyA.id, role: 'viewer', password });
      expect(res.statusCode, password).toBe(400);
      expect(res.json().error.details[0].field, password).toBe('password');
    }
    expect((await list(`q=${username}`)).json().total).toBe(0);
  });

  it.each([
    ['username too short', { username: 'ab' }, 'username'],
    ['username with a space', { username: 'zhang san' }, 'username'],
    ['username in Chinese', { username: '张三' }, 'username'],
    ['unknown role', { role: 'superuser' }, 'role'],
    ['bad email', { email: 'not-an-email' }, 'email'],
    ['bad phone', { phone: 'call me' }, 'phone'],
    ['blank display name', { displayName: ' \u200B ' }, 'displayName'],
  ])('refuses %s', async (_label, override, field) => {
    const res = await post({ username: uniqueName(`${tag}.v`).toLowerCase(), displayName: '校验', unitId: fx.countyA.id, role: 'viewer', ...override });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION' });
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
  });
});

describe('list', () => {
  it('lists a unit with its subtree by default, or the unit alone', async () => {
    const subtree = (await list(`unitId=${fx.countyA.id}&pageSize=200`)).json<{ items: User[] }>().items;
    expect(subtree.map((u) => u.id)).toEqual(expect.arrayContaining([fx.inCountyA, fx.inTownA, fx.countyAdmin.id, fx.countyStaff.id]));
    expect(subtree.every((u) => u.unitId === fx.countyA.id || u.unitId === fx.townA.id)).toBe(true);

    const alone = (await list(`unitId=${fx.countyA.id}&subtree=false&pageSize=200`)).json<{ items: User[] }>().items;
    expect(alone.map((u) => u.id)).toContain(fx.inCountyA);
    expect(alone.map((u) => u.id)).not.toContain(fx.inTownA);
    expect(alone.every((u) => u.unitId === fx.countyA.id)).toBe(true);
  });

  it('filters by role and by q (username, display name, phone)', async () => {
    const leaders = (await list(`unitId=${fx.countyA.id}&role=leader`)).json<{ items: User[] }>().items;
    expect(leaders.map((u) => u.id)).toEqual([fx.inCountyA]);
    expect(ids(await list(`q=${encodeURIComponent('甲镇招商')}`))).toEqual([fx.inTownA]);
    expect(ids(await list('q=4561234'))).toEqual([fx.inCountyA]);
    // % is a literal character, not a wildcard.
    expect(ids(await list(`q=${encodeURIComponent('%')}`))).toEqual([]);
  });

  it('pages, with a stable total', async () => {
    const unit = await t.createUnit({ type: 'county', name: uniqueName('分页县') });
    const created: number[] = [];
    for (let i = 0; i < 5; i++) created.push((await plainUser(unit.id)).id);
    const pages = await Promise.all([1, 2, 3].map((page) => list(`unitId=${unit.id}&pageSize=2&page=${page}`)));
    expect(pages.map((p) => p.json().total)).toEqual([5, 5, 5]);
    expect(pages.map((p) => p.json().items.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((p) => p.json().items.map((u: User) => u.id))).toEqual(created);
  });

  it('hides disabled users unless asked', async () => {
    const u = await plainUser(fx.countyB.id);
    await t.request(t.adminCookie, { method: 'POST', url: `/api/users/${u.id}/disable` });
    expect(ids(await list(`unitId=${fx.countyB.id}`))).not.toContain(u.id);
    expect(ids(await list(`unitId=${fx.countyB.id}&includeDisabled=true`))).toContain(u.id);
  });
});

describe('scope', () => {
  it.each(['countyAdmin', 'countyStaff'] as const)('a county-level %s lists only its subtree’s users', async (who) => {
    const res = (await list('pageSize=200', fx[who].cookie)).json<{ items: User[]; total: number }>();
    expect(res.total).toBe(res.items.length);
    expect(res.items.every((u) => u.unitId === fx.countyA.id || u.unitId === fx.townA.id)).toBe(true);
    expect(res.items.map((u) => u.id)).toEqual(expect.arrayContaining([fx.inCountyA, fx.inTownA]));
    expect(res.items.map((u) => u.id)).not.toContain(fx.inCountyB);
  });

  it.each(['countyAdmin', 'countyStaff'] as const)('a user outside scope is 404 to %s', async (who) => {
    const cookie = fx[who].cookie;
    for (const res of [await get(fx.inCountyB, cookie), await list(`unitId=${fx.countyB.id}`, cookie), await get(999999, cookie)]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect((await get(fx.inTownA, cookie)).json().unitId).toBe(fx.townA.id);
  });

  it('a county admin cannot change, reset, disable or move users outside its subtree', async () => {
    const c = fx.countyAdmin.cookie;
    const attempts = [
      await patch(fx.inCountyB, { displayName: '越权' }, c),
      await t.request(c, { method: 'POST', url: `/api/users/${fx.inCountyB}/reset-password`, payload: {} }),
      await t.request(c, { method: 'POST', url: `/api/users/${fx.inCountyB}/disable` }),
      // Its own user moved out of its scope.
      await patch(fx.inTownA, { unitId: fx.countyB.id }, c),
    ];
    for (const res of attempts) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect((await get(fx.inCountyB)).json()).toMatchObject({ displayName: '乙县招商员', isDisabled: false });
    expect((await get(fx.inTownA)).json().unitId).toBe(fx.townA.id);
  });
});

describe('update', () => {
  it('edits details without signing the user out', async () => {
    const u = await t.createUser({ role: 'viewer', unitId: fx.countyA.id });
    const res = await patch(u.id, { displayName: '新名字', phone: '13800000000', email: 'a@example.cn' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '新名字', phone: '13800000000', email: 'a@example.cn' });
    expect((await me(u.cookie)).statusCode).toBe(200);
    expect((await patch(u.id, { phone: null, email: null })).json()).toMatchObject({ phone: null, email: null });
  });

  it.each([
    ['role', { role: 'leader' }],
    ['unit', { unitId: 0 }],
  ] as const)('a new %s signs the user out', async (what, change) => {
    const u = await t.createUser({ role: 'viewer', unitId: fx.countyA.id });
    const body = what === 'unit' ? { unitId: fx.townA.id } : change;
    expect((await me(u.cookie)).statusCode).toBe(200);
    const res = await patch(u.id, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject(body);
    expect((await me(u.cookie)).statusCode).toBe(401);
    // Signing in again shows the new role / unit.
    const again = (await me(await t.login(u.username, USER_PASSWORD))).json().user;
    if (what === 'role') expect(again.role).toBe('leader');
    else expect(again.unit.id).toBe(fx.townA.id);
  });

  it('refuses moving a user into a disabled unit', async () => {
    const res = await patch(fx.inCountyB, { unitId: fx.disabledUnit.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'UNIT_DISABLED', details: [{ field: 'unitId' }] });
  });

  it('does not let an admin lock themselves out', async () => {
    const c = fx.countyAdmin.cookie;
    const id = fx.countyAdmin.id;
    for (const [body, field] of [
      [{ role: 'viewer' }, 'role'],
      [{ role: 'leader' }, 'role'],
      [{ unitId: fx.townA.id }, 'unitId'],
    ] as const) {
      const res = await patch(id, body, c);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'SELF_LOCKOUT', details: [{ field }] });
    }
    const off = await t.request(c, { method: 'POST', url: `/api/users/${id}/disable` });
    expect(off.statusCode).toBe(400);
    expect(off.json().error.code).toBe('SELF_LOCKOUT');
    // What does not lower their access is fine.
    expect((await patch(id, { role: 'admin', displayName: '县管理员' }, c)).json()).toMatchObject({ role: 'admin', displayName: '县管理员' });
    expect((await patch(id, { unitId: fx.countyA.id }, c)).statusCode).toBe(200);
    const still = (await me(c)).json().user;
    expect(still).toMatchObject({ role: 'admin', unit: { id: fx.countyA.id } });
  });

  it('answers 404 for a user that does not exist', async () => {
    expect((await patch(999999, { displayName: '无' })).statusCode).toBe(404);
    expect((await get(999999)).statusCode).toBe(404);
  });
});

describe('enable and disable', () => {
  it('disabling ends the sessions and refuses sign-in; enabling restores it', async () => {
    const u = await t.createUser({ role: 'unit_staff', unitId: fx.countyB.id });
    const off = await t.request(t.adminCookie, { method: 'POST', url: `/api/users/${u.id}/disable` });
    expect(off.statusCode).toBe(200);
    expect(off.json().isDisabled).toBe(true);
    expect((await me(u.cookie)).statusCode).toBe(401);
    const login = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: USER_PASSWORD } });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('USER_DISABLED');
    // Disabling twice is harmless.
    expect((await t.request(t.adminCookie, { method: 'POST', url: `/api/users/${u.id}/disable` })).statusCode).toBe(200);

    const on = await t.request(t.adminCookie, { method: 'POST', url: `/api/users/${u.id}/enable` });
    expect(on.json().isDisabled).toBe(false);
    expect((await me(await t.login(u.username))).statusCode).toBe(200);
  });

  it('cannot enable a user whose unit is disabled', async () => {
    const unit = await t.createUnit({ type: 'county', name: uniqueName('将停用县') });
    const u = await plainUser(unit.id);
    await t.request(t.adminCookie, { method: 'POST', url: `/api/users/${u.id}/disable` });
    expect((await t.request(t.adminCookie, { method: 'POST', url: `/api/org-units/${unit.id}/disable` })).statusCode).toBe(200);
    const res = await t.request(t.adminCookie, { method: 'POST', url: `/api/users/${u.id}/enable` });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('UNIT_DISABLED');
    expect((await get(u.id)).json().isDisabled).toBe(true);
  });

  it('reset-password ends the sessions and issues a one-time password', async () => {
    const u = await t.createUser({ role: 'viewer', unitId: fx.countyA.id, username: `${tag}.reset1` });
    const res = await t.request(fx.countyAdmin.cookie, { method: 'POST', url: `/api/users/${u.id}/reset-password`, payload: {} });
    expect(res.statusCode).toBe(200);
    const { temporaryPassword } = res.json();
    expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{12}$/);
    expect((await me(u.cookie)).statusCode).toBe(401);
    const fresh = await t.login(u.username, temporaryPassword);
    expect((await me(fresh)).json().user.mustChangePassword).toBe(true);
    // A chosen password equal to the username is refused.
    const weak = await t.request(t.adminCookie, { method: 'POST', url: `/api/users/${u.id}/reset-password`, payload: { password: u.username.toUpperCase() } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'WEAK_PASSWORD', details: [{ field: 'password' }] });
    // The refused reset changed nothing.
    expect((await me(fresh)).statusCode).toBe(200);
  });
});
