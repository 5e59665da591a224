import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgTreeNode, OrgUnit } from '../../../shared/api/org.js';
import type { UnitType } from '../../../shared/org.js';
import { createTestContext, uniqueName, type TestContext } from '../../test/context.js';

let t: TestContext;

// Two counties under the root city. County A has a town and its own 招商局; users in it act as
// county-level users. County B is "outside" for them.
const fx = {
  root: { id: 0, path: '' },
  countyA: { id: 0, path: '' },
  townA: { id: 0, path: '' },
  bureauA: { id: 0, path: '' },
  countyB: { id: 0, path: '' },
  townB: { id: 0, path: '' },
  cityBureau: { id: 0, path: '' },
  // Signed-in users (cookies).
  countyAdmin: '',
  countyStaff: '',
  countyBureauStaff: '',
  cityBureauStaff: '',
};

beforeAll(async () => {
  t = await createTestContext();
  const root = (await t.request(t.adminCookie, { method: 'GET', url: `/api/org-units/${t.rootId}` })).json<OrgUnit>();
  fx.root = { id: root.id, path: root.path };
  fx.countyA = await t.createUnit({ type: 'county', name: uniqueName('甲县') });
  fx.townA = await t.createUnit({ type: 'town', parentId: fx.countyA.id, name: uniqueName('甲县城关镇') });
  fx.bureauA = await t.createUnit({ type: 'bureau', parentId: fx.countyA.id, name: uniqueName('甲县投资促进局') });
  fx.countyB = await t.createUnit({ type: 'county', name: uniqueName('乙县') });
  fx.townB = await t.createUnit({ type: 'town', parentId: fx.countyB.id, name: uniqueName('乙县城关镇') });
  fx.cityBureau = await t.createUnit({ type: 'bureau', name: uniqueName('市投资促进局') });
  const [admin, staff, bureauStaff, cityBureauStaff] = await Promise.all([
    t.createUser({ role: 'admin', unitId: fx.countyA.id }),
    t.createUser({ role: 'unit_staff', unitId: fx.countyA.id }),
    t.createUser({ role: 'unit_staff', unitId: fx.bureauA.id }),
    t.createUser({ role: 'bureau', unitId: fx.cityBureau.id }),
  ]);
  fx.countyAdmin = admin.cookie;
  fx.countyStaff = staff.cookie;
  fx.countyBureauStaff = bureauStaff.cookie;
  fx.cityBureauStaff = cityBureauStaff.cookie;
});
afterAll(() => t.close());

type Body = Record<string, unknown>;
const create = (body: Body, cookie = t.adminCookie) => t.request(cookie, { method: 'POST', url: '/api/org-units', payload: body });
const patch = (id: number, body: Body, cookie = t.adminCookie) => t.request(cookie, { method: 'PATCH', url: `/api/org-units/${id}`, payload: body });
const move = (id: number, parentId: number, cookie = t.adminCookie) =>
  t.request(cookie, { method: 'POST', url: `/api/org-units/${id}/move`, payload: { parentId } });
const disable = (id: number, cookie = t.adminCookie) => t.request(cookie, { method: 'POST', url: `/api/org-units/${id}/disable` });
const enable = (id: number, cookie = t.adminCookie) => t.request(cookie, { method: 'POST', url: `/api/org-units/${id}/enable` });
const get = async (id: number, cookie = t.adminCookie) => t.request(cookie, { method: 'GET', url: `/api/org-units/${id}` });
const unit = async (id: number) => (await get(id)).json<OrgUnit>();
const list = (query: string, cookie = t.adminCookie) => t.request(cookie, { method: 'GET', url: `/api/org-units?${query}` });
const tree = (cookie = t.adminCookie, query = '') => t.request(cookie, { method: 'GET', url: `/api/org-units/tree${query}` });

async function newUnit(type: UnitType, parentId: number, name = uniqueName(`${type}-`)): Promise<OrgUnit> {
  const res = await create({ name, type, parentId });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<OrgUnit>();
}

