import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, pageOf } from '../../../shared/api/common.js';
import {
  createOrgUnitBody,
  division,
  divisionQuery,
  moveOrgUnitBody,
  orgListQuery,
  orgTreeNode,
  orgTreeQuery,
  orgUnit,
  updateOrgUnitBody,
} from '../../../shared/api/org.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { findDivision, listDivisions } from '../divisions/divisions.service.js';
import { createUnit, getUnit, listUnits, moveUnit, setUnitDisabled, unitTree, updateUnit } from './org.service.js';

export async function orgRoutes(app: FastifyInstance, opts: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;
  const tags = ['org'];

  r.get(
    '/api/org-units',
    { config: { permission: 'org.read' }, schema: { tags, summary: '单位列表 List units', querystring: orgListQuery, response: { 200: pageOf(orgUnit) } } },
    async (req) => listUnits(db, actorOf(req), req.query),
  );
  r.get(
    '/api/org-units/tree',
    {
      config: { permission: 'org.read' },
      schema: { tags, summary: '组织架构树 Visible org tree', querystring: orgTreeQuery, response: { 200: z.object({ items: z.array(orgTreeNode) }) } },
    },
    async (req) => ({ items: await unitTree(db, actorOf(req), req.query.includeDisabled ?? false) }),
  );
  r.get(
    '/api/org-units/:id',
    { config: { permission: 'org.read' }, schema: { tags, summary: '单位详情 Get a unit', params: idParam, response: { 200: orgUnit } } },
    async (req) => getUnit(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/org-units',
    { config: { permission: 'org.write' }, schema: { tags, summary: '新增单位 Create a unit', body: createOrgUnitBody, response: { 200: orgUnit } } },
    async (req) => createUnit(db, actorOf(req), req.body),
  );
  r.patch(
    '/api/org-units/:id',
    {
      config: { permission: 'org.write' },
      schema: { tags, summary: '修改单位 Rename / edit a unit', params: idParam, body: updateOrgUnitBody, response: { 200: orgUnit } },
    },
    async (req) => updateUnit(db, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/org-units/:id/move',
    {
      config: { permission: 'org.write' },
      schema: { tags, summary: '移动单位 Move a unit', params: idParam, body: moveOrgUnitBody, response: { 200: orgUnit } },
    },
    async (req) => moveUnit(db, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/org-units/:id/disable',
    { config: { permission: 'org.write' }, schema: { tags, summary: '停用单位 Disable a unit', params: idParam, response: { 200: orgUnit } } },
    async (req) => setUnitDisabled(db, actorOf(req), req.params.id, true),
  );
  r.post(
    '/api/org-units/:id/enable',
    { config: { permission: 'org.write' }, schema: { tags, summary: '启用单位 Enable a unit', params: idParam, response: { 200: orgUnit } } },
    async (req) => setUnitDisabled(db, actorOf(req), req.params.id, false),
  );

  r.get(
    '/api/divisions',
    {
      config: { permission: 'divisions.read' },
      schema: { tags, summary: '行政区划 GB/T 2260 divisions', querystring: divisionQuery, response: { 200: z.object({ items: z.array(division) }) } },
    },
    async (req) => ({ items: listDivisions(req.query) }),
  );
  r.get(
    '/api/divisions/:code',
    {
      config: { permission: 'divisions.read' },
      schema: { tags, summary: '行政区划详情 One division', params: z.strictObject({ code: z.string().regex(/^\d{2,9}$/) }), response: { 200: division } },
    },
    async (req) => {
      const found = findDivision(req.params.code);
      if (!found) throw new AppError('NOT_FOUND', 404);
      return found;
    },
  );
}
