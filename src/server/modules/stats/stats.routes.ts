import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { breakdownQuery, recordsQuery, statsBreakdown, statsQuery, statsRecords, statsSummary } from '../../../shared/api/stats.js';
import type { ModuleContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { getSettings } from '../settings/settings.service.js';
import { statsRecords as listRecords } from './stats.records.js';
import { statsBreakdown as breakdown, statsSummary as summary } from './stats.service.js';
import { breakdownWorkbook, figureLabel, recordsWorkbook } from './stats.xlsx.js';
import { AppError } from '../../errors.js';
import { fileResponse, MIME, sendFile } from '../../http/download.js';
import { MAX_RECORDS_EXPORT } from './stats.records.js';

export async function statsRoutes(app: FastifyInstance, { db }: ModuleContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['stats'];

  r.get(
    '/api/stats/summary',
    {
      config: { permission: 'stats.read' },
      schema: {
        tags,
        summary: '指标汇总 The figures of a unit’s subtree for a period, with the same period last year and 同比',
        querystring: statsQuery,
        response: { 200: statsSummary },
      },
    },
    async (req) => summary(db, actorOf(req), req.query),
  );

  r.get(
    '/api/stats/breakdown',
    {
      config: { permission: 'stats.read' },
      schema: {
        tags,
        summary: '指标分组 The same figures per direct child unit, industry, month, stage or fund source, and their total',
        querystring: breakdownQuery,
        response: { 200: statsBreakdown },
      },
    },
    async (req) => breakdown(db, actorOf(req), req.query),
  );

  r.get(
    '/api/stats/breakdown.xlsx',
    {
      config: { permission: 'stats.read' },
      schema: {
        tags,
        summary: '导出指标表 The breakdown table as .xlsx (same query as /api/stats/breakdown)',
        querystring: breakdownQuery,
        produces: [MIME.xlsx],
        response: { 200: fileResponse('xlsx', 'The table workbook') },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = await breakdown(db, actor, req.query);
      const body = await breakdownWorkbook(b, await getSettings(db), { industry: req.query.industry ?? null });
      return sendFile(reply, 'xlsx', `招商指标_${b.unit.name}_${b.from}_${b.to}.xlsx`, body);
    },
  );

  r.get(
    '/api/stats/records',
    {
      config: { permission: 'stats.read' },
      schema: {
        tags,
        summary: '指标明细 The records behind one figure (paginated); their values sum to the figure exactly',
        querystring: recordsQuery,
        response: { 200: statsRecords },
      },
    },
    async (req) => listRecords(db, actorOf(req), req.query),
  );

  r.get(
    '/api/stats/records.xlsx',
    {
      config: { permission: 'stats.read' },
      schema: {
        tags,
        summary: `导出指标明细 The records behind one figure as .xlsx, all pages (at most ${MAX_RECORDS_EXPORT.toLocaleString('en')}), with a 合计 row equal to the figure`,
        querystring: recordsQuery.omit({ page: true, pageSize: true }),
        produces: [MIME.xlsx],
        response: { 200: fileResponse('xlsx', 'The records workbook') },
      },
    },
    async (req, reply) => {
      const records = await listRecords(db, actorOf(req), { ...req.query, page: 1, pageSize: MAX_RECORDS_EXPORT });
      if (records.count > MAX_RECORDS_EXPORT) throw new AppError('STATS_RECORDS_TOO_MANY', 400, [{ field: 'to', message: 'STATS_RECORDS_TOO_MANY' }]);
      const body = await recordsWorkbook(records, { unitName: records.unit.name, industry: req.query.industry ?? null });
      return sendFile(reply, 'xlsx', `${figureLabel(req.query.figure).replace(/[（）]/g, '')}_${records.unit.name}_${records.from}_${records.to}.xlsx`, body);
    },
  );
}
