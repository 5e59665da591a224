import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, pageOf } from '../../../shared/api/common.js';
import {
  approveBody,
  decomposition,
  decompositionBody,
  decompositionQuery,
  isCountMetric,
  progressQuery,
  target,
  targetBody,
  targetMetrics,
  targetMetricsResponse,
  targetProgress as targetProgressSchema,
  targetsQuery,
  unlockBody,
} from '../../../shared/api/targets.js';
import type { ModuleContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { getSettings } from '../settings/settings.service.js';
import { targetProgress } from './targets.progress.js';
import { approveTargets, getDecomposition, getTarget, listTargets, saveDecomposition, saveTarget, targetHistory, unlockTarget } from './targets.service.js';

const historyResponse = z.object({
  items: z.array(z.object({ id: z.number().int(), at: z.string(), actorName: z.string().nullable(), action: z.string(), before: z.unknown(), after: z.unknown() })),
});

export async function targetRoutes(app: FastifyInstance, { db }: ModuleContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['targets'];

  r.get(
    '/api/targets',
    { config: { permission: 'targets.read' }, schema: { tags, summary: '目标列表 A year’s targets in scope (a unit’s subtree), filtered and paginated', querystring: targetsQuery, response: { 200: pageOf(target) } } },
    async (req) => listTargets(db, actorOf(req), req.query),
  );
  r.get(
    '/api/targets/metrics',
    { config: { permission: 'targets.read' }, schema: { tags, summary: '目标指标 The KPI figures a target may use (flow figures and the configured size tiers)', response: { 200: targetMetricsResponse } } },
    async () => ({ metrics: targetMetrics((await getSettings(db)).sizeTiers).map((name) => ({ name, isCount: isCountMetric(name) })) }),
  );
  r.get(
    '/api/targets/decomposition',
    {
      config: { permission: 'targets.read' },
      schema: { tags, summary: '目标分解 A unit’s target for a metric and its direct children’s, with their sum and the difference', querystring: decompositionQuery, response: { 200: decomposition } },
    },
    async (req) => getDecomposition(db, actorOf(req), req.query),
  );
  r.put(
    '/api/targets/decomposition',
    {
      config: { permission: 'targets.write' },
      schema: {
        tags,
        summary: '分解目标 Set a unit’s target and its direct children’s in one transaction (a children’s sum that differs is reported, not refused)',
        body: decompositionBody,
        response: { 200: decomposition },
      },
    },
    async (req) => saveDecomposition(db, actorOf(req), req.body),
  );
  r.get(
    '/api/targets/progress',
    {
      config: { permission: 'targets.read' },
      schema: { tags, summary: '目标进度 Actual (KPI engine, year to date), 完成率, 时序进度 and 超/欠时序进度 per target of a unit and its direct children', querystring: progressQuery, response: { 200: targetProgressSchema } },
    },
    async (req) => targetProgress(db, actorOf(req), req.query),
  );
  r.post(
    '/api/targets',
    { config: { permission: 'targets.write' }, schema: { tags, summary: '拟定目标 Create or change one draft target (a unit’s, or a person’s with userId)', body: targetBody, response: { 200: target } } },
    async (req) => saveTarget(db, actorOf(req), req.body),
  );
  r.post(
    '/api/targets/approve',
    { config: { permission: 'targets.approve' }, schema: { tags, summary: '审定目标 Approve (lock) draft targets, all or none', body: approveBody, response: { 200: z.object({ items: z.array(target) }) } } },
    async (req) => approveTargets(db, actorOf(req), req.body),
  );
  r.get(
    '/api/targets/:id',
    { config: { permission: 'targets.read' }, schema: { tags, summary: '目标详情 One target', params: idParam, response: { 200: target } } },
    async (req) => getTarget(db, actorOf(req), req.params.id),
  );
  r.get(
    '/api/targets/:id/history',
    { config: { permission: 'targets.read' }, schema: { tags, summary: '目标变更记录 Every audited change of a target, oldest first', params: idParam, response: { 200: historyResponse } } },
    async (req) => targetHistory(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/targets/:id/unlock',
    { config: { permission: 'targets.approve' }, schema: { tags, summary: '解锁目标 Return an approved target to draft, with a reason (audited)', params: idParam, body: unlockBody, response: { 200: target } } },
    async (req) => unlockTarget(db, actorOf(req), req.params.id, req.body.reason),
  );
}