describe('create', () => {
  // [unit type, parent fixture, allowed]
  const cases: [UnitType, keyof typeof fx, boolean][] = [
    ['county', 'root', true],
    ['zone', 'root', true],
    ['department', 'root', true],
    ['office', 'root', true],
    ['bureau', 'root', true],
    ['town', 'root', false],
    ['city', 'root', false],
    ['town', 'countyA', true],
    ['zone', 'countyA', true],
    ['county', 'countyA', false],
    ['department', 'townA', false],
    ['town', 'townA', false],
    ['bureau', 'townA', false],
  ];
  it.each(cases)('a %s under %s → allowed %s', async (type, parentKey, allowed) => {
    const parent = fx[parentKey] as { id: number; path: string };
    const res = await create({ name: uniqueName('新单位'), type, parentId: parent.id });
    if (allowed) {
      expect(res.statusCode, res.body).toBe(200);
      const u = res.json<OrgUnit>();
      expect(u).toMatchObject({ type, parentId: parent.id, path: `${parent.path}${u.id}/`, isDisabled: false, userCount: 0, childCount: 0 });
      expect(u.depth).toBe(parent.path.split('/').filter(Boolean).length);
    } else {
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'UNIT_PARENT_TYPE', details: [{ field: 'type' }] });
    }
  });

  it('refuses a parent that does not exist', async () => {
    const res = await create({ name: uniqueName('孤儿'), type: 'county', parentId: 999999 });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('keeps sibling names unique, but not across parents', async () => {
    const name = uniqueName('重名镇');
    expect((await create({ name, type: 'town', parentId: fx.countyA.id })).statusCode).toBe(200);
    const dup = await create({ name, type: 'town', parentId: fx.countyA.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'UNIT_NAME_TAKEN', details: [{ field: 'name' }] });
    // Cleaned before comparison: surrounding spaces do not make a new name.
    expect((await create({ name: `  ${name} `, type: 'town', parentId: fx.countyA.id })).statusCode).toBe(409);
    expect((await create({ name, type: 'town', parentId: fx.countyB.id })).statusCode).toBe(200);
    // Full-width and half-width letters and digits, and letter case, read as one name.
    const latin = `${uniqueName('abc')}镇`;
    const fullWidth = latin.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).toUpperCase();
    expect((await create({ name: latin, type: 'town', parentId: fx.countyA.id })).statusCode).toBe(200);
    const wide = await create({ name: fullWidth, type: 'town', parentId: fx.countyA.id });
    expect(wide.statusCode, fullWidth).toBe(409);
    expect(wide.json().error.code).toBe('UNIT_NAME_TAKEN');
  });

  it('stores shortName and sortOrder', async () => {
    const res = await create({ name: uniqueName('信阳高新技术产业开发区'), shortName: '高新区', type: 'zone', parentId: fx.root.id, sortOrder: 7 });
    expect(res.json()).toMatchObject({ shortName: '高新区', sortOrder: 7 });
  });
});

describe('division codes', () => {
  it.each([
    ['411525', '411525', '河南省信阳市固始县'],
    ['411500', '411500', '河南省信阳市'],
    ['4115', '411500', '河南省信阳市'],
    ['41', '410000', '河南省'],
    ['411525001', '411525001', '河南省信阳市固始县蓼城街道'],
  ])('%s is stored as %s (%s)', async (code, stored, fullName) => {
    const res = await create({ name: uniqueName('区划'), type: 'county', parentId: fx.root.id, divisionCode: code });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ divisionCode: stored, divisionName: fullName });
  });

  it.each(['419999', '411599', '99', '411525999'])('%s is refused as DIVISION_UNKNOWN', async (code) => {
    const res = await create({ name: uniqueName('区划'), type: 'county', parentId: fx.root.id, divisionCode: code });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'DIVISION_UNKNOWN', details: [{ field: 'divisionCode' }] });
  });

  it.each(['4115a0', '411', '12345678', ''])('%s is not a code at all', async (code) => {
    const res = await create({ name: uniqueName('区划'), type: 'county', parentId: fx.root.id, divisionCode: code });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', details: [{ field: 'divisionCode' }] });
  });

  it('is validated on update too, and can be cleared', async () => {
    const u = await newUnit('county', fx.root.id);
    expect((await patch(u.id, { divisionCode: '419999' })).json().error.code).toBe('DIVISION_UNKNOWN');
    expect((await patch(u.id, { divisionCode: '411525' })).json()).toMatchObject({ divisionCode: '411525', divisionName: '河南省信阳市固始县' });
    expect((await patch(u.id, { divisionCode: null })).json()).toMatchObject({ divisionCode: null, divisionName: null });
  });
});

