import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, okResponse, pageOf } from '../../../shared/api/common.js';
import { createFollowUpBody, followUp, followUpFeedQuery, projectFollowUpsQuery, updateFollowUpBody } from '../../../shared/api/followups.js';
import type { ModuleContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { createFollowUp, deleteFollowUp, listFollowUpFeed, listProjectFollowUps, updateFollowUp } from './followups.service.js';

export async function followUpRoutes(app: FastifyInstance, { db }: ModuleContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['follow-ups'];

  r.get(
    '/api/projects/:id/follow-ups',
    {
      config: { permission: 'projects.read' },
      schema: { tags, summary: '跟踪记录 A project’s follow-ups, newest first', params: idParam, querystring: projectFollowUpsQuery, response: { 200: pageOf(followUp) } },
    },
    async (req) => listProjectFollowUps(db, actorOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/projects/:id/follow-ups',
    {
      config: { permission: 'followups.write' },
      schema: { tags, summary: '新增跟踪记录 Record a follow-up (refreshes the stalled flag)', params: idParam, body: createFollowUpBody, response: { 200: followUp } },
    },
    async (req) => createFollowUp(db, actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/follow-ups',
    {
      config: { permission: 'projects.read' },
      schema: { tags, summary: '跟踪动态 Follow-ups of a unit and below, by date (scoped)', querystring: followUpFeedQuery, response: { 200: pageOf(followUp) } },
    },
    async (req) => listFollowUpFeed(db, actorOf(req), req.query),
  );
  r.patch(
    '/api/follow-ups/:id',
    {
      config: { permission: 'followups.write' },
      schema: { tags, summary: '修改跟踪记录 Edit a follow-up (its author, within 7 days)', params: idParam, body: updateFollowUpBody, response: { 200: followUp } },
    },
    async (req) => updateFollowUp(db, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/follow-ups/:id',
    {
      config: { permission: 'followups.write' },
      schema: { tags, summary: '删除跟踪记录 Delete a follow-up (its author, within 7 days; kept in the audit log)', params: idParam, response: { 200: okResponse } },
    },
    async (req) => {
      await deleteFollowUp(db, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
