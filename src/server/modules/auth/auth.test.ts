import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, cookieFrom, createTestContext, USER_PASSWORD, type TestContext } from '../../test/context.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ LOGIN_LOCK_AFTER: 3, LOGIN_SLOW_AFTER: 2 });
});
afterAll(() => t.close());

describe('sign in', () => {
  it('sets an HttpOnly SameSite cookie and returns the user', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ADMIN', password: ADMIN_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(res.json().user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(res.json().user.permissions).toContain('org.write');
  });

  it('answers a wrong password with a bilingual 401', async () => {
    const zh = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' } });
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { username: 'nobody2', password: 'x' },
    });
    expect(en.json().error.message).toBe('Wrong username or password');
  });

  it('locks a username after repeated failures, even for the right password', async () => {
    const u = await t.createUser({ role: 'viewer' });
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'wrong-1234' } });
      expect(res.statusCode).toBe(401);
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: USER_PASSWORD } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Another username is not affected.
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } })).statusCode).toBe(200);
  });

  it('signs out and the cookie stops working', async () => {
    const cookie = await t.login('admin', ADMIN_PASSWORD);
    expect((await t.request(cookie, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await t.request(cookie, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    const after = await t.request(cookie, { method: 'GET', url: '/api/auth/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('passwords', () => {
  it('forces a first password change and signs out other sessions on change', async () => {
    const res = await t.request(t.adminCookie, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'pw.user2026', displayName: '密码用户', unitId: t.rootId, role: 'viewer' },
    });
    const { temporaryPassword } = res.json();
    expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{12}$/);
    const first = await t.login('pw.user2026', temporaryPassword);
    const second = await t.login('pw.user2026', temporaryPassword);
    expect((await t.request(first, { method: 'GET', url: '/api/auth/me' })).json().user.mustChangePassword).toBe(true);

    const weak = await t.request(first, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: temporaryPassword, newPassword: 'PW.USER2026' } });
    expect(weak.statusCode).toBe(400);
    const wrong = await t.request(first, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'nope', newPassword: 'Better-pass-1' } });
    expect(wrong.json().error).toMatchObject({ code: 'WRONG_PASSWORD', details: [{ field: 'currentPassword' }] });

    const ok = await t.request(first, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: temporaryPassword, newPassword: 'Better-pass-1' } });
    expect(ok.statusCode).toBe(200);
    expect((await t.request(first, { method: 'GET', url: '/api/auth/me' })).json().user.mustChangePassword).toBe(false);
    expect((await t.request(second, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect(cookieFrom(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'pw.user2026', password: 'Better-pass-1' } }))).toBeTruthy();
  });

  it('lets an admin reset a password and disable a user, ending their sessions', async () => {
    const u = await t.createUser({ role: 'viewer' });
    const reset = await t.request(t.adminCookie, { method: 'POST', url: `/api/users/${u.id}/reset-password`, payload: {} });
    expect(reset.statusCode).toBe(200);
    expect((await t.request(u.cookie, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const cookie = await t.login(u.username, reset.json().temporaryPassword);
    await t.request(t.adminCookie, { method: 'POST', url: `/api/users/${u.id}/disable` });
    expect((await t.request(cookie, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const denied = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: reset.json().temporaryPassword } });
    expect(denied.json().error.code).toBe('USER_DISABLED');
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request from another origin', async () => {
    const res = await t.request(t.adminCookie, {
      method: 'POST',
      url: '/api/org-units',
      headers: { origin: 'https://evil.example', host: 'localhost:3000' },
      payload: { name: '跨站', type: 'county', parentId: t.rootId },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF');
    const same = await t.request(t.adminCookie, {
      method: 'POST',
      url: '/api/org-units',
      headers: { origin: 'http://localhost:3000', host: 'localhost:3000' },
      payload: { name: '同源', type: 'county', parentId: t.rootId },
    });
    expect(same.statusCode).toBe(200);
    const fetchSite = await t.request(t.adminCookie, {
      method: 'POST',
      url: '/api/org-units',
      headers: { 'sec-fetch-site': 'cross-site' },
      payload: { name: '跨站2', type: 'county', parentId: t.rootId },
    });
    expect(fetchSite.statusCode).toBe(403);
  });
});