describe('update', () => {
  it('renames, and refuses a sibling name', async () => {
    const a = await newUnit('town', fx.countyB.id);
    const b = await newUnit('town', fx.countyB.id);
    const newName = uniqueName('改名镇');
    const res = await patch(a.id, { name: newName });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe(newName);
    expect((await unit(a.id)).name).toBe(newName);
    const clash = await patch(b.id, { name: newName });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('UNIT_NAME_TAKEN');
    // Renaming to its own name is not a clash.
    expect((await patch(a.id, { name: newName })).statusCode).toBe(200);
  });

  it('changes the type only where the parent and the children still fit', async () => {
    const zone = await newUnit('zone', fx.countyB.id);
    await newUnit('town', zone.id);
    // A department cannot have towns below it.
    const res = await patch(zone.id, { type: 'department' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'UNIT_PARENT_TYPE', details: [{ field: 'type' }] });
    // A city cannot hang under a county.
    expect((await patch(zone.id, { type: 'city' })).json().error.code).toBe('UNIT_PARENT_TYPE');
    const leaf = await newUnit('zone', fx.countyB.id);
    expect((await patch(leaf.id, { type: 'department' })).json().type).toBe('department');
  });

  it('refuses an empty or unknown field', async () => {
    const res = await patch(fx.townB.id, { name: '   ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('name');
    expect((await patch(fx.townB.id, { parentId: fx.root.id })).json().error).toMatchObject({ code: 'VALIDATION', details: [{ field: 'parentId' }] });
  });

  it('answers 404 for a unit that does not exist', async () => {
    expect((await patch(999999, { name: '无' })).statusCode).toBe(404);
    expect((await get(999999)).statusCode).toBe(404);
  });
});

describe('move', () => {
  it('moves a subtree, rewriting every path and depth below it', async () => {
    // county X → zone Z → town T, and a sibling county to move Z into.
    const x = await newUnit('county', fx.root.id);
    const z = await newUnit('zone', x.id);
    const town = await newUnit('town', z.id);
    const dept = await newUnit('department', z.id);
    const y = await newUnit('county', fx.root.id);

    // Sideways (same depth).
    const moved = await move(z.id, y.id);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ parentId: y.id, path: `${y.path}${z.id}/`, depth: 2 });
    expect(await unit(town.id)).toMatchObject({ parentId: z.id, path: `${y.path}${z.id}/${town.id}/`, depth: 3 });
    expect(await unit(dept.id)).toMatchObject({ path: `${y.path}${z.id}/${dept.id}/`, depth: 3 });
    expect((await unit(x.id)).childCount).toBe(0);
    expect((await unit(y.id)).childCount).toBe(1);

    // Up one level: the zone now hangs directly under the city.
    const up = await move(z.id, fx.root.id);
    expect(up.json()).toMatchObject({ path: `${fx.root.path}${z.id}/`, depth: 1 });
    expect(await unit(town.id)).toMatchObject({ path: `${fx.root.path}${z.id}/${town.id}/`, depth: 2 });

    // And down again.
    await move(z.id, x.id);
    expect(await unit(town.id)).toMatchObject({ path: `${x.path}${z.id}/${town.id}/`, depth: 3 });

    // The tree agrees with the rows.
    const nodes = (await tree()).json<{ items: OrgTreeNode[] }>().items;
    expect(nodes.find((n) => n.id === town.id)).toMatchObject({ parentId: z.id, depth: 3 });
  });

  it('moving to the current parent changes nothing', async () => {
    const u = await newUnit('town', fx.countyB.id);
    const res = await move(u.id, fx.countyB.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ parentId: fx.countyB.id, path: u.path });
  });

  it('refuses a move under itself or its own descendant', async () => {
    const x = await newUnit('county', fx.root.id);
    const z = await newUnit('zone', x.id);
    const town = await newUnit('town', z.id);
    for (const target of [x.id, z.id]) {
      const res = await move(x.id, target);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'UNIT_MOVE_CYCLE', details: [{ field: 'parentId' }] });
    }
    expect((await move(z.id, town.id)).json().error.code).toBe('UNIT_MOVE_CYCLE');
    expect((await unit(town.id)).path).toBe(`${x.path}${z.id}/${town.id}/`);
  });

  it('refuses a parent of the wrong type, a disabled parent, or a sibling with the same name', async () => {
    const town = await newUnit('town', fx.countyB.id);
    expect((await move(town.id, fx.root.id)).json().error.code).toBe('UNIT_PARENT_TYPE');

    const off = await newUnit('county', fx.root.id);
    expect((await disable(off.id)).statusCode).toBe(200);
    const toOff = await move(town.id, off.id);
    expect(toOff.statusCode).toBe(400);
    expect(toOff.json().error).toMatchObject({ code: 'UNIT_DISABLED', details: [{ field: 'parentId' }] });

    const name = uniqueName('同名镇');
    const a = await newUnit('town', fx.countyA.id, name);
    await newUnit('town', fx.countyB.id, name);
    const clash = await move(a.id, fx.countyB.id);
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('UNIT_NAME_TAKEN');
    expect((await unit(a.id)).parentId).toBe(fx.countyA.id);
  });

  it('never moves or disables the root', async () => {
    const res = await move(fx.root.id, fx.countyA.id);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('UNIT_ROOT_LOCKED');
    const off = await disable(fx.root.id);
    expect(off.statusCode).toBe(400);
    expect(off.json().error.code).toBe('UNIT_ROOT_LOCKED');
    expect((await unit(fx.root.id)).isDisabled).toBe(false);
  });
});

