import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { settingsSchema, updateSettingsBody } from '../../../shared/settings.js';
import type { ModuleContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { getSettings, updateSettings } from './settings.service.js';

export async function settingsRoutes(app: FastifyInstance, { db }: ModuleContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/settings',
    { config: { permission: 'settings.read' }, schema: { tags: ['settings'], summary: '口径设置 Deployment settings', response: { 200: settingsSchema } } },
    async () => getSettings(db),
  );
  r.put(
    '/api/settings',
    {
      config: { permission: 'settings.write' },
      schema: { tags: ['settings'], summary: '修改口径设置 Update settings', body: updateSettingsBody, response: { 200: settingsSchema } },
    },
    async (req) => updateSettings(db, actorOf(req), req.body),
  );
}
