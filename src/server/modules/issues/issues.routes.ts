import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, pageOf } from '../../../shared/api/common.js';
import {
  answerIssueBody,
  closeIssueBody,
  createIssueBody,
  escalateIssueBody,
  issue,
  issueListQuery,
  projectIssuesQuery,
  reopenIssueBody,
} from '../../../shared/api/issues.js';
import type { ModuleContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { z } from 'zod';
import { createIssue, getIssue, issueDepartments, listIssues, listProjectIssues } from './issues.service.js';
import { answerIssue, closeIssue, escalateIssue, reopenIssue } from './issues.workflow.js';

export async function issueRoutes(app: FastifyInstance, { db }: ModuleContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['issues'];

  r.get(
    '/api/projects/:id/issues',
    {
      config: { permission: 'projects.read' },
      schema: { tags, summary: '问题协调 A project’s coordination issues (a department sees only its own)', params: idParam, querystring: projectIssuesQuery, response: { 200: pageOf(issue) } },
    },
    async (req) => listProjectIssues(db, actorOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/projects/:id/issues',
    {
      config: { permission: 'issues.write' },
      schema: { tags, summary: '提交协调问题 Hand a problem to a department, with a deadline', params: idParam, body: createIssueBody, response: { 200: issue } },
    },
    async (req) => createIssue(db, actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/issues/departments',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags,
        summary: '承办部门 The departments a coordination issue can be handed to (every enabled 市直部门, whoever raises it)',
        response: { 200: z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string(), parentName: z.string().nullable() })) }) },
      },
    },
    async () => ({ items: await issueDepartments(db) }),
  );
  r.get(
    '/api/issues',
    {
      config: { permission: 'projects.read' },
      schema: { tags, summary: '问题清单 Issues in scope; for a department, its to-do list', querystring: issueListQuery, response: { 200: pageOf(issue) } },
    },
    async (req) => listIssues(db, actorOf(req), req.query),
  );
  r.get(
    '/api/issues/:id',
    { config: { permission: 'projects.read' }, schema: { tags, summary: '问题详情 Get an issue', params: idParam, response: { 200: issue } } },
    async (req) => getIssue(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/issues/:id/answer',
    {
      config: { permission: 'issues.answer' },
      schema: { tags, summary: '答复 Answer (the assigned department or bureau staff; version-checked)', params: idParam, body: answerIssueBody, response: { 200: issue } },
    },
    async (req) => answerIssue(db, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/issues/:id/close',
    { config: { permission: 'issues.write' }, schema: { tags, summary: '办结 Close (the project’s side)', params: idParam, body: closeIssueBody, response: { 200: issue } } },
    async (req) => closeIssue(db, actorOf(req), req.params.id, req.body.note),
  );
  r.post(
    '/api/issues/:id/escalate',
    {
      config: { permission: 'issues.write' },
      schema: { tags, summary: '提级协调 Escalate, with a reason', params: idParam, body: escalateIssueBody, response: { 200: issue } },
    },
    async (req) => escalateIssue(db, actorOf(req), req.params.id, req.body.reason),
  );
  r.post(
    '/api/issues/:id/reopen',
    { config: { permission: 'issues.write' }, schema: { tags, summary: '重新打开 Reopen, with a reason', params: idParam, body: reopenIssueBody, response: { 200: issue } } },
    async (req) => reopenIssue(db, actorOf(req), req.params.id, req.body.reason),
  );
}
