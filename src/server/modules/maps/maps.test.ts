import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchFeatures, provinceOutlineOf, regionStem } from '../../../shared/maps.js';
import { createTestContext, uniqueName, type TestContext } from '../../test/context.js';
import { multipart } from '../followups/work.fixtures.js';

/*
 * TEST DATA ONLY: the "boundaries" below are 0.1° squares placed near 信阳 and named after its
 * counties. They are not real outlines and nothing here ships with the product.
 */
function square(name: string, lon: number, lat: number, extra: Record<string, unknown> = {}) {
  return {
    type: 'Feature',
    properties: { name, ...extra },
    geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.1, lat], [lon + 0.1, lat + 0.1], [lon, lat + 0.1], [lon, lat]]] },
  };
}
function collection(...features: unknown[]) {
  return { type: 'FeatureCollection', features };
}

let t: TestContext;
// A city (the test root) with counties; 罗山县 has towns.
const u = { shihe: 0, pingqiao: 0, luoshan: 0, xinxian: 0, xixian: 0, yangshan: 0, town1: 0, town2: 0, dept: 0 };
let luoshanStaff: { cookie: string };
let pingqiaoStaff: { cookie: string };
let leader: { cookie: string };
let cityMapId = 0;

beforeAll(async () => {
  t = await createTestContext();
  u.shihe = (await t.createUnit({ type: 'county', name: '浉河区' })).id;
  u.pingqiao = (await t.createUnit({ type: 'county', name: '平桥区' })).id;
  u.luoshan = (await t.createUnit({ type: 'county', name: '罗山县', divisionCode: '411521' })).id;
  u.xinxian = (await t.createUnit({ type: 'county', name: '新县' })).id;
  u.xixian = (await t.createUnit({ type: 'county', name: '息县' })).id;
  u.yangshan = (await t.createUnit({ type: 'zone', name: '羊山新区' })).id;
  u.dept = (await t.createUnit({ type: 'department', name: uniqueName('测试局') })).id;
  u.town1 = (await t.createUnit({ type: 'town', name: '龙山街道', parentId: u.luoshan })).id;
  u.town2 = (await t.createUnit({ type: 'town', name: '周党镇', parentId: u.luoshan })).id;
  luoshanStaff = await t.createUser({ role: 'unit_staff', unitId: u.luoshan });
  pingqiaoStaff = await t.createUser({ role: 'unit_staff', unitId: u.pingqiao });
  leader = await t.createUser({ role: 'leader' });
});
afterAll(() => t.close());

describe('name matching (pure)', () => {
  it.each([
    ['潢川县', '潢川'],
    ['羊山新区', '羊山'],
    ['上天梯非金属矿管理区', '上天梯'],
    ['蓼城街道', '蓼城'],
    ['新县', '新县'],
    ['息县', '息县'],
    ['信阳市', '信阳'],
  ])('regionStem(%s) = %s', (name, stem) => expect(regionStem(name)).toBe(stem));

  it('matches by code, then name, then stem; one unit per feature; ambiguity stays unmatched', () => {
    const units = [
      { id: 1, name: '罗山县', shortName: null, divisionCode: '411521' },
      { id: 2, name: '平桥区', shortName: null, divisionCode: null },
      { id: 3, name: '新县', shortName: null, divisionCode: null },
      { id: 4, name: '东城区', shortName: null, divisionCode: null },
      { id: 5, name: '东城镇', shortName: null, divisionCode: null },
    ];
    const result = matchFeatures(
      [
        { name: '罗山', adcode: '411521' },
        { name: '平桥', adcode: null },
        { name: '新县', adcode: null },
        { name: '东城', adcode: null },
        { name: '平桥区', adcode: null },
      ],
      units,
    );
    expect(result).toEqual({ 罗山: 1, 平桥: null, 新县: 3, 东城: null, 平桥区: 2 });
  });

  it('finds the province outline from a division code prefix, 河南 otherwise', () => {
    expect(provinceOutlineOf('411500').file).toBe('henan');
    expect(provinceOutlineOf('610100').file).toBe('shanxi1');
    expect(provinceOutlineOf(null).file).toBe('henan');
    expect(provinceOutlineOf('990000').file).toBe('henan');
  });
});

