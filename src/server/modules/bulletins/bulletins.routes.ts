import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { bulletin, bulletinQuery, type Bulletin } from '../../../shared/api/bulletins.js';
import type { ModuleContext } from '../../context.js';
import { fileResponse, MIME, sendFile } from '../../http/download.js';
import { actorOf } from '../../plugins/auth.js';
import { bulletinDocx } from './bulletins.docx.js';
import { buildBulletin } from './bulletins.service.js';
import { bulletinWorkbook } from './bulletins.xlsx.js';

const fileName = (b: Bulletin, ext: string) => `${b.title}${b.issueLabel ? `（${b.issueLabel}）` : ''}_${b.periodLabel}.${ext}`;

export async function bulletinRoutes(app: FastifyInstance, { db }: ModuleContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['bulletins'];
  const summaryOf = (what: string) =>
    `${what} (opening paragraph = /api/stats/summary for the same unit and period; ranking from a published run; targets' progress; project lists)`;

  r.get(
    '/api/bulletins/preview',
    { config: { permission: 'stats.read' }, schema: { tags, summary: summaryOf('通报预览 The bulletin’s content as JSON'), querystring: bulletinQuery, response: { 200: bulletin } } },
    async (req) => buildBulletin(db, actorOf(req), req.query),
  );
  r.get(
    '/api/bulletins.docx',
    {
      config: { permission: 'stats.read' },
      schema: { tags, summary: summaryOf('下载通报 The bulletin as a Word document'), querystring: bulletinQuery, produces: [MIME.docx], response: { 200: fileResponse('docx', 'The bulletin') } },
    },
    async (req, reply) => {
      const b = await buildBulletin(db, actorOf(req), req.query);
      return sendFile(reply, 'docx', fileName(b, 'docx'), await bulletinDocx(b));
    },
  );
  r.get(
    '/api/bulletins.xlsx',
    {
      config: { permission: 'stats.read' },
      schema: { tags, summary: summaryOf('通报附表 The bulletin’s tables as .xlsx'), querystring: bulletinQuery, produces: [MIME.xlsx], response: { 200: fileResponse('xlsx', 'The bulletin’s tables') } },
    },
    async (req, reply) => {
      const b = await buildBulletin(db, actorOf(req), req.query);
      return sendFile(reply, 'xlsx', fileName(b, 'xlsx'), await bulletinWorkbook(b));
    },
  );
}
