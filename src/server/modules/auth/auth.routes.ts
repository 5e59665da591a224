import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { changePasswordBody, loginBody, userResponse } from '../../../shared/api/auth.js';
import { okResponse } from '../../../shared/api/common.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { changeOwnPassword, login, recordLogout } from './auth.service.js';
import { loadSession, SESSION_COOKIE } from './session.service.js';

export async function authRoutes(app: FastifyInstance, opts: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = opts;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.COOKIE_SECURE,
  };

  r.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: '登录 Sign in', body: loginBody, response: { 200: userResponse } },
    },
    async (request, reply) => {
      const ctx = { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null, lang: request.lang };
      const session = await login(db, config, request.body.username, request.body.password, ctx);
      const loaded = await loadSession(db, session.token, ctx);
      if (!loaded) throw new AppError('UNAUTHENTICATED', 401);
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, expires: session.expiresAt });
      return { user: loaded.user };
    },
  );

  r.post(
    '/api/auth/logout',
    { config: { permission: 'session.self' }, schema: { tags: ['auth'], summary: '退出 Sign out', response: { 200: okResponse } } },
    async (request, reply) => {
      if (request.sessionId) await recordLogout(db, actorOf(request), request.sessionId);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/me',
    { config: { permission: 'session.self' }, schema: { tags: ['auth'], summary: '当前用户 Current user', response: { 200: userResponse } } },
    async (request) => {
      if (!request.sessionUser) throw new AppError('UNAUTHENTICATED', 401);
      return { user: request.sessionUser };
    },
  );

  r.post(
    '/api/auth/password',
    {
      config: { permission: 'session.self' },
      schema: { tags: ['auth'], summary: '修改密码 Change own password', body: changePasswordBody, response: { 200: okResponse } },
    },
    async (request) => {
      await changeOwnPassword(db, actorOf(request), request.sessionId ?? '', request.body);
      return { ok: true as const };
    },
  );
}
