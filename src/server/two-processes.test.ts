import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestContext, type TestContext } from './test/context.js';

/*
 * Two real server processes (`src/cli/start.ts`, as `npm start` runs it) on one PostgreSQL, as behind
 * a load balancer (docs/deploy.md): a session made on one is honoured by the other, a logout on one
 * ends it on both, and login throttling counts failures made on either. PostgreSQL only: PGlite is
 * one process's embedded database.
 */

const isPostgres = Boolean(process.env.DATABASE_URL);
let t: TestContext;
let webDir: string;
const servers: { child: ChildProcess; url: string }[] = [];

function startProcess(port: number, databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      WEB_DIST: webDir,
      LOG_LEVEL: 'warn',
      LOGIN_DELAY_MS: '0',
      LOGIN_SLOW_AFTER: '2',
      LOGIN_LOCK_AFTER: '3',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server on ${port} did not start:\n${output}`)), 60_000);
    child.on('exit', (code) => reject(new Error(`server on ${port} exited with ${code}:\n${output}`)));
    child.stdout!.on('data', () => {
      const m = /running at (http:\/\/localhost:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${port}` });
      }
    });
  });
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

beforeAll(async () => {
  if (!isPostgres) return;
  // The harness makes and initialises a fresh database; the two processes start on it.
  t = await createTestContext();
  webDir = mkdtempSync(path.join(tmpdir(), 'zs-web-'));
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>招商通</title>');
  const [a, b] = await Promise.all([freePort(), freePort()]);
  servers.push(...(await Promise.all([startProcess(a, t.config.DATABASE_URL!), startProcess(b, t.config.DATABASE_URL!)])));
}, 120_000);

afterAll(async () => {
  for (const s of servers) {
    s.child.removeAllListeners('exit');
    s.child.kill('SIGTERM');
  }
  await Promise.all(servers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once('exit', r)))));
  if (webDir) rmSync(webDir, { recursive: true, force: true });
  await t?.close();
});

async function call(url: string, method: 'GET' | 'POST', cookie: string | null, body?: object) {
  const res = await fetch(url, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body ? { 'content-type': 'application/json', origin: new URL(url).origin } : method === 'POST' ? { origin: new URL(url).origin } : {}) },
    body: body ? JSON.stringify(body) : method === 'POST' ? '{}' : undefined,
  });
  return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? null, json: (await res.json()) as Record<string, unknown> };
}

describe.runIf(isPostgres)('two server processes on one PostgreSQL', () => {
  it('share sessions: signed in on one, known to the other; signed out on the other, gone on both', async () => {
    const [a, b] = [servers[0]!, servers[1]!];
    const login = await call(`${a.url}/api/auth/login`, 'POST', null, { username: 'admin', password: ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    const cookie = login.cookie!;
    expect((await call(`${b.url}/api/auth/me`, 'GET', cookie)).status).toBe(200);
    expect((await call(`${b.url}/api/auth/logout`, 'POST', cookie)).status).toBe(200);
    expect((await call(`${a.url}/api/auth/me`, 'GET', cookie)).status).toBe(401);
    expect((await call(`${b.url}/api/auth/me`, 'GET', cookie)).status).toBe(401);
  });

  it('count failed logins made on either process towards the lock', async () => {
    const [a, b] = [servers[0]!, servers[1]!];
    const wrong = { username: 'admin', password: 'wrong-password-1' };
    expect((await call(`${a.url}/api/auth/login`, 'POST', null, wrong)).status).toBe(401);
    expect((await call(`${b.url}/api/auth/login`, 'POST', null, wrong)).status).toBe(401);
    expect((await call(`${a.url}/api/auth/login`, 'POST', null, wrong)).status).toBe(401);
    // The third failure locks the name on both processes, even for the right password.
    expect((await call(`${b.url}/api/auth/login`, 'POST', null, { username: 'admin', password: ADMIN_PASSWORD })).status).toBe(429);
  });
});
