import { z } from 'zod';

// The only reader of process.env. Parsed once at boot so a typo fails loudly, not at 3 a.m.
const boolish = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  DEMO: boolish.default(true),
  // Password of the demo (示例) accounts; generated and printed on first run when unset.
  DEMO_PASSWORD: z.string().min(8).optional(),
  ORG_NAME: z.string().default('本市'),
  COOKIE_SECURE: boolish.default(false),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  // Login throttling: after LOGIN_SLOW_AFTER failures each further attempt waits longer;
  // after LOGIN_LOCK_AFTER failures the username is refused (429) for LOGIN_LOCK_MINUTES.
  LOGIN_SLOW_AFTER: z.coerce.number().int().min(1).default(3),
  LOGIN_LOCK_AFTER: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  LOGIN_DELAY_MS: z.coerce.number().int().min(0).default(300),
  // Extra origins allowed to make state-changing requests (comma-separated), e.g. behind a proxy.
  ALLOWED_ORIGINS: z.string().default(''),
  // Behind a reverse proxy or load balancer: which X-Forwarded-For hops to believe, so the audit log and
  // the login throttle see the user's address, not the proxy's. Empty = none (direct); `true` = all;
  // a number = that many hops; otherwise comma-separated addresses or CIDRs of the proxies.
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((v): boolean | number | string[] => {
      const s = v.trim();
      if (s === '' || s === 'false' || s === '0') return false;
      if (s === 'true') return true;
      if (/^\d+$/.test(s)) return Number(s);
      return s.split(',').map((x) => x.trim()).filter(Boolean);
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  WEB_DIST: z.string().default('./dist/web'),
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = configSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, ...overrides };
}
