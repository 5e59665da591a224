import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, pageOf } from '../../../shared/api/common.js';
import { nodesResponse, overdueNode, overdueNodesQuery, putNodesBody } from '../../../shared/api/nodes.js';
import type { ModuleContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { createDefaultNodes, listNodes, listOverdueNodes, replaceNodes } from './nodes.service.js';

export async function nodeRoutes(app: FastifyInstance, { db }: ModuleContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['nodes'];

  r.get(
    '/api/projects/:id/nodes',
    { config: { permission: 'projects.read' }, schema: { tags, summary: '节点计划 A project’s node plan, in order, with overdue flags', params: idParam, response: { 200: nodesResponse } } },
    async (req) => listNodes(db, actorOf(req), req.params.id),
  );
  r.put(
    '/api/projects/:id/nodes',
    {
      config: { permission: 'nodes.write' },
      schema: {
        tags,
        summary: '保存节点计划 Replace the node plan (signed projects; nodes left out are deleted)',
        params: idParam,
        body: putNodesBody,
        response: { 200: nodesResponse },
      },
    },
    async (req) => replaceNodes(db, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/projects/:id/nodes/default',
    {
      config: { permission: 'nodes.write' },
      schema: { tags, summary: '生成默认节点 Create the eight standard nodes (only when the plan is empty)', params: idParam, response: { 200: nodesResponse } },
    },
    async (req) => createDefaultNodes(db, actorOf(req), req.params.id),
  );
  r.get(
    '/api/nodes/overdue',
    {
      config: { permission: 'projects.read' },
      schema: { tags, summary: '逾期节点 Overdue nodes of open projects in scope, most overdue first', querystring: overdueNodesQuery, response: { 200: pageOf(overdueNode) } },
    },
    async (req) => listOverdueNodes(db, actorOf(req), req.query),
  );
}
