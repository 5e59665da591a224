import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, pageOf } from '../../../shared/api/common.js';
import {
  conflictListQuery,
  createReferralBody,
  linkProjectBody,
  noteBody,
  referral,
  referralConflict,
  referralDetail,
  referralListQuery,
  resolveBody,
  withdrawBody,
} from '../../../shared/api/referrals.js';
import type { ModuleContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { getConflict, listConflicts, resolveConflict } from './conflicts.service.js';
import { getReferral, listReferrals } from './referrals.queries.js';
import { addNote, createReferral, linkProject, withdrawReferral } from './referrals.service.js';

// There is deliberately no PATCH: a registration's original facts never change (domain.md §6).
export async function referralRoutes(app: FastifyInstance, { db }: ModuleContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['referrals'];

  r.get(
    '/api/referrals',
    {
      config: { permission: 'referrals.read' },
      schema: { tags, summary: '报备列表 List first-referrer registrations (referrers: only their own)', querystring: referralListQuery, response: { 200: pageOf(referral) } },
    },
    async (req) => listReferrals(db, actorOf(req), req.query),
  );
  r.post(
    '/api/referrals',
    {
      config: { permission: 'referrals.write' },
      schema: {
        tags,
        summary: '首谈报备 Register a lead and its first referrer (server time; conflicts detected at once)',
        body: createReferralBody,
        response: { 200: referralDetail },
      },
    },
    async (req) => createReferral(db, actorOf(req), req.body),
  );
  r.get(
    '/api/referrals/:id',
    { config: { permission: 'referrals.read' }, schema: { tags, summary: '报备详情 A registration with its conflicts and events', params: idParam, response: { 200: referralDetail } } },
    async (req) => getReferral(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/referrals/:id/withdraw',
    {
      config: { permission: 'referrals.write' },
      schema: { tags, summary: '撤回报备 Withdraw (registrant or bureau), with a reason', params: idParam, body: withdrawBody, response: { 200: referralDetail } },
    },
    async (req) => withdrawReferral(db, actorOf(req), req.params.id, req.body.reason),
  );
  r.post(
    '/api/referrals/:id/link-project',
    {
      // Linking also credits the project, so it takes the right to change projects.
      config: { permission: 'projects.write' },
      schema: { tags, summary: '关联项目 Attach the project the lead became', params: idParam, body: linkProjectBody, response: { 200: referralDetail } },
    },
    async (req) => linkProject(db, actorOf(req), req.params.id, req.body.projectId),
  );
  r.post(
    '/api/referrals/:id/note',
    {
      config: { permission: 'referrals.write' },
      schema: { tags, summary: '补充说明 Append an audited note (the original facts never change)', params: idParam, body: noteBody, response: { 200: referralDetail } },
    },
    async (req) => addNote(db, actorOf(req), req.params.id, req.body.text),
  );

  r.get(
    '/api/referral-conflicts',
    {
      config: { permission: 'referrals.arbitrate' },
      schema: {
        tags,
        summary: '报备冲突 Conflicts to arbitrate, both registrations side by side, oldest first',
        querystring: conflictListQuery,
        response: { 200: pageOf(referralConflict) },
      },
    },
    async (req) => listConflicts(db, actorOf(req), req.query),
  );
  r.get(
    '/api/referral-conflicts/:id',
    { config: { permission: 'referrals.read' }, schema: { tags, summary: '冲突详情 A conflict (bureau or either party)', params: idParam, response: { 200: referralConflict } } },
    async (req) => getConflict(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/referral-conflicts/:id/resolve',
    {
      config: { permission: 'referrals.arbitrate' },
      schema: {
        tags,
        summary: '裁定冲突 Resolve: winner, reason, optional credit split (integer percents summing to 100)',
        params: idParam,
        body: resolveBody,
        response: { 200: referralConflict },
      },
    },
    async (req) => resolveConflict(db, actorOf(req), req.params.id, req.body),
  );
}
