import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, pageOf } from '../../../shared/api/common.js';
import { duplicateInvestor, investor, investorInput, investorListQuery, investorUpdate } from '../../../shared/api/investors.js';
import { normaliseUscc } from '../../../shared/uscc.js';
import type { ModuleContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { createInvestor, findDuplicateInvestor, getInvestor, listInvestors, updateInvestor } from './investors.service.js';

export async function investorRoutes(app: FastifyInstance, { db }: ModuleContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['investors'];
  r.get(
    '/api/investors',
    { config: { permission: 'investors.read' }, schema: { tags, summary: '客商列表 List investors', querystring: investorListQuery, response: { 200: pageOf(investor) } } },
    async (req) => listInvestors(db, actorOf(req), req.query),
  );
  r.get(
    '/api/investors/check-duplicate',
    {
      config: { permission: 'investors.read' },
      schema: {
        tags,
        summary: '查重 Check for an existing investor',
        querystring: z.strictObject({ name: z.string().min(1).max(100), uscc: z.string().max(30).optional() }),
        response: { 200: z.object({ duplicate: duplicateInvestor.nullable() }) },
      },
    },
    async (req) => ({ duplicate: await findDuplicateInvestor(db, actorOf(req), { name: req.query.name, uscc: req.query.uscc ? normaliseUscc(req.query.uscc) || null : null }) }),
  );
  r.get(
    '/api/investors/:id',
    { config: { permission: 'investors.read' }, schema: { tags, summary: '客商详情 Get an investor', params: idParam, response: { 200: investor } } },
    async (req) => getInvestor(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/investors',
    { config: { permission: 'investors.write' }, schema: { tags, summary: '新增客商 Create an investor (409 with the existing one if a duplicate)', body: investorInput, response: { 200: investor } } },
    async (req) => createInvestor(db, actorOf(req), req.body),
  );
  r.patch(
    '/api/investors/:id',
    { config: { permission: 'investors.write' }, schema: { tags, summary: '修改客商 Edit an investor', params: idParam, body: investorUpdate, response: { 200: investor } } },
    async (req) => updateInvestor(db, actorOf(req), req.params.id, req.body),
  );
}
