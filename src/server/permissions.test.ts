import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../shared/roles.js';
import { ADMIN_PASSWORD, createTestContext, uniqueName, USER_PASSWORD, type TestContext } from './test/context.js';

/*
 * THE PERMISSION MATRIX. Every /api route, written out by hand with the roles allowed to call it.
 * This table is the spec, independent of src/shared/roles.ts on purpose: a route whose permission
 * changes, or a new route, fails here until someone decides, in review, who may call it.
 */
const PUBLIC = 'public' as const;
const ALL: readonly Role[] = ['admin', 'leader', 'bureau', 'unit_staff', 'department', 'referrer', 'viewer'];
const STAFF: readonly Role[] = ['admin', 'leader', 'bureau', 'unit_staff', 'department', 'viewer'];
const ADMIN: readonly Role[] = ['admin'];

const MATRIX: Record<string, readonly Role[] | typeof PUBLIC> = {
  'GET /api/health': PUBLIC,
  'GET /api/openapi.json': PUBLIC,
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/logout': ALL,
  'GET /api/auth/me': ALL,
  'POST /api/auth/password': ALL,

  'GET /api/org-units': STAFF,
  'GET /api/org-units/tree': STAFF,
  'GET /api/org-units/:id': STAFF,
  'POST /api/org-units': ADMIN,
  'PATCH /api/org-units/:id': ADMIN,
  'POST /api/org-units/:id/move': ADMIN,
  'POST /api/org-units/:id/disable': ADMIN,
  'POST /api/org-units/:id/enable': ADMIN,
  'GET /api/divisions': ALL,
  'GET /api/divisions/:code': ALL,

  'GET /api/users': ['admin', 'leader', 'bureau', 'unit_staff'],
  'GET /api/users/:id': ['admin', 'leader', 'bureau', 'unit_staff'],
  'POST /api/users': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'POST /api/users/:id/reset-password': ADMIN,
  'POST /api/users/:id/disable': ADMIN,
  'POST /api/users/:id/enable': ADMIN,

  'GET /api/audit-log': ['admin', 'leader', 'bureau'],

  'GET /api/settings': STAFF,
  'PUT /api/settings': ADMIN,
  'GET /api/industries': ALL,
  'GET /api/industries/:code': ALL,

  // The project ledger. Department users read projects (only those with an issue assigned to
  // them: a scope rule, not a permission); referrers see only their own registrations, not the ledger.
  'GET /api/investors': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'GET /api/investors/check-duplicate': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'GET /api/investors/:id': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'POST /api/investors': ['admin', 'bureau', 'unit_staff'],
  'PATCH /api/investors/:id': ['admin', 'bureau', 'unit_staff'],
  'GET /api/projects': STAFF,
  'GET /api/projects/board': STAFF,
  'GET /api/projects/:id': STAFF,
  'POST /api/projects': ['admin', 'bureau', 'unit_staff'],
  'PATCH /api/projects/:id': ['admin', 'bureau', 'unit_staff'],
  'GET /api/projects/:id/transitions': STAFF,
  'POST /api/projects/:id/transitions': ['admin', 'bureau', 'unit_staff'],
  // 审核 is the bureau's alone: not even an admin verifies a stage change.
  'POST /api/projects/:id/transitions/:tid/verify': ['bureau'],
  'POST /api/projects/:id/transitions/:tid/reject': ['bureau'],
  'GET /api/transitions': STAFF,

  // Follow-ups, node plans, coordination issues, files. Reads of a project's sub-records take
  // projects.read; departments are then refused by scope (404), not by permission. Only the
  // assigned department (or bureau) answers an issue; the project's side closes, escalates, reopens.
  'GET /api/projects/:id/follow-ups': STAFF,
  'POST /api/projects/:id/follow-ups': ['admin', 'bureau', 'unit_staff'],
  'GET /api/follow-ups': STAFF,
  'PATCH /api/follow-ups/:id': ['admin', 'bureau', 'unit_staff'],
  'DELETE /api/follow-ups/:id': ['admin', 'bureau', 'unit_staff'],
  'GET /api/projects/:id/nodes': STAFF,
  'GET /api/projects/:id/audit-log': STAFF,
  'PUT /api/projects/:id/nodes': ['admin', 'bureau', 'unit_staff'],
  'POST /api/projects/:id/nodes/default': ['admin', 'bureau', 'unit_staff'],
  'GET /api/nodes/overdue': STAFF,
  'GET /api/projects/:id/issues': STAFF,
  'POST /api/projects/:id/issues': ['admin', 'bureau', 'unit_staff'],
  'GET /api/issues/departments': STAFF,
  'GET /api/issues': STAFF,
  'GET /api/issues/:id': STAFF,
  'POST /api/issues/:id/answer': ['bureau', 'department'],
  'POST /api/issues/:id/close': ['admin', 'bureau', 'unit_staff'],
  'POST /api/issues/:id/escalate': ['admin', 'bureau', 'unit_staff'],
  'POST /api/issues/:id/reopen': ['admin', 'bureau', 'unit_staff'],
  // Anyone signed in may ask for a file; whether they get it is the attached record's scope.
  'POST /api/files': ['admin', 'bureau', 'unit_staff', 'department', 'referrer'],
  'GET /api/files/:id': ALL,
  'GET /api/files/:id/download': ALL,
  'GET /api/projects/:id/files': STAFF,

  // First-referrer registration (报备): referrers file and follow only their own (a scope rule);
  // linking a project changes the project, so it takes projects.write; only the bureau arbitrates.
  'GET /api/referrals': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer', 'referrer'],
  'POST /api/referrals': ['admin', 'bureau', 'unit_staff', 'referrer'],
  'GET /api/referrals/:id': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer', 'referrer'],
  'POST /api/referrals/:id/withdraw': ['admin', 'bureau', 'unit_staff', 'referrer'],
  'POST /api/referrals/:id/link-project': ['admin', 'bureau', 'unit_staff'],
  'POST /api/referrals/:id/note': ['admin', 'bureau', 'unit_staff', 'referrer'],
  'GET /api/referral-conflicts': ['bureau'],
  'GET /api/referral-conflicts/:id': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer', 'referrer'],
  'POST /api/referral-conflicts/:id/resolve': ['bureau'],

  // Search: staff only (results are scoped; departments get projects only, no investors).
  'GET /api/search': STAFF,

  // Excel import and export of the ledger. A job is seen only by its creator and by bureau staff
  // over the creator's unit (a scope rule, 404 otherwise); the export has the project list's scope.
  'POST /api/import/projects': ['admin', 'bureau', 'unit_staff'],
  'GET /api/import/jobs/:id': ['admin', 'bureau', 'unit_staff'],
  'GET /api/import/jobs/:id/rows': ['admin', 'bureau', 'unit_staff'],
  'PUT /api/import/jobs/:id/mapping': ['admin', 'bureau', 'unit_staff'],
  'POST /api/import/jobs/:id/commit': ['admin', 'bureau', 'unit_staff'],
  'GET /api/import/template.xlsx': ['admin', 'bureau', 'unit_staff'],
  'GET /api/export/projects': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],

  // The map: read by whoever reads figures; only an admin uploads, remaps or deletes boundaries.
  'GET /api/maps': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'GET /api/maps/builtin/:name': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'GET /api/maps/:id': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'POST /api/maps': ADMIN,
  'PATCH /api/maps/:id': ADMIN,
  'DELETE /api/maps/:id': ADMIN,

  // 实际到位资金: read like the project's sub-records (departments then get 404 by scope); unit
  // staff and the bureau report; only the bureau verifies, never the reporter (a service rule).
  'GET /api/projects/:id/funds': STAFF,
  'POST /api/projects/:id/funds': ['admin', 'bureau', 'unit_staff'],
  'POST /api/projects/:id/funds/:fid/verify': ['bureau'],
  'POST /api/projects/:id/funds/:fid/reject': ['bureau'],
  'GET /api/funds': STAFF,

  // Figures: whoever reads the whole ledger of a scope; not departments (only their issues' projects)
  // nor referrers (only their registrations).
  'GET /api/stats/summary': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'GET /api/stats/breakdown': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'GET /api/stats/breakdown.xlsx': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'GET /api/stats/records': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'GET /api/stats/records.xlsx': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'GET /api/bulletins/preview': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'GET /api/bulletins.docx': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'GET /api/bulletins.xlsx': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],

  // Targets: read by whoever reads figures; the bureau sets, approves and unlocks; unit staff draft
  // below their own unit (a service rule). Not admins: targets are the bureau's work, not the system's.
  'GET /api/targets': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'GET /api/targets/metrics': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'GET /api/targets/decomposition': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'PUT /api/targets/decomposition': ['bureau', 'unit_staff'],
  'GET /api/targets/progress': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'POST /api/targets': ['bureau', 'unit_staff'],
  'POST /api/targets/approve': ['bureau'],
  'GET /api/targets/:id': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'GET /api/targets/:id/history': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer'],
  'POST /api/targets/:id/unlock': ['bureau'],

  // Assessment (issue 5): the bureau writes schemes and runs; schemes are read by whoever reads the
  // whole scope; runs by every staff role (below the scheme's unit, only their own lines: a scope rule).
  'GET /api/assessment-schemes': ['admin', 'leader', 'bureau', 'viewer'],
  'GET /api/assessment-schemes/:id': ['admin', 'leader', 'bureau', 'viewer'],
  'POST /api/assessment-schemes': ['bureau'],
  'PUT /api/assessment-schemes/:id': ['bureau'],
  'POST /api/assessment-schemes/:id/versions': ['bureau'],
  'POST /api/assessment-schemes/:id/archive': ['bureau'],
  'GET /api/assessment-runs': STAFF,
  'GET /api/assessment-runs/:id': STAFF,
  'POST /api/assessment-runs': ['bureau'],
  'PATCH /api/assessment-runs/:id': ['bureau'],
  'POST /api/assessment-runs/:id/publish': ['bureau'],
  'GET /api/assessment-runs/:id/diff': STAFF,

  // Rewards (issue 5): read by whoever reads figures and by referrers (their own lines: a scope rule;
  // unit staff see the lines of their units); only the bureau writes rules, computes and publishes.
  'GET /api/rewards/rules': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer', 'referrer'],
  'GET /api/rewards/rules/:id': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer', 'referrer'],
  'POST /api/rewards/rules': ['bureau'],
  'PUT /api/rewards/rules/:id': ['bureau'],
  'POST /api/rewards/rules/:id/versions': ['bureau'],
  'GET /api/rewards/runs': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer', 'referrer'],
  'GET /api/rewards/runs/:id': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer', 'referrer'],
  'POST /api/rewards/runs': ['bureau'],
  'POST /api/rewards/runs/:id/publish': ['bureau'],
  'GET /api/rewards/lines': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer', 'referrer'],
  'GET /api/rewards/lines.xlsx': ['admin', 'leader', 'bureau', 'unit_staff', 'viewer', 'referrer'],
};

