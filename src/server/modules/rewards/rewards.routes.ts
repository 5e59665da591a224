import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, pageOf } from '../../../shared/api/common.js';
import { rewardLine, rewardLinesQuery, rewardNoteBody, rewardRun, rewardRunBody, rewardRunsQuery, ruleSetBody, ruleSetRecord, ruleSetsQuery } from '../../../shared/api/rewards.js';
import type { ModuleContext } from '../../context.js';
import { fileResponse, sendFile } from '../../http/download.js';
import { actorOf } from '../../plugins/auth.js';
import { createRewardRun, getRewardRun, listRewardLines, listRewardRuns, publishRewardRun, rewardRunForExport } from './rewards.runs.js';
import { createRuleSet, getRuleSet, listRuleSets, newRuleSetVersion, updateRuleSet } from './rewards.rules.js';
import { rewardsWorkbook } from './rewards.xlsx.js';

const exportQuery = rewardLinesQuery.omit({ page: true, pageSize: true });

export async function rewardRoutes(app: FastifyInstance, { db }: ModuleContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rewards'];

  r.get(
    '/api/rewards/rules',
    { config: { permission: 'rewards.read' }, schema: { tags, summary: '奖励办法列表 Rule-set versions on the caller’s branch of the tree, newest first', querystring: ruleSetsQuery, response: { 200: pageOf(ruleSetRecord) } } },
    async (req) => listRuleSets(db, actorOf(req), req.query),
  );
  r.get(
    '/api/rewards/rules/:id',
    { config: { permission: 'rewards.read' }, schema: { tags, summary: '奖励办法 One rule-set version', params: idParam, response: { 200: ruleSetRecord } } },
    async (req) => getRuleSet(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/rewards/rules',
    {
      config: { permission: 'rewards.write' },
      schema: { tags, summary: '新建奖励办法 Create a rule set (version 1, draft) for the caller’s scope; a refused rule names the field', body: ruleSetBody, response: { 200: ruleSetRecord } },
    },
    async (req) => createRuleSet(db, actorOf(req), req.body.rules),
  );
  r.put(
    '/api/rewards/rules/:id',
    {
      config: { permission: 'rewards.write' },
      schema: { tags, summary: '修改奖励办法 Change a draft version (409 once a run was published with it)', params: idParam, body: ruleSetBody, response: { 200: ruleSetRecord } },
    },
    async (req) => updateRuleSet(db, actorOf(req), req.params.id, req.body.rules),
  );
  r.post(
    '/api/rewards/rules/:id/versions',
    {
      config: { permission: 'rewards.write' },
      schema: { tags, summary: '另存新版本 Save a new version of the latest version (a new draft row linked to it)', params: idParam, body: ruleSetBody, response: { 200: ruleSetRecord } },
    },
    async (req) => newRuleSetVersion(db, actorOf(req), req.params.id, req.body.rules),
  );

  r.get(
    '/api/rewards/runs',
    {
      config: { permission: 'rewards.read' },
      schema: { tags, summary: '奖励兑现列表 Runs on the caller’s branch (published only, below the bureau and leaders), totals over the caller’s lines', querystring: rewardRunsQuery, response: { 200: pageOf(rewardRun) } },
    },
    async (req) => listRewardRuns(db, actorOf(req), req.query),
  );
  r.get(
    '/api/rewards/runs/:id',
    { config: { permission: 'rewards.read' }, schema: { tags, summary: '奖励兑现 One run with totals per credited unit (over the caller’s lines)', params: idParam, response: { 200: rewardRun } } },
    async (req) => getRewardRun(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/rewards/runs',
    {
      config: { permission: 'rewards.write' },
      schema: { tags, summary: '计算奖励 Compute a rule set for a period from verified records, credited by the ledger’s credit splits', body: rewardRunBody, response: { 200: rewardRun } },
    },
    async (req) => createRewardRun(db, actorOf(req), req.body),
  );
  r.post(
    '/api/rewards/runs/:id/publish',
    { config: { permission: 'rewards.write' }, schema: { tags, summary: '发布奖励兑现 Freeze a run and put its rule-set version in use (publishing twice: 409)', params: idParam, body: rewardNoteBody, response: { 200: rewardRun } } },
    async (req) => publishRewardRun(db, actorOf(req), req.params.id, req.body.note),
  );
  r.get(
    '/api/rewards/lines',
    {
      config: { permission: 'rewards.read' },
      schema: { tags, summary: '兑现明细 A run’s lines the caller may see (unit staff: their units; referrers: their own), filtered and paginated, each with its calculation', querystring: rewardLinesQuery, response: { 200: pageOf(rewardLine) } },
    },
    async (req) => listRewardLines(db, actorOf(req), req.query),
  );
  r.get(
    '/api/rewards/lines.xlsx',
    {
      config: { permission: 'rewards.read' },
      schema: { tags, summary: '导出兑现明细 The lines of a run as .xlsx (same filters as /api/rewards/lines, all pages), with the calculation in words, per-unit sums and the rules', querystring: exportQuery, response: { 200: fileResponse('xlsx', 'The rewards workbook') } },
    },
    async (req, reply) => {
      const { run, rules, lines } = await rewardRunForExport(db, actorOf(req), req.query);
      const body = await rewardsWorkbook(run, rules, lines);
      return sendFile(reply, 'xlsx', `奖励兑现_${run.unitName}_${run.periodFrom}_${run.periodTo}.xlsx`, body);
    },
  );
}
