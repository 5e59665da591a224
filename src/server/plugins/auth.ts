import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Lang } from '../../shared/errors.js';
import { can, type Permission } from '../../shared/roles.js';
import type { SessionUser } from '../../shared/api/auth.js';
import type { Actor } from '../actor.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { loadSession, SESSION_COOKIE } from '../modules/auth/session.service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a route needs; every /api route must name one or be `public`. */
    permission?: Permission;
    public?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionUser: SessionUser | null;
    sessionId: string | null;
    lang: Lang;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function languageOf(request: FastifyRequest): Lang {
  const header = request.headers['x-lang'] ?? request.headers['accept-language'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^en\b/i.test(value.trim()) ? 'en' : 'zh';
}

/** The signed-in actor; routes with a permission never run without one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 401);
  return request.actor;
}

function checkOrigin(request: FastifyRequest, allowed: Set<string>): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin) {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      throw new AppError('CSRF', 403);
    }
    if (host !== request.headers.host && !allowed.has(origin)) throw new AppError('CSRF', 403);
    return;
  }
  // No Origin (older browsers on same-origin requests, curl, server-to-server): a browser's
  // cross-site request still says so in Sec-Fetch-Site.
  if (request.headers['sec-fetch-site'] === 'cross-site') throw new AppError('CSRF', 403);
}

async function authPlugin(app: FastifyInstance, opts: { db: Db; config: Config }) {
  const allowedOrigins = new Set(
    opts.config.ALLOWED_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionUser', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('lang', 'zh');

  // Fail closed: an /api route that names neither a permission nor `public` is a bug at boot.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url === '/api/openapi.json') return;
    const cfg = route.config as { permission?: Permission; public?: boolean } | undefined;
    if (!cfg?.permission && !cfg?.public) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no permission`);
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    request.lang = languageOf(request);
    checkOrigin(request, allowedOrigins);
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const loaded = await loadSession(opts.db, token, { ip: request.ip ?? null, lang: request.lang });
      if (loaded) {
        request.actor = loaded.actor;
        request.sessionUser = loaded.user;
        request.sessionId = loaded.sessionId;
      }
    }
    const cfg = request.routeOptions.config;
    if (!request.routeOptions.url || cfg.public) return;
    if (!cfg.permission) return;
    if (!request.actor) throw new AppError('UNAUTHENTICATED', 401);
    if (!can(request.actor.role, cfg.permission)) throw new AppError('FORBIDDEN', 403);
  });
}

export default fp(authPlugin, { name: 'auth', dependencies: ['@fastify/cookie'] });
