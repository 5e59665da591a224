import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditEntry, auditQuery } from '../../../shared/api/audit.js';
import { idParam, pageOf, pageQuery } from '../../../shared/api/common.js';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { actorOf } from '../../plugins/auth.js';
import { requireProjectDetails } from '../followups/followups.service.js';
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
  // A project's own trail, for everyone who may see the project's details (county staff included).
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/projects/:id/audit-log',
    {
      config: { permission: 'projects.read' },
      schema: {
        tags: ['audit'],
        summary: '项目变更记录 A project’s audit trail (who changed what, when)',
        params: idParam,
        querystring: z.strictObject({ ...pageQuery }),
        response: { 200: pageOf(auditEntry) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await requireProjectDetails(opts.db, actor, req.params.id);
      return listAudit(opts.db, actor, { ...req.query, entity: 'project', entityId: String(req.params.id) }, { ofRecord: true });
    },
  );
}
