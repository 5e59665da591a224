import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, pageOf } from '../../../shared/api/common.js';
import { fundsQueueQuery, projectFunds, tranche, trancheBody, trancheParams } from '../../../shared/api/funds.js';
import { rejectBody, reviewBody } from '../../../shared/api/projects.js';
import type { ModuleContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { getProjectFunds, listTranches, reportTranche, reviewTranche } from './funds.service.js';

export async function fundsRoutes(app: FastifyInstance, { db }: ModuleContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['funds'];

  r.get(
    '/api/projects/:id/funds',
    {
      config: { permission: 'funds.read' },
      schema: { tags, summary: '实际到位资金 Funds tranches of a project, with verified and pending totals', params: idParam, response: { 200: projectFunds } },
    },
    async (req) => getProjectFunds(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/projects/:id/funds',
    {
      config: { permission: 'funds.report' },
      schema: {
        tags,
        summary: '登记到位资金 Report a tranche (pending until verified; 409 FUNDS_LARGE_CONFIRM above 10× contracted unless confirmLarge)',
        params: idParam,
        body: trancheBody,
        response: { 200: tranche },
      },
    },
    async (req) => reportTranche(db, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/projects/:id/funds/:fid/verify',
    { config: { permission: 'funds.review' }, schema: { tags, summary: '审核通过 Verify a tranche', params: trancheParams, body: reviewBody, response: { 200: tranche } } },
    async (req) => reviewTranche(db, actorOf(req), req.params.id, req.params.fid, { verify: true, note: req.body.note ?? null }),
  );
  r.post(
    '/api/projects/:id/funds/:fid/reject',
    { config: { permission: 'funds.review' }, schema: { tags, summary: '审核驳回 Reject a tranche with a reason', params: trancheParams, body: rejectBody, response: { 200: tranche } } },
    async (req) => reviewTranche(db, actorOf(req), req.params.id, req.params.fid, { verify: false, reason: req.body.reason }),
  );
  r.get(
    '/api/funds',
    {
      config: { permission: 'funds.read' },
      schema: { tags, summary: '到位资金审核队列 Tranches by status (pending = review queue), scoped', querystring: fundsQueueQuery, response: { 200: pageOf(tranche) } },
    },
    async (req) => listTranches(db, actorOf(req), req.query),
  );
}