describe('disable and enable', () => {
  it('refuses while enabled children or users remain, then allows', async () => {
    const county = await newUnit('county', fx.root.id);
    const town = await newUnit('town', county.id);
    const member = await t.request(t.adminCookie, {
      method: 'POST',
      url: '/api/users',
      payload: { username: uniqueName('member').toLowerCase(), displayName: '成员', unitId: county.id, role: 'viewer', password: 'Member-pass-1' },
    });
    expect(member.statusCode).toBe(200);
    expect(await unit(county.id)).toMatchObject({ userCount: 1, childCount: 1 });

    const refused = await disable(county.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'UNIT_HAS_ACTIVE', details: { enabledChildren: 1, enabledUsers: 1 } });

    expect((await disable(town.id)).json().isDisabled).toBe(true);
    expect((await disable(county.id)).json().error).toMatchObject({ code: 'UNIT_HAS_ACTIVE', details: { enabledChildren: 0, enabledUsers: 1 } });
    await t.request(t.adminCookie, { method: 'POST', url: `/api/users/${member.json().user.id}/disable` });

    const ok = await disable(county.id);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ isDisabled: true, userCount: 0, childCount: 0 });
    // Disabling twice is harmless.
    expect((await disable(county.id)).statusCode).toBe(200);

    // Nothing new under a disabled unit.
    const under = await create({ name: uniqueName('新镇'), type: 'town', parentId: county.id });
    expect(under.statusCode).toBe(400);
    expect(under.json().error).toMatchObject({ code: 'UNIT_DISABLED', details: [{ field: 'parentId' }] });

    // A child cannot come back before its parent.
    const early = await enable(town.id);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('UNIT_DISABLED');
    expect((await unit(town.id)).isDisabled).toBe(true);
    expect((await enable(county.id)).json().isDisabled).toBe(false);
    expect((await enable(town.id)).json().isDisabled).toBe(false);
  });

  it('hides disabled units from the list and the tree unless asked', async () => {
    const off = await newUnit('department', fx.root.id);
    await disable(off.id);
    const ids = (r: { json(): { items: { id: number }[] } }) => r.json().items.map((u) => u.id);
    expect(ids(await list(`parentId=${fx.root.id}&pageSize=200`))).not.toContain(off.id);
    expect(ids(await list(`parentId=${fx.root.id}&pageSize=200&includeDisabled=true`))).toContain(off.id);
    expect(ids(await tree())).not.toContain(off.id);
    const withDisabled = (await tree(t.adminCookie, '?includeDisabled=1')).json<{ items: OrgTreeNode[] }>().items;
    expect(withDisabled.find((n) => n.id === off.id)?.isDisabled).toBe(true);
    // Still readable one by one.
    expect((await get(off.id)).json().isDisabled).toBe(true);
  });
});

describe('tree', () => {
  it('lists the visible units parents-first, each node hanging under one already listed', async () => {
    const res = await tree();
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: OrgTreeNode[] }>().items;
    expect(items[0]).toMatchObject({ id: fx.root.id, parentId: null, depth: 0 });
    const seen = new Set<number>();
    for (const node of items) {
      if (node.parentId !== null) expect(seen.has(node.parentId), `parent of ${node.id}`).toBe(true);
      seen.add(node.id);
    }
    for (const f of [fx.countyA, fx.townA, fx.bureauA, fx.countyB, fx.townB]) expect(seen.has(f.id)).toBe(true);
  });
});

