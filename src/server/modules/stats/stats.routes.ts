import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { breakdownQuery, recordsQuery, statsBreakdown, statsQuery, statsRecords, statsSummary } from '../../../shared/api/stats.js';
import type { ModuleContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { getSettings } from '../settings/settings.service.js';
import { statsRecords as listRecords } from './stats.records.js';
import { statsBreakdown as breakdown, statsSummary as summary } from './stats.service.js';
import { breakdownWorkbook } from './stats.xlsx.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
        produces: [XLSX],
        response: { 200: { description: 'The table workbook', content: { [XLSX]: { schema: z.any().describe('.xlsx bytes') } } } },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = await breakdown(db, actor, req.query);
      const body = await breakdownWorkbook(b, await getSettings(db), { industry: req.query.industry ?? null });
      const filename = `招商指标_${b.unit.name}_${b.from}_${b.to}.xlsx`;
      const ascii = filename.replace(/[^\x20-\x7e]/g, '_');
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(body);
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
}
