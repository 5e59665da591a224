import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportProjectsQuery } from '../../../shared/api/import.js';
import type { ModuleContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { prepareExport, writeProjectsXlsx } from './export.service.js';
import { buildTemplate } from './export.template.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const workbook = (description: string) => ({ description, content: { [XLSX]: { schema: z.any().describe('.xlsx bytes') } } });

function attachment(reply: FastifyReply, filename: string) {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_');
  reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff');
}

function stamp(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).replace(/-/g, '');
}

/** Registered by importRoutes (one module entry for import, export and the template). */
export async function exportRoutes(app: FastifyInstance, { db }: ModuleContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/export/projects',
    {
      config: { permission: 'projects.export' },
      schema: {
        tags: ['import'],
        summary: '导出项目台账 Export the filtered project list as .xlsx (same filters and scope as GET /api/projects; at most 100,000 rows)',
        querystring: exportProjectsQuery,
        produces: [XLSX],
        response: { 200: workbook('The ledger workbook') },
      },
    },
    async (req, reply) => {
      const prepared = await prepareExport(db, actorOf(req), req.query);
      const out = new PassThrough();
      writeProjectsXlsx(db, prepared, req.query, out).catch((err: unknown) => {
        req.log.error({ err }, 'project export failed while streaming');
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      });
      attachment(reply, `项目台账_${stamp()}.xlsx`);
      return reply.send(out);
    },
  );

  r.get(
    '/api/import/template.xlsx',
    {
      config: { permission: 'import.write' },
      schema: {
        tags: ['import'],
        summary: '导入模板 Blank ledger template with a 填写说明 sheet; the unit column lists your units',
        produces: [XLSX],
        response: { 200: workbook('The blank template') },
      },
    },
    async (req, reply) => {
      const body = await buildTemplate(db, actorOf(req));
      attachment(reply, '项目台账导入模板.xlsx');
      return reply.send(body);
    },
  );
}
