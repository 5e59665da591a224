import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Append-only (a trigger refuses UPDATE and DELETE) and hash-chained: each row stores the hash of
// the previous row and its own hash over its content, so an edited or removed row breaks the chain.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    ip: text('ip'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    // The unit the record belongs to, so the log is scoped like the records themselves.
    unitId: integer('unit_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_entity_idx').on(t.entity, t.entityId, t.id),
    index('audit_unit_idx').on(t.unitId, t.id),
    index('audit_actor_idx').on(t.actorId, t.id),
    index('audit_at_idx').on(t.at),
  ],
);
