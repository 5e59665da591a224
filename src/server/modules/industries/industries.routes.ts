import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { industry, industryQuery } from '../../../shared/api/industries.js';
import { AppError } from '../../errors.js';
import { findIndustry, listIndustries } from './industries.service.js';

export async function industryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/industries',
    {
      config: { permission: 'industries.read' },
      schema: { tags: ['reference'], summary: '国民经济行业分类 GB/T 4754-2017', querystring: industryQuery, response: { 200: z.object({ items: z.array(industry) }) } },
    },
    async (req) => ({ items: listIndustries(req.query) }),
  );
  r.get(
    '/api/industries/:code',
    {
      config: { permission: 'industries.read' },
      schema: { tags: ['reference'], summary: '行业详情 One industry', params: z.strictObject({ code: z.string().regex(/^([A-T]|\d{2,4})$/) }), response: { 200: industry } },
    },
    async (req) => {
      const found = findIndustry(req.params.code);
      if (!found) throw new AppError('NOT_FOUND', 404);
      return found;
    },
  );
}
