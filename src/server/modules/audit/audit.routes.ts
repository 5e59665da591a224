import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditEntry, auditQuery } from '../../../shared/api/audit.js';
import { pageOf } from '../../../shared/api/common.js';
import type { Db } from '../../db/client.js';
import { actorOf } from '../../plugins/auth.js';
import { listAudit } from './audit.service.js';

export async function auditRoutes(app: FastifyInstance, opts: { db: Db }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit-log',
    {
      config: { permission: 'audit.read' },
      schema: { tags: ['audit'], summary: '审计日志 Audit log', querystring: auditQuery, response: { 200: pageOf(auditEntry) } },
    },
    async (req) => listAudit(opts.db, actorOf(req), req.query),
  );
}
