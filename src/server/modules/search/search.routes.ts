import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { searchQuery, searchResponse } from '../../../shared/api/search.js';
import type { ModuleContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { search } from './search.service.js';

export async function searchRoutes(app: FastifyInstance, { db }: ModuleContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/search',
    {
      config: { permission: 'search.read' },
      schema: {
        tags: ['search'],
        summary: '全局搜索 Search projects, investors and contacts (pinyin initials work: xyspc → 信阳食品厂)',
        querystring: searchQuery,
        response: { 200: searchResponse },
      },
    },
    async (req) => search(db, actorOf(req), req.query),
  );
}
