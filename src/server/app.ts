import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Socket } from 'node:net';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { errorMessage, type ErrorCode } from '../shared/errors.js';
import { APP_VERSION } from '../shared/version.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { isUntypeableText } from './db/errors.js';
import type { ModuleContext } from './context.js';
import { AppError } from './errors.js';
import { LocalFileStorage, type FileStorage } from './storage/storage.js';
import authPlugin, { languageOf } from './plugins/auth.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { userRoutes } from './modules/users/users.routes.js';
import { settingsRoutes } from './modules/settings/settings.routes.js';
import { industryRoutes } from './modules/industries/industries.routes.js';
import { investorRoutes } from './modules/investors/investors.routes.js';
import { projectRoutes } from './modules/projects/projects.routes.js';
import { followUpRoutes } from './modules/followups/followups.routes.js';
import { nodeRoutes } from './modules/nodes/nodes.routes.js';
import { issueRoutes } from './modules/issues/issues.routes.js';
import { fileRoutes } from './modules/files/files.routes.js';
import { referralRoutes } from './modules/referrals/referrals.routes.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { importRoutes } from './modules/import/import.routes.js';
import { mapRoutes } from './modules/maps/maps.routes.js';
import { fundsRoutes } from './modules/funds/funds.routes.js';
import { statsRoutes } from './modules/stats/stats.routes.js';
import { targetRoutes } from './modules/targets/targets.routes.js';
import { assessmentRoutes } from './modules/assessment/assessment.routes.js';
import { bulletinRoutes } from './modules/bulletins/bulletins.routes.js';
import { rewardRoutes } from './modules/rewards/rewards.routes.js';

export interface RouteInfo {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered /api route, for the permission-matrix test and the docs. */
    apiRoutes: RouteInfo[];
  }
}

export interface BuildOptions {
  database: Database;
  config: Config;
  logger?: boolean;
  /** Defaults to files under DATA_DIR (or a temp dir for an in-memory database). */
  storage?: FileStorage;
}

/** Feature modules, registered in this order. A new feature adds one line here. */
const MODULES: ((app: FastifyInstance, ctx: ModuleContext) => Promise<void>)[] = [
  healthRoutes,
  authRoutes,
  orgRoutes,
  userRoutes,
  auditRoutes,
  settingsRoutes,
  industryRoutes,
  investorRoutes,
  projectRoutes,
  followUpRoutes,
  nodeRoutes,
  issueRoutes,
  fileRoutes,
  referralRoutes,
  searchRoutes,
  importRoutes,
  mapRoutes,
  fundsRoutes,
  statsRoutes,
  targetRoutes,
  assessmentRoutes,
  bulletinRoutes,
  rewardRoutes,
];

// Fastify's own client errors, mapped onto our codes.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_JSON',
  FST_ERR_VALIDATION: 'VALIDATION',
};

function sendError(reply: FastifyReply, request: FastifyRequest, status: number, code: ErrorCode, details?: unknown) {
  const lang = request.lang ?? languageOf(request);
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code, message: errorMessage(code, lang) },
  };
  if (details !== undefined) body.error.details = details;
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function handleError(this: FastifyInstance, err: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
    return sendError(reply, request, err.status, err.code, err.details);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const details = err.validation.flatMap((issue) => {
      const base = fieldOf(issue.instancePath.split('/').filter(Boolean));
      // fastify-type-provider-zod puts the zod issue code in `keyword` and its other fields in `params`.
      const params = issue.params as { keys?: unknown } | undefined;
      if (issue.keyword === 'unrecognized_keys' && Array.isArray(params?.keys)) {
        return params.keys.map((k) => ({ field: base ? `${base}.${String(k)}` : String(k), in: where, message: 'unknown field' }));
      }
      return [{ field: base || where, in: where, message: issue.message ?? 'invalid' }];
    });
    return sendError(reply, request, 400, 'VALIDATION', details);
  }
  if (isResponseSerializationError(err)) {
    request.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
    return sendError(reply, request, 500, 'INTERNAL');
  }
  const fastifyErr = err as FastifyError;
  const mapped = fastifyErr.code ? FASTIFY_CODES[fastifyErr.code] : undefined;
  const status = fastifyErr.statusCode ?? 500;
  if (mapped) return sendError(reply, request, status >= 400 && status < 500 ? status : 400, mapped);
  if (status >= 400 && status < 500) {
    return sendError(reply, request, status, status === 404 ? 'ROUTE_NOT_FOUND' : status === 405 ? 'METHOD_NOT_ALLOWED' : 'VALIDATION');
  }
  // Text PostgreSQL cannot hold (a NUL character) is bad input wherever it was sent, not a server fault.
  if (isUntypeableText(err)) return sendError(reply, request, 400, 'VALIDATION', [{ message: 'text contains a NUL character' }]);
  request.log.error({ err }, 'unhandled error');
  return sendError(reply, request, 500, 'INTERNAL');
}

/**
 * Errors of the HTTP parser, before there is a request (an unencoded non-ASCII address, headers or an
 * address over the size limit): the same error shape as every other answer, in both languages since
 * no Accept-Language has been read.
 */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy(err);
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const code: ErrorCode = tooLarge ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST';
  const body = JSON.stringify({ error: { code, message: `${errorMessage(code, 'zh')} / ${errorMessage(code, 'en')}` } });
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(
    `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Believe the nearest `hops` proxies (X-Forwarded-For read from the right). */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

/** Cache headers of the web app's files: hashed assets for a year, everything else revalidated. */
function webCacheHeaders(reply: FastifyReply, filePath: string): void {
  const isHashedAsset = filePath.split(path.sep).includes('assets');
  reply.header('cache-control', isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { database, config } = opts;
  const app = Fastify({
    logger: opts.logger ? { level: config.LOG_LEVEL } : false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: typeof config.TRUST_PROXY === 'number' ? trustHops(config.TRUST_PROXY) : config.TRUST_PROXY,
    clientErrorHandler: answerClientError,
    routerOptions: { ignoreTrailingSlash: true },
    ajv: undefined,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  const apiRoutes: RouteInfo[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') apiRoutes.push({ method, url: route.url });
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.COOKIE_SECURE,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  // Lists, exports and the web app's scripts compressed for clients that accept it (above 1 KB).
  await app.register(fastifyCompress, { threshold: 1024 });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: '招商通 Zhaoshang API', version: APP_VERSION, description: '招商引资全流程管理 — investment attraction, from lead to production' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zs_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(authPlugin, { db: database.db, config });

  const ctx: ModuleContext = {
    db: database.db,
    database,
    config,
    storage: opts.storage ?? new LocalFileStorage(path.resolve(config.DATA_DIR, 'files')),
  };
  for (const register of MODULES) await app.register(register, ctx);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  const webDist = path.resolve(config.WEB_DIST);
  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    // index.html must be revalidated (a new release replaces the hashed files it names); hashed assets never change.
    // Vite's build manifest (.vite/manifest.json, which names source files) is for the bundle-size script, not for browsers.
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: webCacheHeaders,
      allowedPath: (pathName) => !pathName.startsWith('/.vite/'),
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // A missing hashed asset is a 404, never the app shell (a browser would refuse HTML as a script).
    if (request.url.startsWith('/api/') || request.url === '/api' || request.url.startsWith('/assets/') || !hasWeb || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return sendError(reply, request, 404, 'ROUTE_NOT_FOUND');
    }
    // The single-page app handles its own routes.
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });

  return app;
}
