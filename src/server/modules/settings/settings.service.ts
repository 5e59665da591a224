import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { DEFAULT_SETTINGS, settingsSchema, type Settings, type updateSettingsBody } from '../../../shared/settings.js';
import type { Actor } from '../../actor.js';
import type { Db, Executor } from '../../db/client.js';
import { settings } from '../../db/schema/index.js';
import { recordAudit } from '../audit/audit.service.js';

const KEY = 'deployment';

/** The deployment's settings, defaults filled in. One primary-key read; cheap enough per request. */
export async function getSettings(db: Executor): Promise<Settings> {
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
  if (!row) return DEFAULT_SETTINGS;
  const parsed = settingsSchema.safeParse(row.value);
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS, ...(row.value as object) };
}

export async function updateSettings(db: Db, actor: Actor, patch: z.infer<typeof updateSettingsBody>): Promise<Settings> {
  return db.transaction(async (tx) => {
    const before = await getSettings(tx);
    const after = settingsSchema.parse({ ...before, ...patch });
    await tx
      .insert(settings)
      .values({ key: KEY, value: after, updatedBy: actor.id })
      .onConflictDoUpdate({ target: settings.key, set: { value: after, updatedAt: new Date(), updatedBy: actor.id } });
    await recordAudit(tx, actor, { action: 'update', entity: 'settings', entityId: KEY, before, after });
    return after;
  });
}
