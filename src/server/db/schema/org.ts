import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { UNIT_TYPES } from '../../../shared/org.js';

export const unitType = pgEnum('unit_type', UNIT_TYPES);

// 组织架构. `path` is the materialised path of ids (`/1/4/17/`): a subtree is one indexed
// prefix scan, which is how data scope is enforced for every scoped table.
export const orgUnits = pgTable(
  'org_units',
  {
    // By default (not always) so a new unit can take its id from the sequence first and be
    // inserted with its final path in one statement.
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    parentId: integer('parent_id').references((): AnyPgColumn => orgUnits.id),
    name: text('name').notNull(),
    shortName: text('short_name'),
    type: unitType('type').notNull(),
    // GB/T 2260 administrative division code (6 digits), or a 9-digit town code (GB/T 10114).
    divisionCode: text('division_code'),
    path: text('path').notNull(),
    depth: smallint('depth').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    isDisabled: boolean('is_disabled').notNull().default(false),
    // Demo data from the seed command, shown with a 示例 tag.
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('org_units_path_uq').on(sql`${t.path} text_pattern_ops`),
    index('org_units_parent_idx').on(t.parentId),
    // Sibling names are unique as read: ＡＢＣ镇 and ABC镇 (full-/half-width, case) are one name.
    uniqueIndex('org_units_sibling_name_uq').on(sql`coalesce(${t.parentId}, 0)`, sql`lower(normalize(${t.name}, NFKC))`),
    check('org_units_path_shape', sql`${t.path} ~ '^/([0-9]+/)+$'`),
  ],
);
