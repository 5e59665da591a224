import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, pageOf } from '../../../shared/api/common.js';
import {
  boardQuery,
  boardResponse,
  createProjectBody,
  project,
  projectListQuery,
  projectPage,
  rejectBody,
  reviewBody,
  transition,
  transitionBody,
  transitionQueueQuery,
  updateProjectBody,
} from '../../../shared/api/projects.js';
import type { ModuleContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { createProject, getProject, listProjects, projectBoard, updateProject } from './projects.service.js';
import { listProjectTransitions, listTransitions, requestTransition, reviewTransition } from './transitions.service.js';

const transitionParams = z.strictObject({
  id: z.coerce.number().int().positive().max(2147483647),
  tid: z.coerce.number().int().positive().max(2147483647),
});

export async function projectRoutes(app: FastifyInstance, { db }: ModuleContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['projects'];

  r.get(
    '/api/projects',
    { config: { permission: 'projects.read' }, schema: { tags, summary: '项目台账 List projects', querystring: projectListQuery, response: { 200: projectPage } } },
    async (req) => listProjects(db, actorOf(req), req.query),
  );
  r.get(
    '/api/projects/board',
    { config: { permission: 'projects.read' }, schema: { tags, summary: '看板 Kanban by stage with column totals', querystring: boardQuery, response: { 200: boardResponse } } },
    async (req) => projectBoard(db, actorOf(req), req.query),
  );
  r.get(
    '/api/projects/:id',
    { config: { permission: 'projects.read' }, schema: { tags, summary: '项目详情 Get a project', params: idParam, response: { 200: project } } },
    async (req) => getProject(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/projects',
    { config: { permission: 'projects.write' }, schema: { tags, summary: '新增项目 Create a project (as a lead)', body: createProjectBody, response: { 200: project } } },
    async (req) => createProject(db, actorOf(req), req.body),
  );
  r.patch(
    '/api/projects/:id',
    {
      config: { permission: 'projects.write' },
      schema: { tags, summary: '修改项目 Edit a project (version-checked: 409 if someone saved first)', params: idParam, body: updateProjectBody, response: { 200: project } },
    },
    async (req) => updateProject(db, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/projects/:id/transitions',
    { config: { permission: 'projects.read' }, schema: { tags, summary: '阶段变更历史 Stage history', params: idParam, response: { 200: z.object({ items: z.array(transition) }) } } },
    async (req) => ({ items: await listProjectTransitions(db, actorOf(req), req.params.id) }),
  );
  r.post(
    '/api/projects/:id/transitions',
    {
      config: { permission: 'transitions.request' },
      schema: { tags, summary: '申请阶段变更 Request a stage change (pending until verified)', params: idParam, body: transitionBody, response: { 200: transition } },
    },
    async (req) => requestTransition(db, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/projects/:id/transitions/:tid/verify',
    {
      config: { permission: 'transitions.review' },
      schema: { tags, summary: '审核通过 Verify a stage change', params: transitionParams, body: reviewBody, response: { 200: transition } },
    },
    async (req) => reviewTransition(db, actorOf(req), req.params.id, req.params.tid, { verify: true, note: req.body.note ?? null }),
  );
  r.post(
    '/api/projects/:id/transitions/:tid/reject',
    {
      config: { permission: 'transitions.review' },
      schema: { tags, summary: '审核驳回 Reject a stage change with a reason', params: transitionParams, body: rejectBody, response: { 200: transition } },
    },
    async (req) => reviewTransition(db, actorOf(req), req.params.id, req.params.tid, { verify: false, reason: req.body.reason }),
  );
  r.get(
    '/api/transitions',
    {
      config: { permission: 'projects.read' },
      schema: { tags, summary: '审核队列 Stage changes by status (pending = review queue)', querystring: transitionQueueQuery, response: { 200: pageOf(transition) } },
    },
    async (req) => listTransitions(db, actorOf(req), req.query),
  );
}
