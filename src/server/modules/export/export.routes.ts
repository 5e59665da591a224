import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { exportProjectsQuery } from '../../../shared/api/import.js';
import type { ModuleContext } from '../../context.js';
import { fileResponse, MIME, setAttachment } from '../../http/download.js';
import { actorOf } from '../../plugins/auth.js';
import { prepareExport, writeProjectsXlsx } from './export.service.js';
import { buildTemplate } from './export.template.js';

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
        produces: [MIME.xlsx],
        response: { 200: fileResponse('xlsx', 'The ledger workbook') },
      },
    },
    async (req, reply) => {
      const prepared = await prepareExport(db, actorOf(req), req.query);
      const out = new PassThrough();
      writeProjectsXlsx(db, prepared, req.query, out).catch((err: unknown) => {
        req.log.error({ err }, 'project export failed while streaming');
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      });
      setAttachment(reply, 'xlsx', `项目台账_${stamp()}.xlsx`);
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
        produces: [MIME.xlsx],
        response: { 200: fileResponse('xlsx', 'The blank template') },
      },
    },
    async (req, reply) => {
      const body = await buildTemplate(db, actorOf(req));
      setAttachment(reply, 'xlsx', '项目台账导入模板.xlsx');
      return reply.send(body);
    },
  );
}