describe('list', () => {
  it('pages through the children of a parent in sort order', async () => {
    const parent = await newUnit('county', fx.root.id);
    const children: OrgUnit[] = [];
    for (const [i, sortOrder] of [3, 1, 2, 0, 4].entries()) {
      const res = await create({ name: `分页镇${i}`, type: 'town', parentId: parent.id, sortOrder });
      children.push(res.json<OrgUnit>());
    }
    const bySort = [...children].sort((a, b) => a.sortOrder - b.sortOrder).map((c) => c.id);
    const page1 = (await list(`parentId=${parent.id}&pageSize=2&page=1`)).json();
    const page2 = (await list(`parentId=${parent.id}&pageSize=2&page=2`)).json();
    const page3 = (await list(`parentId=${parent.id}&pageSize=2&page=3`)).json();
    expect(page1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect([...page1.items, ...page2.items, ...page3.items].map((u: OrgUnit) => u.id)).toEqual(bySort);
    expect(page3.items).toHaveLength(1);
    expect((await list(`parentId=${parent.id}&pageSize=2&page=9`)).json()).toMatchObject({ total: 5, items: [] });
  });

  it('filters by q (name, short name, division code), literally', async () => {
    const tag = uniqueName('检索');
    const a = (await create({ name: `${tag}甲`, type: 'county', parentId: fx.root.id })).json<OrgUnit>();
    const b = (await create({ name: uniqueName('其他'), shortName: `${tag}简称`, type: 'county', parentId: fx.root.id })).json<OrgUnit>();
    const c = (await create({ name: uniqueName('区划检索'), type: 'county', parentId: fx.root.id, divisionCode: '411527' })).json<OrgUnit>();
    const found = (await list(`q=${encodeURIComponent(tag)}`)).json();
    expect(found.items.map((u: OrgUnit) => u.id).sort()).toEqual([a.id, b.id].sort());
    expect((await list('q=411527')).json().items.map((u: OrgUnit) => u.id)).toContain(c.id);
    // % and _ are literal characters, not wildcards.
    expect((await list(`q=${encodeURIComponent('%')}`)).json().total).toBe(0);
    expect((await list(`q=${encodeURIComponent('_')}`)).json().total).toBe(0);
  });

  it('filters by type', async () => {
    const res = (await list('type=bureau&pageSize=200')).json();
    expect(res.total).toBeGreaterThanOrEqual(2);
    expect(res.items.every((u: OrgUnit) => u.type === 'bureau')).toBe(true);
    expect(res.items.map((u: OrgUnit) => u.id)).toEqual(expect.arrayContaining([fx.bureauA.id, fx.cityBureau.id]));
  });

  it('refuses bad paging and unknown filters', async () => {
    for (const q of ['page=0', 'pageSize=201', 'type=planet', 'includeDisabled=maybe', 'bogus=1', 'parentId=-1']) {
      const res = await list(q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code, q).toBe('VALIDATION');
    }
  });
});

describe('data scope', () => {
  const visibleIds = async (cookie: string) => {
    const listed = (await list('pageSize=200', cookie)).json<{ items: OrgUnit[]; total: number }>();
    const nodes = (await tree(cookie)).json<{ items: OrgTreeNode[] }>().items;
    expect(listed.total).toBe(listed.items.length);
    return { listed: listed.items, nodes };
  };

  it.each(['countyAdmin', 'countyStaff'] as const)('a county-level %s sees only its subtree', async (who) => {
    const { listed, nodes } = await visibleIds(fx[who]);
    expect(listed.length).toBeGreaterThanOrEqual(3);
    expect(listed.every((u) => u.path.startsWith(fx.countyA.path))).toBe(true);
    expect(listed.map((u) => u.id)).toEqual(expect.arrayContaining([fx.countyA.id, fx.townA.id, fx.bureauA.id]));
    expect(nodes.map((n) => n.id).sort()).toEqual(listed.map((u) => u.id).sort());
    expect(nodes[0]!.id).toBe(fx.countyA.id);
    // Filters cannot reach outside either.
    // Under the root it finds its own county, and none of its siblings.
    expect((await list(`parentId=${fx.root.id}`, fx[who])).json().items.map((u: OrgUnit) => u.id)).toEqual([fx.countyA.id]);
    expect((await list(`parentId=${fx.countyB.id}`, fx[who])).json().total).toBe(0);
  });

  it.each(['countyAdmin', 'countyStaff'] as const)('a unit outside scope is 404 to %s, exactly like a missing one', async (who) => {
    for (const id of [fx.root.id, fx.countyB.id, fx.townB.id]) {
      const res = await get(id, fx[who]);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
      expect(res.body).toBe((await get(999999, fx[who])).body);
    }
    expect((await get(fx.townA.id, fx[who])).statusCode).toBe(200);
  });

  it('a county admin cannot edit, move, disable or create outside its subtree', async () => {
    const c = fx.countyAdmin;
    const outside = [
      await patch(fx.townB.id, { name: '越权' }, c),
      await move(fx.townB.id, fx.countyA.id, c),
      await disable(fx.townB.id, c),
      await enable(fx.townB.id, c),
      await create({ name: uniqueName('越权'), type: 'town', parentId: fx.countyB.id }, c),
      // Moving its own unit into a parent outside scope.
      await move(fx.townA.id, fx.countyB.id, c),
    ];
    for (const res of outside) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect((await unit(fx.townA.id)).parentId).toBe(fx.countyA.id);
    expect((await unit(fx.townB.id)).name).not.toBe('越权');

    // Inside its subtree it is an admin like any other.
    const mine = await create({ name: uniqueName('本县新镇'), type: 'town', parentId: fx.countyA.id }, c);
    expect(mine.statusCode).toBe(200);
    expect((await patch(mine.json().id, { name: uniqueName('本县改名') }, c)).statusCode).toBe(200);
  });

  it('unit staff may read but not write, even inside scope', async () => {
    const res = await patch(fx.townA.id, { name: '越权' }, fx.countyStaff);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('a member of a county 招商局 sees the whole county, not the rest of the city', async () => {
    const { listed } = await visibleIds(fx.countyBureauStaff);
    const ids = listed.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([fx.countyA.id, fx.townA.id, fx.bureauA.id]));
    expect(ids).not.toContain(fx.countyB.id);
    expect(ids).not.toContain(fx.root.id);
    expect((await get(fx.countyA.id, fx.countyBureauStaff)).statusCode).toBe(200);
    expect((await get(fx.townB.id, fx.countyBureauStaff)).statusCode).toBe(404);
  });

  it('a member of the city 招商局 sees the whole city', async () => {
    const { listed } = await visibleIds(fx.cityBureauStaff);
    const ids = listed.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([fx.root.id, fx.countyA.id, fx.townA.id, fx.countyB.id, fx.townB.id, fx.cityBureau.id]));
    expect((await get(fx.townB.id, fx.cityBureauStaff)).statusCode).toBe(200);
  });
});

describe('divisions', () => {
  const div = (url: string) => t.request(fx.countyStaff, { method: 'GET', url });

  it('lists the counties of 信阳市', async () => {
    const res = await div('/api/divisions?parent=4115');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((d: { name: string }) => d.name)).toEqual([
      '浉河区', '平桥区', '罗山县', '光山县', '新县', '商城县', '固始县', '潢川县', '淮滨县', '息县', '信阳高新技术产业开发区',
    ]);
  });

  it('searches by name', async () => {
    const items = (await div(`/api/divisions?q=${encodeURIComponent('固始')}`)).json().items;
    expect(items[0]).toEqual({ code: '411525', name: '固始县', level: 'county', fullName: '河南省信阳市固始县' });
    expect((await div(`/api/divisions?q=${encodeURIComponent('固始')}&limit=3`)).json().items).toHaveLength(3);
  });

  it('reads one division', async () => {
    expect((await div('/api/divisions/411525')).json()).toEqual({ code: '411525', name: '固始县', level: 'county', fullName: '河南省信阳市固始县' });
    expect((await div('/api/divisions/411500')).json()).toMatchObject({ name: '信阳市', level: 'city' });
    const unknown = await div('/api/divisions/419999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    expect((await div('/api/divisions/abc')).statusCode).toBe(400);
    expect((await div('/api/divisions?parent=411')).statusCode).toBe(400);
  });
});
