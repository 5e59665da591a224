import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { createTestContext, uniqueName, type TestContext } from './test/context.js';

/*
 * The HTTP layer around the routes: errors of the HTTP parser in the one error shape, the web app's
 * cache headers (the shell revalidated, hashed assets kept), compression, and the client address
 * behind a trusted proxy (what the audit log records).
 */

let t: TestContext;
let webDir: string;
let port: number;
const bigScript = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `招商引资项目${i}`))};\n`;

beforeAll(async () => {
  webDir = mkdtempSync(path.join(tmpdir(), 'zs-web-'));
  mkdirSync(path.join(webDir, 'assets'));
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>招商通</title><script type="module" src="/assets/index-abc123.js"></script>');
  writeFileSync(path.join(webDir, 'assets', 'index-abc123.js'), bigScript);
  mkdirSync(path.join(webDir, '.vite'));
  writeFileSync(path.join(webDir, '.vite', 'manifest.json'), '{"src/web/main.tsx":{"file":"assets/index-abc123.js"}}');
  t = await createTestContext({ WEB_DIST: webDir, TRUST_PROXY: 1 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(async () => {
  await t.close();
  rmSync(webDir, { recursive: true, force: true });
});

/** Send raw bytes on a socket and read the whole answer (the parser errors never reach inject). */
function raw(bytes: Buffer): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), headers: head, body });
    });
    socket.write(bytes);
  });
}

describe('errors of the HTTP parser', () => {
  it('answers an unencoded Chinese address with 400 in the one error shape, in both languages', async () => {
    const res = await raw(Buffer.from('GET /api/divisions?q=固始 HTTP/1.1\r\nHost: localhost\r\n\r\n', 'utf8'));
    expect(res.status).toBe(400);
    expect(res.headers).toMatch(/content-type: application\/json/i);
    const body = JSON.parse(res.body) as { error: { code: string; message: string } };
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toMatch(/请求格式不正确.*malformed/);
  });

  it('answers an address of 20 KB with 431', async () => {
    const res = await raw(Buffer.from(`GET /api/health?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`));
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body).error.code).toBe('HEADERS_TOO_LARGE');
  });
});

describe('the web app’s files', () => {
  it('revalidates the shell on every route and keeps hashed assets for a year', async () => {
    for (const url of ['/', '/projects/12']) {
      const res = await fetch(`http://127.0.0.1:${port}${url}`);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('cache-control'), url).toBe('no-cache');
      expect(await res.text()).toContain('招商通');
    }
    const head = await fetch(`http://127.0.0.1:${port}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`http://127.0.0.1:${port}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // A missing hashed asset is a 404, not the shell.
    expect((await fetch(`http://127.0.0.1:${port}/assets/gone-123.js`)).status).toBe(404);
    // The build manifest (source paths) is not served.
    const manifest = await fetch(`http://127.0.0.1:${port}/.vite/manifest.json`);
    expect(await manifest.text()).not.toContain('src/web/main.tsx');
  });

  it('compresses scripts and JSON for a client that accepts gzip', async () => {
    const asset = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers['content-encoding']).toBe('gzip');
    const plain = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(bigScript);
    const spec = await t.app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(spec.statusCode).toBe(200);
    expect(['br', 'gzip']).toContain(spec.headers['content-encoding']);
  });
});

describe('behind a trusted proxy', () => {
  it('parses TRUST_PROXY: off by default, a hop count, or the proxies’ addresses', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.0.0.0/8' }).TRUST_PROXY).toEqual(['10.0.0.1', '10.0.0.0/8']);
  });

  it('records the user’s address from X-Forwarded-For in the audit log (one trusted hop)', async () => {
    const name = uniqueName('代理测试县');
    const created = await t.request(t.adminCookie, {
      method: 'POST',
      url: '/api/org-units',
      payload: { name, type: 'county', parentId: t.rootId },
      headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' },
    });
    expect(created.statusCode, created.body).toBe(200);
    const log = await t.request(t.adminCookie, { method: 'GET', url: `/api/audit-log?entity=org_unit&entityId=${created.json().id}` });
    expect(log.json().items[0]).toMatchObject({ ip: '198.51.100.7' });
  });
});
