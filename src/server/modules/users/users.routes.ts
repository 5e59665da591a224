import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, pageOf } from '../../../shared/api/common.js';
import {
  createdUserResponse,
  createUserBody,
  resetPasswordBody,
  resetPasswordResponse,
  updateUserBody,
  user,
  userListQuery,
} from '../../../shared/api/users.js';
import type { Db } from '../../db/client.js';
import { actorOf } from '../../plugins/auth.js';
import { createUser, getUser, listUsers, resetPassword, setUserDisabled, updateUser } from './users.service.js';

export async function userRoutes(app: FastifyInstance, opts: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;
  const tags = ['users'];

  r.get(
    '/api/users',
    { config: { permission: 'users.read' }, schema: { tags, summary: '用户列表 List users', querystring: userListQuery, response: { 200: pageOf(user) } } },
    async (req) => listUsers(db, actorOf(req), req.query),
  );
  r.get(
    '/api/users/:id',
    { config: { permission: 'users.read' }, schema: { tags, summary: '用户详情 Get a user', params: idParam, response: { 200: user } } },
    async (req) => getUser(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/users',
    {
      config: { permission: 'users.write' },
      schema: { tags, summary: '新增用户 Create a user', body: createUserBody, response: { 200: createdUserResponse } },
    },
    async (req) => createUser(db, actorOf(req), req.body),
  );
  r.patch(
    '/api/users/:id',
    { config: { permission: 'users.write' }, schema: { tags, summary: '修改用户 Edit a user', params: idParam, body: updateUserBody, response: { 200: user } } },
    async (req) => updateUser(db, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/users/:id/reset-password',
    {
      config: { permission: 'users.write' },
      schema: { tags, summary: '重置密码 Reset a password', params: idParam, body: resetPasswordBody, response: { 200: resetPasswordResponse } },
    },
    async (req) => resetPassword(db, actorOf(req), req.params.id, req.body.password),
  );
  r.post(
    '/api/users/:id/disable',
    { config: { permission: 'users.write' }, schema: { tags, summary: '停用用户 Disable a user', params: idParam, response: { 200: user } } },
    async (req) => setUserDisabled(db, actorOf(req), req.params.id, true),
  );
  r.post(
    '/api/users/:id/enable',
    { config: { permission: 'users.write' }, schema: { tags, summary: '启用用户 Enable a user', params: idParam, response: { 200: user } } },
    async (req) => setUserDisabled(db, actorOf(req), req.params.id, false),
  );
}