describe('shipped outlines', () => {
  it('serves a province file with 信阳市 and long cache headers, and 304 on a matching ETag', async () => {
    const res = await t.request(leader.cookie, { method: 'GET', url: '/api/maps/builtin/henan' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toMatch(/max-age=\d{6,}/);
    const json = res.json<{ type: string; features: { id: string; properties: { name: string } }[] }>();
    expect(json.type).toBe('FeatureCollection');
    expect(json.features.find((f) => f.properties.name === '信阳市')?.id).toBe('411500');
    const again = await t.request(leader.cookie, { method: 'GET', url: '/api/maps/builtin/henan', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const china = await t.request(leader.cookie, { method: 'GET', url: '/api/maps/builtin/china' });
    expect(china.statusCode).toBe(200);
  });

  it.each(['world', 'china-cities', '..%2Fpackage', 'henan.json', 'HENAN', 'x'.repeat(41)])('answers %s with 404 or 400, never a file', async (name) => {
    const res = await t.request(leader.cookie, { method: 'GET', url: `/api/maps/builtin/${name}` });
    expect([400, 404]).toContain(res.statusCode);
    expect(res.json().error.code).toMatch(/NOT_FOUND|VALIDATION/);
  });

  it('is refused to roles that read no figures', async () => {
    const dept = await t.createUser({ role: 'department', unitId: u.dept });
    expect((await t.request(dept.cookie, { method: 'GET', url: '/api/maps/builtin/henan' })).statusCode).toBe(403);
  });
});

describe('uploading a county map', () => {
  it('stores a valid JSON upload and matches features to child units by code, name and stem', async () => {
    const res = await t.request(t.adminCookie, {
      method: 'POST',
      url: '/api/maps',
      payload: {
        unitId: t.rootId,
        level: 'county',
        name: '测试县区边界',
        reviewNumber: '豫S（2099）000号',
        geojson: collection(
          square('浉河区', 114.0, 32.0, { fill: '#fff', population: 1 }),
          square('平桥', 114.1, 32.0),
          square('罗山', 114.2, 32.0, { adcode: 411521 }),
          square('新县', 114.3, 32.0),
          square('羊山新区', 114.4, 32.0),
          square('未知区', 114.5, 32.0),
        ),
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const map = res.json();
    cityMapId = map.id;
    expect(map).toMatchObject({ level: 'county', name: '测试县区边界', reviewNumber: '豫S（2099）000号', featureCount: 6, matchedCount: 5 });
    expect(map.featureUnits).toEqual({ 浉河区: u.shihe, 平桥: u.pingqiao, 罗山: u.luoshan, 新县: u.xinxian, 羊山新区: u.yangshan, 未知区: null });
    expect(map.unmatched).toEqual(['未知区']);
    expect(map.features.find((f: { name: string }) => f.name === '罗山')).toMatchObject({ adcode: '411521', unitName: '罗山县' });
    // Departments are not regions; 息县 is a candidate left without a feature.
    expect(map.candidates.map((c: { name: string }) => c.name)).not.toContain(expect.stringMatching(/测试局/));
    expect(map.candidates.find((c: { id: number }) => c.id === u.xixian)).toMatchObject({ isMapped: false });
    // Stored reduced: only name and adcode survive from the properties.
    expect(map.geojson.features[0].properties).toEqual({ name: '浉河区' });
  });

  it('refuses a second map for the same unit and level', async () => {
    const res = await t.request(t.adminCookie, {
      method: 'POST',
      url: '/api/maps',
      payload: { unitId: t.rootId, level: 'county', name: '重复', geojson: collection(square('浉河区', 114, 32)) },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'MAP_EXISTS', details: [{ field: 'level', mapId: cityMapId }] });
  });

  it('takes a multipart upload of a town map', async () => {
    const file = Buffer.from(`\uFEFF${JSON.stringify(collection(square('龙山街道', 114.3, 31.9), square('周党', 114.4, 31.9)))}`, 'utf8');
    const res = await t.request(t.adminCookie, {
      method: 'POST',
      url: '/api/maps',
      ...multipart([
        { name: 'unitId', value: String(u.luoshan) },
        { name: 'level', value: 'town' },
        { name: 'name', value: '罗山县乡镇边界（测试）' },
        { name: 'file', filename: 'luoshan.geojson', content: file, type: 'application/geo+json' },
      ]),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ level: 'town', reviewNumber: null, matchedCount: 2, unmatched: [] });
    expect(res.json().featureUnits).toEqual({ 龙山街道: u.town1, 周党: u.town2 });
  });

  const bad: [string, unknown, string, string][] = [
    ['not a FeatureCollection', { type: 'Feature' }, 'MAP_INVALID', 'geojson.type'],
    ['no features', collection(), 'MAP_INVALID', 'geojson.features'],
    ['a point', collection({ type: 'Feature', properties: { name: 'A' }, geometry: { type: 'Point', coordinates: [114, 32] } }), 'MAP_INVALID', 'geojson.features.0.geometry.type'],
    ['no name', collection({ ...square('', 114, 32), properties: {} }), 'MAP_INVALID', 'geojson.features.0.properties.name'],
    ['a duplicate name', collection(square('甲', 114, 32), square('甲', 114.2, 32)), 'MAP_INVALID', 'geojson.features.1.properties.name'],
    ['projected metres', collection(square('甲', 12_700_000, 3_760_000)), 'MAP_INVALID', 'geojson.features.0.geometry.coordinates.0.0'],
    ['swapped latitude/longitude', collection(square('甲', 32, 114)), 'MAP_INVALID', 'geojson.features.0.geometry.coordinates.0.0'],
    ['a short ring', collection({ type: 'Feature', properties: { name: '甲' }, geometry: { type: 'Polygon', coordinates: [[[114, 32], [114.1, 32]]] } }), 'MAP_INVALID', 'geojson.features.0.geometry.coordinates.0'],
  ];
  it.each(bad)('refuses %s with a bilingual 400 naming the place', async (_label, geojson, code, field) => {
    const unit = await t.createUnit({ type: 'county', name: uniqueName('测试县') });
    for (const lang of ['zh-CN', 'en']) {
      const res = await t.request(t.adminCookie, {
        method: 'POST',
        url: '/api/maps',
        headers: { 'accept-language': lang },
        payload: { unitId: unit.id, level: 'town', name: '坏文件', geojson },
      });
      expect(res.statusCode, res.body).toBe(400);
      const error = res.json().error;
      expect(error.code).toBe(code);
      expect(error.details[0].field).toBe(field);
      expect(error.message).toMatch(lang === 'en' ? /GeoJSON/ : /地图文件无效/);
    }
  });

  it('refuses a county map on a county, a missing field, bad JSON in a file and an unknown unit', async () => {
    const onCounty = await t.request(t.adminCookie, { method: 'POST', url: '/api/maps', payload: { unitId: u.pingqiao, level: 'county', name: 'x', geojson: collection(square('甲', 114, 32)) } });
    expect(onCounty.statusCode).toBe(400);
    expect(onCounty.json().error.code).toBe('MAP_LEVEL_UNIT');
    const noName = await t.request(t.adminCookie, { method: 'POST', url: '/api/maps', payload: { unitId: u.pingqiao, level: 'town', geojson: collection(square('甲', 114, 32)) } });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error).toMatchObject({ code: 'VALIDATION', details: [{ field: 'name' }] });
    const extra = await t.request(t.adminCookie, { method: 'POST', url: '/api/maps', payload: { unitId: u.pingqiao, level: 'town', name: 'x', geojson: collection(square('甲', 114, 32)), hack: 1 } });
    expect(extra.json().error).toMatchObject({ code: 'VALIDATION', details: [{ field: 'hack' }] });
    const notJson = await t.request(t.adminCookie, {
      method: 'POST',
      url: '/api/maps',
      ...multipart([
        { name: 'unitId', value: String(u.pingqiao) },
        { name: 'level', value: 'town' },
        { name: 'name', value: 'x' },
        { name: 'file', filename: 'a.geojson', content: Buffer.from('{"type": "FeatureCollection", ') },
      ]),
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error).toMatchObject({ code: 'MAP_INVALID', details: [{ field: 'file' }] });
    const noFile = await t.request(t.adminCookie, { method: 'POST', url: '/api/maps', ...multipart([{ name: 'unitId', value: String(u.pingqiao) }]) });
    expect(noFile.json().error.code).toBe('FILE_MISSING');
    const unknown = await t.request(t.adminCookie, { method: 'POST', url: '/api/maps', payload: { unitId: 2147483000, level: 'town', name: 'x', geojson: collection(square('甲', 114, 32)) } });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses a file over 20 MB with 413', async () => {
    const big = Buffer.alloc(21 * 1024 * 1024, 0x20);
    const res = await t.request(t.adminCookie, {
      method: 'POST',
      url: '/api/maps',
      ...multipart([
        { name: 'unitId', value: String(u.pingqiao) },
        { name: 'level', value: 'town' },
        { name: 'name', value: 'x' },
        { name: 'file', filename: 'big.geojson', content: big },
      ]),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('FILE_TOO_LARGE');
  });

  it('is for admins only', async () => {
    const res = await t.request(leader.cookie, { method: 'POST', url: '/api/maps', payload: { unitId: t.rootId, level: 'county', name: 'x', geojson: collection(square('甲', 114, 32)) } });
    expect(res.statusCode).toBe(403);
    const patch = await t.request(luoshanStaff.cookie, { method: 'PATCH', url: `/api/maps/${cityMapId}`, payload: { name: 'x' } });
    expect(patch.statusCode).toBe(403);
  });
});

describe('fixing the mapping', () => {
  it('maps an unmatched feature by hand, and unmaps one', async () => {
    const res = await t.request(t.adminCookie, { method: 'PATCH', url: `/api/maps/${cityMapId}`, payload: { featureUnits: { 未知区: u.xixian, 新县: null }, reviewNumber: null } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ unmatched: ['新县'], matchedCount: 5, reviewNumber: null });
    expect(res.json().featureUnits).toMatchObject({ 未知区: u.xixian, 新县: null, 浉河区: u.shihe });
  });

  it('refuses an unknown feature, the map’s own unit, a unit elsewhere and a department', async () => {
    const other = await t.createUnit({ type: 'county', name: uniqueName('外县') });
    const cases: [Record<string, number | null>, string][] = [
      [{ 不存在: u.shihe }, 'MAP_FEATURE_UNKNOWN'],
      [{ 新县: t.rootId }, 'MAP_UNIT_OUTSIDE'],
      [{ 新县: u.dept }, 'MAP_UNIT_OUTSIDE'],
    ];
    for (const [featureUnits, code] of cases) {
      const res = await t.request(t.adminCookie, { method: 'PATCH', url: `/api/maps/${cityMapId}`, payload: { featureUnits } });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
    // A town map of 罗山县 cannot point at another county.
    const list = await t.request(t.adminCookie, { method: 'GET', url: '/api/maps' });
    const townMap = list.json().items.find((m: { level: string }) => m.level === 'town');
    const res = await t.request(t.adminCookie, { method: 'PATCH', url: `/api/maps/${townMap.id}`, payload: { featureUnits: { 周党: other.id } } });
    expect(res.json().error.code).toBe('MAP_UNIT_OUTSIDE');
  });
});

describe('scope', () => {
  it('a county user sees the city map above them and their own town map, with only their own names', async () => {
    const list = await t.request(luoshanStaff.cookie, { method: 'GET', url: '/api/maps' });
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.items.map((m: { level: string }) => m.level).sort()).toEqual(['county', 'town']);
    expect(body.context.root).toMatchObject({ id: u.luoshan, type: 'county' });
    expect(body.context.city).toMatchObject({ id: t.rootId, type: 'city' });
    expect(body.context.province).toEqual({ code: '41', name: '河南', builtin: 'henan' });
    const city = await t.request(luoshanStaff.cookie, { method: 'GET', url: `/api/maps/${cityMapId}` });
    expect(city.statusCode).toBe(200);
    const features = city.json().features as { name: string; unitId: number | null; unitName: string | null }[];
    expect(features.find((f) => f.name === '罗山')?.unitName).toBe('罗山县');
    expect(features.find((f) => f.name === '浉河区')?.unitName).toBeNull();
    expect(city.json().candidates.map((c: { id: number }) => c.id)).toEqual([u.luoshan]);
  });

  it('another county’s user does not see 罗山县’s town map (404, like a missing one)', async () => {
    const list = await t.request(pingqiaoStaff.cookie, { method: 'GET', url: '/api/maps' });
    expect(list.json().items.map((m: { level: string }) => m.level)).toEqual(['county']);
    const townMap = (await t.request(t.adminCookie, { method: 'GET', url: '/api/maps' })).json().items.find((m: { level: string }) => m.level === 'town');
    const res = await t.request(pingqiaoStaff.cookie, { method: 'GET', url: `/api/maps/${townMap.id}` });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('deleting and the audit trail', () => {
  it('deletes a map, and every change is in the audit log without the geometry', async () => {
    const del = await t.request(t.adminCookie, { method: 'DELETE', url: `/api/maps/${cityMapId}` });
    expect(del.statusCode).toBe(200);
    expect((await t.request(t.adminCookie, { method: 'GET', url: `/api/maps/${cityMapId}` })).statusCode).toBe(404);
    expect((await t.request(t.adminCookie, { method: 'DELETE', url: `/api/maps/${cityMapId}` })).statusCode).toBe(404);
    const audit = await t.request(t.adminCookie, { method: 'GET', url: `/api/audit-log?entity=geo_maps&entityId=${cityMapId}&pageSize=50` });
    expect(audit.statusCode, audit.body).toBe(200);
    const entries = audit.json().items as { action: string; after: Record<string, unknown> | null; before: Record<string, unknown> | null }[];
    expect(entries.map((e) => e.action).sort()).toEqual(['create', 'delete', 'update']);
    const created = entries.find((e) => e.action === 'create')!;
    expect(created.after).toMatchObject({ name: '测试县区边界', geojsonSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(created.after).not.toHaveProperty('geojson');
  });
});