const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const isPublic = (key: string) => MATRIX[key] === PUBLIC;
const protectedKeys = Object.keys(MATRIX).filter((k) => !isPublic(k));

let t: TestContext;
// One signed-in session per role, all in the root unit so data scope never hides the targets.
const sessions = new Map<Role, { username: string; password: string; cookie: string }>();
// Throwaway targets for the :id routes, so disabling or resetting them harms no session in use.
const target = { unitId: 0, userId: 0 };

beforeAll(async () => {
  t = await createTestContext();
  sessions.set('admin', { username: 'admin', password: ADMIN_PASSWORD, cookie: t.adminCookie });
  const others = ROLES.filter((r) => r !== 'admin');
  // In parallel: password hashing dominates and runs on libuv's thread pool.
  const created = await Promise.all(others.map((role) => t.createUser({ role, unitId: t.rootId })));
  others.forEach((role, i) => sessions.set(role, { username: created[i]!.username, password: USER_PASSWORD, cookie: created[i]!.cookie }));
  target.unitId = (await t.createUnit({ type: 'county', name: uniqueName('矩阵目标单位') })).id;
  const res = await t.request(t.adminCookie, {
    method: 'POST',
    url: '/api/users',
    payload: { username: uniqueName('matrix.target').toLowerCase(), displayName: '矩阵目标用户', unitId: t.rootId, role: 'viewer', password: 'Target-pass-1' },
  });
  expect(res.statusCode).toBe(200);
  target.userId = res.json().user.id;
});
afterAll(() => t.close());

