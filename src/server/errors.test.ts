import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgUnit } from '../shared/api/org.js';
import { createTestContext, uniqueName, type TestContext } from './test/context.js';

/*
 * One error shape everywhere, and hostile or odd input answered as data or as a 4xx — never a 500.
 * Every request in this file goes through `call`, which fails the test on any 5xx.
 */

let t: TestContext;
let parentId = 0;

beforeAll(async () => {
  t = await createTestContext();
  parentId = (await t.createUnit({ type: 'county', name: uniqueName('错误测试县') })).id;
});
afterAll(() => t.close());

async function call(opts: InjectOptions, cookie: string | null = t.adminCookie): Promise<LightMyRequestResponse> {
  const res = await t.request(cookie, opts);
  expect(res.statusCode, `${opts.method} ${opts.url} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
  return res;
}

/** Asserts the one error shape: { error: { code, message, details? } } and nothing else. */
function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  for (const key of Object.keys(body.error)) expect(['code', 'message', 'details']).toContain(key);
  return body.error as { code: string; message: string; details?: { field?: string; in?: string; message: string }[] };
}

const fieldsOf = (error: { details?: { field?: string }[] }) => (error.details ?? []).map((d) => d.field);
const createUnit = (payload: unknown, headers: Record<string, string> = {}) => call({ method: 'POST', url: '/api/org-units', payload: payload as object, headers });

describe('malformed requests', () => {
  it('malformed JSON → 400 BAD_JSON', async () => {
    for (const payload of ['{"name":', '{name: 1}', "{'a':1}", '[1,2', '\u0000']) {
      expectError(await createUnit(payload, { 'content-type': 'application/json' }), 400, 'BAD_JSON');
    }
  });

  it('an empty JSON body → 400 BAD_JSON', async () => {
    expectError(await createUnit('', { 'content-type': 'application/json' }), 400, 'BAD_JSON');
  });

  it('a 10 MB body → 413 BODY_TOO_LARGE, not 500', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024), type: 'town', parentId });
    expectError(await createUnit(big, { 'content-type': 'application/json' }), 413, 'BODY_TOO_LARGE');
  });

  it('a body of the wrong media type → our shape (415 or 400)', async () => {
    const text = await createUnit('name=x', { 'content-type': 'text/plain' });
    expect([400, 415]).toContain(text.statusCode);
    expectError(text, text.statusCode, text.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION');
    expectError(await createUnit('name=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await createUnit('<unit/>', { 'content-type': 'application/xml' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a JSON body that is not an object → 400 VALIDATION', async () => {
    for (const payload of ['[]', '"x"', '42', 'null']) {
      expectError(await createUnit(payload, { 'content-type': 'application/json' }), 400, 'VALIDATION');
    }
  });
});

describe('validation names the field', () => {
  it('unknown fields', async () => {
    const error = expectError(await createUnit({ name: '多余字段', type: 'town', parentId, bogus: 1, isAdmin: true }), 400, 'VALIDATION');
    expect(error.details).toEqual(
      expect.arrayContaining([
        { field: 'bogus', in: 'body', message: 'unknown field' },
        { field: 'isAdmin', in: 'body', message: 'unknown field' },
      ]),
    );
    const query = expectError(await call({ method: 'GET', url: '/api/org-units?sort=name' }), 400, 'VALIDATION');
    expect(query.details).toEqual([{ field: 'sort', in: 'querystring', message: 'unknown field' }]);
  });

  it.each([
    ['name as a number', { name: 5, type: 'county', parentId: 1 }, ['name']],
    ['parentId as a string', { name: 'x', type: 'county', parentId: 'abc' }, ['parentId']],
    ['parentId as a fraction', { name: 'x', type: 'county', parentId: 1.5 }, ['parentId']],
    ['parentId negative', { name: 'x', type: 'county', parentId: -1 }, ['parentId']],
    ['type not in the list', { name: 'x', type: 'province', parentId: 1 }, ['type']],
    ['missing everything', {}, ['name', 'type', 'parentId']],
    ['sortOrder as an array', { name: 'x', type: 'county', parentId: 1, sortOrder: [1] }, ['sortOrder']],
  ])('wrong types: %s', async (_label, payload, fields) => {
    const error = expectError(await createUnit(payload), 400, 'VALIDATION');
    expect(fieldsOf(error)).toEqual(expect.arrayContaining(fields));
    expect(error.details!.every((d) => d.in === 'body')).toBe(true);
  });

  it.each([
    ['a body id beyond PostgreSQL integer', 'POST', '/api/org-units', { name: 'x', type: 'county', parentId: 99999999999 }, 'parentId'],
    ['a move target beyond integer', 'POST', '/api/org-units/1/move', { parentId: 2 ** 31 }, 'parentId'],
    ['a user unit beyond integer', 'POST', '/api/users', { username: 'big.unit', displayName: 'x', role: 'viewer', unitId: 1e12 }, 'unitId'],
    ['a query id beyond integer', 'GET', '/api/org-units?parentId=99999999999', undefined, 'parentId'],
    ['a users filter beyond integer', 'GET', '/api/users?unitId=99999999999', undefined, 'unitId'],
    ['an audit actor beyond integer', 'GET', '/api/audit-log?actorId=99999999999', undefined, 'actorId'],
    ['a path id beyond integer', 'GET', '/api/org-units/99999999999', undefined, 'id'],
    ['a path id that is not a number', 'GET', '/api/org-units/abc', undefined, 'id'],
    ['a page of zero', 'GET', '/api/org-units?page=0', undefined, 'page'],
    ['an impossible audit date', 'GET', '/api/audit-log?from=2024-13-45', undefined, 'from'],
    ['February 30th', 'GET', '/api/audit-log?to=2023-02-30', undefined, 'to'],
    ['year zero (PostgreSQL has none)', 'GET', '/api/audit-log?from=0000-01-01', undefined, 'from'],
  ] as const)('out of range: %s', async (_label, method, url, payload, field) => {
    const error = expectError(await call({ method, url, ...(payload ? { payload } : {}) }), 400, 'VALIDATION');
    expect(fieldsOf(error)).toContain(field);
  });

  it('NUL characters in text are refused, not a 500', async () => {
    for (const url of ['/api/org-units?q=%00', '/api/users?q=a%00b', '/api/audit-log?entity=%00', '/api/audit-log?entityId=1%00']) {
      expectError(await call({ method: 'GET', url }), 400, 'VALIDATION');
    }
    const login = await call({ method: 'POST', url: '/api/auth/login', payload: { username: 'ad\u0000min', password: 'x' } }, null);
    expect([400, 401]).toContain(login.statusCode);
    expectError(await createUnit({ name: '招\u0000商', type: 'town', parentId }), 400, 'VALIDATION');
  });
});

describe('routes that do not exist', () => {
  it.each([
    ['GET', '/api/nope'],
    ['GET', '/api'],
    ['POST', '/api/org-units/1/explode'],
    ['DELETE', '/api/org-units/1'],
    ['GET', '/api/org-units/1/2/3'],
  ] as const)('%s %s → 404 ROUTE_NOT_FOUND', async (method, url) => {
    expectError(await call({ method, url }), 404, 'ROUTE_NOT_FOUND');
    // Anonymous callers get the same answer, not a hint that a session would help.
    expectError(await call({ method, url }, null), 404, 'ROUTE_NOT_FOUND');
  });

  it('a record that does not exist → 404 NOT_FOUND', async () => {
    expectError(await call({ method: 'GET', url: '/api/org-units/2147483647' }), 404, 'NOT_FOUND');
  });
});

describe('hostile text is stored and returned as data', () => {
  it.each([
    ['SQL', "'; drop table org_units; --"],
    ['SQL in a string', `Robert'); DROP TABLE users;--`],
    ['HTML/script', '<script>alert(1)</script>'],
    ['attribute injection', '"><img src=x onerror=alert(1)>'],
    ['template syntax', '{{constructor.constructor("alert(1)")()}} ${7*7}'],
    ['JSON-looking', '{"__proto__":{"isAdmin":true}}'],
    ['backslashes and LIKE wildcards', String.raw`C:\temp\%_*`],
  ])('%s', async (_label, name) => {
    const res = await createUnit({ name, type: 'town', parentId });
    expect(res.statusCode, res.body).toBe(200);
    const unit = res.json<OrgUnit>();
    expect(unit.name).toBe(name);
    expect((await call({ method: 'GET', url: `/api/org-units/${unit.id}` })).json().name).toBe(name);
    // Searching for it finds exactly it: the text is a value, never part of the query.
    const found = await call({ method: 'GET', url: `/api/org-units?q=${encodeURIComponent(name)}&parentId=${parentId}` });
    expect(found.json().items.map((u: OrgUnit) => u.id)).toEqual([unit.id]);
    // Users read it too (as a display name).
    const user = await call({
      method: 'POST',
      url: '/api/users',
      payload: { username: uniqueName('hostile').toLowerCase(), displayName: name.slice(0, 40), unitId: parentId, role: 'viewer', password: 'Hostile-pass-1' },
    });
    expect(user.json().user.displayName).toBe(name.slice(0, 40));
  });

  it('the tables are all still there', async () => {
    expect((await call({ method: 'GET', url: '/api/org-units' })).statusCode).toBe(200);
    expect((await call({ method: 'GET', url: '/api/users' })).statusCode).toBe(200);
  });

  it('is never served as HTML', async () => {
    const res = await call({ method: 'GET', url: `/api/org-units?q=${encodeURIComponent('<script>')}` });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('unicode in names', () => {
  it('keeps full-width brackets and letters as typed, but reads the half-width spelling as the same name', async () => {
    const name = uniqueName('信阳市（ＡＢＣ）投资中心');
    const res = await createUnit({ name, type: 'town', parentId });
    expect(res.json().name).toBe(name);
    // Stored as typed; compared under NFKC: （ＡＢＣ） and (ABC) are one name to a reader, so a sibling may not take it.
    const halfWidth = await createUnit({ name: name.replace('（', '(').replace('）', ')').replace('ＡＢＣ', 'ABC'), type: 'town', parentId });
    expectError(halfWidth, 409, 'UNIT_NAME_TAKEN');
  });

  it('counts an emoji as one character against the length limit', async () => {
    // Unit names allow 60 characters; 60 emoji are 120 UTF-16 code units.
    const ok = await createUnit({ name: '🚀'.repeat(60), type: 'town', parentId });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().name).toBe('🚀'.repeat(60));
    const tooLong = expectError(await createUnit({ name: '🚀'.repeat(61), type: 'town', parentId }), 400, 'VALIDATION');
    expect(fieldsOf(tooLong)).toEqual(['name']);
    expect((await createUnit({ name: '字'.repeat(61), type: 'town', parentId })).statusCode).toBe(400);
  });

  it('strips zero-width characters, so a disguised duplicate collides', async () => {
    const base = uniqueName('招商');
    const disguised = `${base.slice(0, 1)}\u200B${base.slice(1)}\uFEFF`;
    const first = await createUnit({ name: disguised, type: 'town', parentId });
    expect(first.statusCode).toBe(200);
    expect(first.json().name).toBe(base);
    const dup = expectError(await createUnit({ name: base, type: 'town', parentId }), 409, 'UNIT_NAME_TAKEN');
    expect(fieldsOf(dup)).toEqual(['name']);
    expectError(await createUnit({ name: `\u202E${base}`, type: 'town', parentId }), 409, 'UNIT_NAME_TAKEN');
    expectError(await createUnit({ name: ` ${base}\u3000`, type: 'town', parentId }), 409, 'UNIT_NAME_TAKEN');
  });

  it.each([['\u200B\u200C\u200D'], ['   '], ['\u3000\u200B '], ['\uFEFF']])('a name of only invisible characters or spaces (%j) → 400', async (name) => {
    const error = expectError(await createUnit({ name, type: 'town', parentId }), 400, 'VALIDATION');
    expect(fieldsOf(error)).toEqual(['name']);
  });

  it('refuses control characters', async () => {
    const error = expectError(await createUnit({ name: '招商\u0007局', type: 'town', parentId }), 400, 'VALIDATION');
    expect(fieldsOf(error)).toEqual(['name']);
  });
});

describe('language', () => {
  it.each([
    ['GET', '/api/nope', null, 404, 'No such endpoint', '接口不存在'],
    ['GET', '/api/org-units', null, 401, 'Please sign in', '请先登录'],
    ['GET', '/api/org-units/2147483647', 'admin', 404, 'Not found, or not visible to you', '记录不存在或无权查看'],
    ['GET', '/api/org-units?page=0', 'admin', 400, 'Invalid request', '请求参数有误'],
  ] as const)('%s %s answers in English or Chinese', async (method, url, who, status, en, zh) => {
    const cookie = who ? t.adminCookie : null;
    const english = await call({ method, url, headers: { 'accept-language': 'en-GB,en;q=0.9' } }, cookie);
    expect(english.statusCode).toBe(status);
    expect(english.json().error.message).toBe(en);
    const chinese = await call({ method, url, headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } }, cookie);
    expect(chinese.json().error.message).toBe(zh);
    // Chinese is the default.
    expect((await call({ method, url }, cookie)).json().error.message).toBe(zh);
  });

  it('English for a body-level error too', async () => {
    const res = await createUnit('{', { 'content-type': 'application/json', 'accept-language': 'en' });
    expect(res.json().error.message).toBe('The request body is not valid JSON');
  });
});

describe('security headers', () => {
  it.each([
    ['a 200', 'GET', '/api/health', null],
    ['a signed-in read', 'GET', '/api/org-units', 'admin'],
    ['a 401', 'GET', '/api/org-units', null],
    ['a 404', 'GET', '/api/nope', null],
    ['a 400', 'GET', '/api/org-units?page=0', 'admin'],
  ] as const)('on %s', async (_label, method, url, who) => {
    const res = await call({ method, url }, who ? t.adminCookie : null);
    const csp = String(res.headers['content-security-policy'] ?? '');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['x-frame-options'] ?? '')).toMatch(/^(DENY|SAMEORIGIN)$/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
