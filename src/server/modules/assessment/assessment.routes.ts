import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, pageOf } from '../../../shared/api/common.js';
import { runBody, runDiff, runRecord, runsQuery, runSummary, noteBody, runUpdateBody, schemeBody, schemeRecord, schemesQuery } from '../../../shared/api/assessment.js';
import type { ModuleContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { createRun, diffRun, getRun, listRuns, publishRun, updateRunManual } from './assessment.runs.js';
import { archiveScheme, createScheme, getScheme, listSchemes, newSchemeVersion, updateScheme } from './assessment.schemes.js';

export async function assessmentRoutes(app: FastifyInstance, { db }: ModuleContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assessment'];

  r.get(
    '/api/assessment-schemes',
    { config: { permission: 'assessment.read' }, schema: { tags, summary: '考核办法列表 Scheme versions on the caller’s branch of the tree, newest first', querystring: schemesQuery, response: { 200: pageOf(schemeRecord) } } },
    async (req) => listSchemes(db, actorOf(req), req.query),
  );
  r.get(
    '/api/assessment-schemes/:id',
    { config: { permission: 'assessment.read' }, schema: { tags, summary: '考核办法 One scheme version', params: idParam, response: { 200: schemeRecord } } },
    async (req) => getScheme(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/assessment-schemes',
    {
      config: { permission: 'assessment.write' },
      schema: { tags, summary: '新建考核办法 Create a scheme (version 1, draft) for the caller’s scope; a refused scheme names the field', body: schemeBody, response: { 200: schemeRecord } },
    },
    async (req) => createScheme(db, actorOf(req), req.body.scheme),
  );
  r.put(
    '/api/assessment-schemes/:id',
    {
      config: { permission: 'assessment.write' },
      schema: { tags, summary: '修改考核办法 Change a draft version (409 once a run was published with it, or archived)', params: idParam, body: schemeBody, response: { 200: schemeRecord } },
    },
    async (req) => updateScheme(db, actorOf(req), req.params.id, req.body.scheme),
  );
  r.post(
    '/api/assessment-schemes/:id/versions',
    {
      config: { permission: 'assessment.write' },
      schema: { tags, summary: '另存新版本 Save a new version of the latest version (a new draft row linked to it)', params: idParam, body: schemeBody, response: { 200: schemeRecord } },
    },
    async (req) => newSchemeVersion(db, actorOf(req), req.params.id, req.body.scheme),
  );
  r.post(
    '/api/assessment-schemes/:id/archive',
    { config: { permission: 'assessment.write' }, schema: { tags, summary: '归档考核办法 Archive a version: no new runs', params: idParam, body: noteBody, response: { 200: schemeRecord } } },
    async (req) => archiveScheme(db, actorOf(req), req.params.id, req.body.note),
  );

  r.get(
    '/api/assessment-runs',
    { config: { permission: 'assessment.runs.read' }, schema: { tags, summary: '考核结果列表 Runs on the caller’s branch (published only, below the bureau and leaders)', querystring: runsQuery, response: { 200: pageOf(runSummary) } } },
    async (req) => listRuns(db, actorOf(req), req.query),
  );
  r.get(
    '/api/assessment-runs/:id',
    {
      config: { permission: 'assessment.runs.read' },
      schema: { tags, summary: '考核结果 A run: per unit total, rank and each item with its inputs and records (below the scheme’s unit: only the caller’s units)', params: idParam, response: { 200: runRecord } },
    },
    async (req) => getRun(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/assessment-runs',
    {
      config: { permission: 'assessment.runs.write' },
      schema: { tags, summary: '运行考核 Score a scheme for its period (or one within its year) from verified records, with manual scores and reasons', body: runBody, response: { 200: runRecord } },
    },
    async (req) => createRun(db, actorOf(req), req.body),
  );
  r.patch(
    '/api/assessment-runs/:id',
    {
      config: { permission: 'assessment.runs.write' },
      schema: { tags, summary: '修改评议分 Change a computed run’s manual scores (re-scored on its inputs); a published run refuses (409)', params: idParam, body: runUpdateBody, response: { 200: runRecord } },
    },
    async (req) => updateRunManual(db, actorOf(req), req.params.id, req.body.manual),
  );
  r.post(
    '/api/assessment-runs/:id/publish',
    { config: { permission: 'assessment.runs.write' }, schema: { tags, summary: '发布考核结果 Freeze a run and its scheme version (publishing twice: 409)', params: idParam, body: noteBody, response: { 200: runRecord } } },
    async (req) => publishRun(db, actorOf(req), req.params.id, req.body.note),
  );
  r.get(
    '/api/assessment-runs/:id/diff',
    { config: { permission: 'assessment.runs.read' }, schema: { tags, summary: '结果比对 Re-run on today’s data and list every difference from the stored run', params: idParam, response: { 200: runDiff } } },
    async (req) => diffRun(db, actorOf(req), req.params.id),
  );
}