// Ledger records are built by their own module tests; here a well-formed id that matches nothing is
// enough, because the permission gate answers before any record is looked up (allowed roles get 404).
const NO_RECORD = 2147483000;

/** A concrete URL for a route pattern; an unknown parameter fails loudly so a new route gets a value here. */
function pathFor(url: string): string {
  const filled = url
    .replace(/^\/api\/users\/:id/, `/api/users/${target.userId}`)
    .replace(/^\/api\/org-units\/:id/, `/api/org-units/${target.unitId}`)
    .replace(/^\/api\/divisions\/:code/, '/api/divisions/411525')
    .replace(/^\/api\/industries\/:code/, '/api/industries/C')
    .replace(/^\/api\/(investors|projects)\/:id/, `/api/$1/${NO_RECORD}`)
    .replace(/^\/api\/(referrals|referral-conflicts)\/:id/, `/api/$1/${NO_RECORD}`)
    .replace(/^\/api\/(follow-ups|issues|files)\/:id/, `/api/$1/${NO_RECORD}`)
    .replace(/^\/api\/targets\/:id/, `/api/targets/${NO_RECORD}`)
    .replace(/^\/api\/(assessment-schemes|assessment-runs)\/:id/, `/api/$1/${NO_RECORD}`)
    .replace(/^\/api\/rewards\/(rules|runs)\/:id/, `/api/rewards/$1/${NO_RECORD}`)
    .replace(/^\/api\/import\/jobs\/:id/, `/api/import/jobs/${NO_RECORD}`)
    .replace(/^\/api\/maps\/builtin\/:name/, '/api/maps/builtin/henan')
    .replace(/^\/api\/maps\/:id/, `/api/maps/${NO_RECORD}`)
    .replace(/\/transitions\/:tid\//, `/transitions/${NO_RECORD}/`)
    .replace(/\/funds\/:fid\//, `/funds/${NO_RECORD}/`);
  if (filled.includes(':')) throw new Error(`${url}: the permission test has no value for this parameter; add one to pathFor()`);
  return filled;
}

function requestFor(key: string) {
  const [method, url] = key.split(' ') as [string, string];
  const opts = { method: method as 'GET', url: pathFor(url) };
  // The permission check runs in onRequest, before the body is validated, so `{}` does for every write.
  return method === 'GET' ? opts : { ...opts, payload: {} };
}

describe('the table covers exactly the registered routes', () => {
  it('has one row per registered /api route, and no stale rows', () => {
    const registered = t.app.apiRoutes.map(routeKey);
    expect(new Set(registered).size).toBe(registered.length);
    const missing = registered.filter((k) => !(k in MATRIX));
    const stale = Object.keys(MATRIX).filter((k) => !registered.includes(k));
    expect(missing, 'routes with no row in the permission matrix').toEqual([]);
    expect(stale, 'rows for routes that no longer exist').toEqual([]);
  });

  it('names only real roles', () => {
    for (const [key, roles] of Object.entries(MATRIX)) {
      if (roles === PUBLIC) continue;
      expect(roles.length, key).toBeGreaterThan(0);
      for (const role of roles) expect(ROLES, key).toContain(role);
    }
  });
});

describe('without a session', () => {
  it.each(protectedKeys)('%s answers 401 UNAUTHENTICATED', async (key) => {
    const res = await t.request(null, requestFor(key));
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it.each(protectedKeys)('%s answers 401 with an unknown session cookie', async (key) => {
    const res = await t.request('zs_session=not-a-real-token', requestFor(key));
    expect(res.statusCode).toBe(401);
  });

  it('public routes answer without one', async () => {
    expect((await t.request(null, { method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    const doc = await t.request(null, { method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
    // An empty login body is refused on its content, not for want of a session.
    const login = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: {} });
    expect(login.statusCode).toBe(400);
    expect(login.json().error.code).toBe('VALIDATION');
    // Every public row is covered above.
    expect(Object.keys(MATRIX).filter(isPublic).sort()).toEqual(['GET /api/health', 'GET /api/openapi.json', 'POST /api/auth/login']);
  });
});

describe.each(Object.keys(MATRIX))('%s', (key) => {
  const allowed = MATRIX[key]!;
  it.each([...ROLES])('as %s', async (role) => {
    let cookie = sessions.get(role)!.cookie;
    // Signing out would end the session the rest of the walk relies on: use a fresh one.
    if (key === 'POST /api/auth/logout') {
      const s = sessions.get(role)!;
      cookie = await t.login(s.username, s.password);
    }
    const res = await t.request(cookie, requestFor(key));
    // Downloads (the ledger export, the import template) answer a workbook, not JSON.
    const isJson = String(res.headers['content-type'] ?? '').includes('json');
    const code = isJson ? res.json<{ error?: { code: string } }>().error?.code : undefined;
    if (allowed === PUBLIC || allowed.includes(role)) {
      expect([401, 403], `${role} should be allowed: ${res.statusCode} ${res.body}`).not.toContain(res.statusCode);
      // A 404 ROUTE_NOT_FOUND or a 500 would mean the walk never reached the route's own logic.
      expect(code).not.toBe('ROUTE_NOT_FOUND');
      expect(res.statusCode, res.body).toBeLessThan(500);
    } else {
      expect(res.statusCode, `${role} should be refused: ${res.body}`).toBe(403);
      expect(code).toBe('FORBIDDEN');
    }
  });
});

describe('the walk left every session usable', () => {
  it.each([...ROLES])('%s is still signed in', async (role) => {
    const res = await t.request(sessions.get(role)!.cookie, { method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.role).toBe(role);
  });
});
