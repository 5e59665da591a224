import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './test/context.js';

interface Schema {
  type?: string;
  properties?: Record<string, unknown>;
  required?: string[];
  additionalProperties?: boolean;
  $ref?: string;
}
interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
// Writes that take no body: an explicit list, so a new write route must either declare a body schema or be named here.
const BODYLESS = new Set([
  'POST /api/auth/logout',
  'POST /api/org-units/{id}/disable',
  'POST /api/org-units/{id}/enable',
  'POST /api/users/{id}/disable',
  'POST /api/users/{id}/enable',
  'POST /api/projects/{id}/nodes/default',
]);
// Routes that move files rather than JSON: a multipart upload, and a download whose 200 is the file's bytes.
// POST /api/maps also takes the same fields as JSON (documented in its summary), so it declares no JSON schema.
const MULTIPART_BODY = new Set(['POST /api/files', 'POST /api/import/projects', 'POST /api/maps']);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const BINARY_200 = new Map([
  ['GET /api/files/{id}/download', 'application/octet-stream'],
  ['GET /api/export/projects', XLSX],
  ['GET /api/import/template.xlsx', XLSX],
  ['GET /api/stats/breakdown.xlsx', XLSX],
  ['GET /api/stats/records.xlsx', XLSX],
  ['GET /api/bulletins.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['GET /api/bulletins.xlsx', XLSX],
  ['GET /api/rewards/lines.xlsx', XLSX],
]);

let t: TestContext;
let doc: Document;
let raw = '';

beforeAll(async () => {
  t = await createTestContext();
  const res = await t.request(null, { method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  raw = res.body;
  doc = res.json<Document>();
});
afterAll(() => t.close());

const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method, path, op })),
  );

describe('the OpenAPI document', () => {
  it('is OpenAPI 3 JSON with the app’s title and version', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info.title).toContain('招商通');
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(JSON.parse(raw)).toEqual(doc);
    expect(doc.components?.securitySchemes).toHaveProperty('session');
  });

  it('lists every registered /api route, and nothing else', () => {
    const registered = t.app.apiRoutes
      .filter((r) => r.url !== '/api/openapi.json')
      .map((r) => `${r.method} ${toOpenApiPath(r.url)}`)
      .sort();
    expect(registered.length).toBeGreaterThan(20);
    expect(operations().map((o) => o.key).sort()).toEqual(registered);
    expect(Object.keys(doc.paths)).not.toContain('/api/openapi.json');
  });

  it('gives every operation a summary, a tag and a 200 response schema', () => {
    for (const { key, op } of operations()) {
      expect(op.summary, key).toBeTruthy();
      expect(op.tags?.length, key).toBeGreaterThan(0);
      if (BINARY_200.has(key)) expect(Object.keys(op.responses['200']?.content ?? {}), key).toEqual([BINARY_200.get(key)]);
      else expect(op.responses['200']?.content?.['application/json']?.schema, key).toBeDefined();
    }
  });

  it('declares every path parameter', () => {
    for (const { key, path, op } of operations()) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort(), key).toEqual([...names].sort());
      expect(declared.every((p) => p.required === true && p.schema), key).toBe(true);
    }
  });

  it('has a request body schema for every write that takes one', () => {
    const writes = operations().filter((o) => ['post', 'put', 'patch'].includes(o.method));
    for (const { key, op } of writes) {
      if (MULTIPART_BODY.has(key)) {
        expect(op.requestBody?.content['application/json'], `${key} takes multipart, not JSON`).toBeUndefined();
        continue;
      }
      if (BODYLESS.has(key)) {
        expect(op.requestBody, `${key} is listed as taking no body`).toBeUndefined();
        continue;
      }
      const schema = op.requestBody?.content['application/json']?.schema;
      expect(schema, `${key} has no request body schema (or add it to BODYLESS)`).toBeDefined();
      expect(schema!.type, key).toBe('object');
      expect(Object.keys(schema!.properties ?? {}).length, key).toBeGreaterThan(0);
      // Strict bodies: unknown fields are refused, and the document says so.
      expect(schema!.additionalProperties, key).toBe(false);
    }
    for (const key of BODYLESS) expect(writes.map((w) => w.key), `stale BODYLESS entry ${key}`).toContain(key);
  });

  it.each([
    ['POST /api/auth/login', ['username', 'password']],
    ['POST /api/auth/password', ['currentPassword', 'newPassword']],
    ['POST /api/org-units', ['name', 'type', 'parentId']],
    ['PATCH /api/org-units/{id}', []],
    ['POST /api/org-units/{id}/move', ['parentId']],
    ['POST /api/users', ['username', 'displayName', 'unitId', 'role']],
    ['PATCH /api/users/{id}', []],
    ['POST /api/users/{id}/reset-password', []],
  ])('%s requires %j', (key, required) => {
    const [method, path] = key.split(' ') as [string, string];
    const schema = doc.paths[path]?.[method.toLowerCase()]?.requestBody?.content['application/json']?.schema;
    expect(schema).toBeDefined();
    expect([...(schema!.required ?? [])].sort()).toEqual([...required].sort());
  });

  it('documents query parameters of list routes', () => {
    const names = (path: string) => (doc.paths[path]?.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(names('/api/org-units')).toEqual(expect.arrayContaining(['page', 'pageSize', 'parentId', 'q', 'type', 'includeDisabled']));
    expect(names('/api/users')).toEqual(expect.arrayContaining(['unitId', 'subtree', 'role', 'q']));
    expect(names('/api/audit-log')).toEqual(expect.arrayContaining(['entity', 'entityId', 'actorId', 'from', 'to']));
  });

  it('has no dangling $ref', () => {
    const refs = [...raw.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components?.schemas, ref).toHaveProperty(ref.replace('#/components/schemas/', '').replace(/~1/g, '/').replace(/~0/g, '~'));
    }
  });
});
