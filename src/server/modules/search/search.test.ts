import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coordinationIssues } from '../../db/schema/index.js';
import { createTestContext, type TestContext } from '../../test/context.js';
import { usccCheckChar } from '../../../shared/uscc.js';
import { highlightRanges, rankName } from './highlight.js';

let t: TestContext;
let county: { id: number };
let otherCounty: { id: number };
let staff: { cookie: string };
let otherStaff: { cookie: string };
let bureau: { cookie: string };
const ids: Record<string, number> = {};
const TEA_USCC = `91411500MA44G7XK0${usccCheckChar('91411500MA44G7XK0')}`;

type Hit = { id: number; title: string; subtitle: string; highlight: { field: string; text: string; ranges: [number, number][] } };
type Result = { q: string; projects: Hit[]; investors: (Hit & { uscc: string | null })[]; contacts: (Hit & { investorId: number })[] };

async function post(cookie: string, url: string, payload: Record<string, unknown>) {
  const res = await t.request(cookie, { method: 'POST', url, payload });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number };
}

async function search(cookie: string, q: string, limit?: number): Promise<Result> {
  const qs = new URLSearchParams({ q, ...(limit ? { limit: String(limit) } : {}) });
  const res = await t.request(cookie, { method: 'GET', url: `/api/search?${qs}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Result;
}

beforeAll(async () => {
  t = await createTestContext();
  county = await t.createUnit({ type: 'county', name: '固始县' });
  otherCounty = await t.createUnit({ type: 'county', name: '息县' });
  staff = await t.createUser({ role: 'unit_staff', unitId: county.id });
  otherStaff = await t.createUser({ role: 'unit_staff', unitId: otherCounty.id });
  bureau = await t.createUser({ role: 'bureau' });

  ids.tea = (
    await post(staff.cookie, '/api/investors', { name: '信阳毛尖茶业有限公司', uscc: TEA_USCC, contacts: [{ name: '张伟', title: '总经理' }] })
  ).id;
  // Ranking fixtures, created oldest first: the token-only match is the newest, so rank beats recency.
  for (const [key, name] of [
    ['exact', '食品'],
    ['prefix', '食品加工园项目'],
    ['word', '信阳食品产业园'],
    ['token', '美食品鉴中心'],
  ] as const) {
    ids[key] = (await post(staff.cookie, '/api/projects', { name, unitId: county.id })).id;
  }
  ids.factory = (await post(staff.cookie, '/api/projects', { name: '信阳食品厂扩建项目', unitId: county.id, investorId: ids.tea })).id;
  ids.other = (await post(otherStaff.cookie, '/api/projects', { name: '息县食品城', unitId: otherCounty.id })).id;
});
afterAll(() => t.close());

describe('GET /api/search', () => {
  it('finds projects by a 2-character query, ranked exact > prefix > word > token, then recency', async () => {
    const r = await search(staff.cookie, '食品', 20);
    const order = r.projects.map((p) => p.id);
    expect(order.slice(0, 2)).toEqual([ids.exact, ids.prefix]);
    // word matches (信阳食品厂扩建项目 is newer than 信阳食品产业园) before the token-only match
    expect(order.slice(2, 4)).toEqual([ids.factory, ids.word]);
    expect(order[4]).toBe(ids.token);
    const hit = r.projects.find((p) => p.id === ids.factory)!;
    expect(hit.subtitle).toBe('固始县 · 线索');
    expect(hit.highlight).toEqual({ field: 'name', text: '信阳食品厂扩建项目', ranges: [[2, 4]] });
  });

  it('is scoped: another county neither sees nor learns of the projects', async () => {
    const mine = await search(otherStaff.cookie, '食品');
    expect(mine.projects.map((p) => p.id)).toEqual([ids.other]);
    expect(mine.investors).toEqual([]);
    expect(mine.contacts).toEqual([]);
    const all = await search(bureau.cookie, '食品', 20);
    expect(all.projects.map((p) => p.id)).toContain(ids.other);
    expect(all.projects.map((p) => p.id)).toContain(ids.factory);
  });

  it('matches pinyin initials and highlights the characters they spell', async () => {
    const r = await search(staff.cookie, 'xyspc');
    expect(r.projects[0]).toMatchObject({ id: ids.factory, highlight: { field: 'name', ranges: [[0, 5]] } });
    const upper = await search(staff.cookie, 'ＸＹＳＰＣ');
    expect(upper.projects[0]?.id).toBe(ids.factory);
  });

  it('finds investors by name and by a contact, with the contact’s company and title', async () => {
    const r = await search(staff.cookie, '毛尖');
    expect(r.investors.map((i) => i.id)).toEqual([ids.tea]);
    expect(r.investors[0]!.highlight).toMatchObject({ field: 'name', ranges: [[2, 4]] });
    // A project's tokens include its investor's name: the highlight says where it matched.
    expect(r.projects.find((p) => p.id === ids.factory)?.highlight).toMatchObject({ field: 'investor', text: '信阳毛尖茶业有限公司' });
    const c = await search(staff.cookie, '张伟');
    expect(c.contacts).toEqual([
      expect.objectContaining({ title: '张伟', subtitle: '信阳毛尖茶业有限公司 · 总经理', investorId: ids.tea, highlight: { field: 'contact', text: '张伟', ranges: [[0, 2]] } }),
    ]);
    expect(c.investors[0]).toMatchObject({ id: ids.tea, highlight: { field: 'contact', text: '张伟' } });
    expect((await search(staff.cookie, 'zw')).contacts.map((x) => x.id)).toEqual([c.contacts[0]!.id]);
  });

  it('finds an investor by its normalised name as an exact match, and by its USCC', async () => {
    const r = await search(staff.cookie, '信阳毛尖茶业');
    expect(r.investors[0]?.id).toBe(ids.tea);
    expect(r.investors[0]?.subtitle).toBe(TEA_USCC);
    const byCode = await search(staff.cookie, TEA_USCC.slice(0, 10).toLowerCase());
    expect(byCode.investors[0]).toMatchObject({ id: ids.tea, highlight: { field: 'uscc', ranges: [[0, 10]] } });
    expect((await search(otherStaff.cookie, TEA_USCC)).investors).toEqual([]);
  });

  it('answers empty, not an error, for empty or punctuation-only queries; 400 over 50 characters', async () => {
    for (const q of ['', '   ', '！？，。', '---']) {
      expect(await search(staff.cookie, q)).toEqual({ q: q.trim(), projects: [], investors: [], contacts: [] });
    }
    const res = await t.request(staff.cookie, { method: 'GET', url: `/api/search?q=${encodeURIComponent('食'.repeat(51))}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', details: [{ field: 'q' }] });
    expect((await search(staff.cookie, '食'.repeat(50))).projects).toEqual([]);
    const bad = await t.request(staff.cookie, { method: 'GET', url: '/api/search?q=x&limit=500' });
    expect(bad.json().error.details[0].field).toBe('limit');
  });

  it('respects the per-group limit', async () => {
    expect((await search(staff.cookie, '食品', 2)).projects).toHaveLength(2);
  });

  it('gives department users only the projects assigned to them, and no investors', async () => {
    const dept = await t.createUnit({ type: 'department', name: '自然资源局' });
    const user = await t.createUser({ role: 'department', unitId: dept.id });
    expect(await search(user.cookie, '食品')).toEqual({ q: '食品', projects: [], investors: [], contacts: [] });
    // An issue assigned to the department makes that one project visible (projectScope), nothing else.
    await t.database.db.insert(coordinationIssues).values({ projectId: ids.factory!, type: 'land', title: '用地指标', departmentUnitId: dept.id, createdBy: 1 });
    const r = await search(user.cookie, '食品');
    expect(r.projects.map((p) => p.id)).toEqual([ids.factory]);
    expect(r.investors).toEqual([]);
    expect(r.contacts).toEqual([]);
  });

  it('needs a session and the search permission', async () => {
    expect((await t.request(null, { method: 'GET', url: '/api/search?q=食品' })).statusCode).toBe(401);
    const referrer = await t.createUser({ role: 'referrer', unitId: county.id });
    expect((await t.request(referrer.cookie, { method: 'GET', url: '/api/search?q=食品' })).statusCode).toBe(403);
  });
});

describe('highlight and rank', () => {
  it.each([
    ['信阳食品厂', '食品', [[2, 4]]],
    ['信阳食品厂', 'xyspc', [[0, 5]]],
    ['信阳 食品厂', 'sp', [[3, 5]]],
    ['ＡＢＣ新材料', 'abc', [[0, 3]]],
    ['食品与副食品', '食品', [[0, 2], [4, 6]]],
    ['𠀀食品', '食品', [[2, 4]]], // offsets are UTF-16: the astral character takes two
    ['信阳 食品', '信阳食品', [[0, 2], [3, 5]]], // no whole run: the bigrams
    ['羽绒', '食品', []],
  ])('%s ~ %s → %j', (text, q, ranges) => {
    expect(highlightRanges(text, q)).toEqual(ranges);
  });

  it.each([
    ['食品', '食品', false, 0],
    ['信阳食品厂', 'xyspc', false, 0],
    ['食品加工', '食品', true, 1],
    ['信阳食品厂', 'xysp', false, 1],
    ['信阳食品厂', '食品', true, 2],
    ['美食品鉴', '食品', false, 3],
  ] as const)('rank(%s, %s, word=%s) = %i', (name, q, word, rank) => {
    expect(rankName(name, q, word)).toBe(rank);
  });
});
