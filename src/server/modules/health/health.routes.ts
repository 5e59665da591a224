import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { APP_VERSION } from '../../../shared/version.js';
import type { ModuleContext } from '../../context.js';

const healthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

export async function healthRoutes(app: FastifyInstance, opts: Pick<ModuleContext, 'database'>) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['system'], summary: '健康检查 Health', response: { 200: healthResponse } } },
    async () => {
      await opts.database.db.execute(sql`select 1`);
      return { status: 'ok' as const, database: opts.database.kind, version: APP_VERSION };
    },
  );
}
