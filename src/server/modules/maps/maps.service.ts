import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { CreateMapBody, MapDetail, MapList, MapSummary, UpdateMapBody } from '../../../shared/api/maps.js';
import { matchFeatures, provinceOutlineOf, type MapLevel } from '../../../shared/maps.js';
import type { UnitType } from '../../../shared/org.js';
import type { Actor } from '../../actor.js';
import { toCount, type Db, type Executor, type Tx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { geoMaps, orgUnits, users } from '../../db/schema/index.js';
import { AppError, fieldError, notFound } from '../../errors.js';
import { loadUnitInScope, scopeByUnit, scopeUnits } from '../../plugins/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { featuresOf, parseFeatureCollection, type StoredCollection } from './maps.geojson.js';

/*
 * The deployment's own boundaries (geo_maps). Who may see a map: anyone whose scope holds the map's
 * unit, and anyone below it (a county's staff see the city's county map, to find their own county on
 * it). A boundary is geography, not a record of the unit's work; the figures painted on it come from
 * the stats API under the reader's own scope. Names of units outside the reader's scope stay hidden.
 */

type FeatureUnits = Record<string, number | null>;

/** Which unit may hold a map of each level, and which of its children the features stand for. */
const LEVEL_RULES: Record<MapLevel, { holders: readonly UnitType[]; regions: readonly UnitType[] }> = {
  county: { holders: ['city'], regions: ['county', 'zone'] },
  town: { holders: ['county', 'zone'], regions: ['town', 'zone'] },
};
const REGION_TYPES: UnitType[] = ['county', 'zone', 'town'];

/** Ids on a materialised path, root first: `/1/4/17/` → [1, 4, 17]. */
function idsOnPath(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** Maps the actor may see: their scope, and the units above their scope root. */
function visibleMaps(actor: Actor): SQL {
  const above = idsOnPath(actor.unitPath);
  const inScope = scopeByUnit(actor, geoMaps.unitId);
  return above.length ? (or(inScope, inArray(geoMaps.unitId, above)) as SQL) : inScope;
}

const summaryColumns = {
  id: geoMaps.id,
  unitId: geoMaps.unitId,
  unitName: orgUnits.name,
  unitPath: orgUnits.path,
  level: geoMaps.level,
  name: geoMaps.name,
  reviewNumber: geoMaps.reviewNumber,
  featureUnits: geoMaps.featureUnits,
  featureCount: sql<number>`jsonb_array_length(${geoMaps.geojson} -> 'features')`.mapWith(toCount),
  uploadedBy: users.displayName,
  createdAt: geoMaps.createdAt,
};

function selectSummaries(db: Executor) {
  return db.select(summaryColumns).from(geoMaps).innerJoin(orgUnits, eq(orgUnits.id, geoMaps.unitId)).innerJoin(users, eq(users.id, geoMaps.uploadedBy));
}
type SummaryRow = Awaited<ReturnType<typeof selectSummaries>>[number];

function toSummary(r: SummaryRow): MapSummary {
  const mapping = r.featureUnits as FeatureUnits;
  return {
    id: r.id,
    unit: { id: r.unitId, name: r.unitName },
    level: r.level as MapLevel,
    name: r.name,
    reviewNumber: r.reviewNumber,
    featureCount: r.featureCount,
    matchedCount: Object.values(mapping).filter((v) => v !== null).length,
    uploadedBy: r.uploadedBy,
    createdAt: r.createdAt.toISOString(),
  };
}


const regionColumns = { id: orgUnits.id, name: orgUnits.name, type: orgUnits.type, divisionCode: orgUnits.divisionCode };

export async function listMaps(db: Executor, actor: Actor): Promise<MapList> {
  const rows = await selectSummaries(db).where(visibleMaps(actor)).orderBy(asc(orgUnits.path), asc(geoMaps.level));
  const pathIds = idsOnPath(actor.unitPath);
  const rootId = pathIds.at(-1);
  const [root] = rootId ? await db.select(regionColumns).from(orgUnits).where(eq(orgUnits.id, rootId)) : [];
  if (!root) throw notFound();
  const [city] = await db
    .select(regionColumns)
    .from(orgUnits)
    .where(and(inArray(orgUnits.id, pathIds), eq(orgUnits.type, 'city')))
    .orderBy(desc(orgUnits.depth))
    .limit(1);
  const outline = provinceOutlineOf(city?.divisionCode ?? root.divisionCode);
  return {
    items: rows.map(toSummary),
    context: { root, city: city ?? null, province: { code: outline.code, name: outline.name, builtin: outline.file } },
  };
}

async function loadVisible(db: Executor, actor: Actor, id: number) {
  const [row] = await db
    .select({ ...summaryColumns, geojson: geoMaps.geojson })
    .from(geoMaps)
    .innerJoin(orgUnits, eq(orgUnits.id, geoMaps.unitId))
    .innerJoin(users, eq(users.id, geoMaps.uploadedBy))
    .where(and(eq(geoMaps.id, id), visibleMaps(actor)));
  if (!row) throw notFound();
  return { ...row, geojson: row.geojson as StoredCollection };
}

/** The map unit's children a feature can stand for (enabled, of the level's region types). */
async function regionChildren(db: Executor, mapUnitId: number, level: MapLevel) {
  return db
    .select({ id: orgUnits.id, name: orgUnits.name, shortName: orgUnits.shortName, divisionCode: orgUnits.divisionCode, path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, mapUnitId), eq(orgUnits.isDisabled, false), inArray(orgUnits.type, [...LEVEL_RULES[level].regions])))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.id));
}

export async function getMap(db: Executor, actor: Actor, id: number): Promise<MapDetail> {
  const row = await loadVisible(db, actor, id);
  const mapping = row.featureUnits as FeatureUnits;
  const mappedIds = [...new Set(Object.values(mapping).filter((v): v is number => v !== null))];
  // Unit names only where the reader's scope reaches.
  const named = mappedIds.length
    ? await db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(and(inArray(orgUnits.id, mappedIds), scopeUnits(actor)))
    : [];
  const nameOf = new Map(named.map((u) => [u.id, u.name]));
  const features = featuresOf(row.geojson).map((f) => {
    const unitId = mapping[f.name] ?? null;
    return { ...f, unitId, unitName: unitId === null ? null : (nameOf.get(unitId) ?? null) };
  });
  const children = (await regionChildren(db, row.unitId, row.level as MapLevel)).filter((c) => c.path.startsWith(actor.unitPath));
  const mapped = new Set(mappedIds);
  return {
    ...toSummary(row),
    geojson: row.geojson as unknown as MapDetail['geojson'],
    featureUnits: mapping,
    features,
    unmatched: features.filter((f) => f.unitId === null).map((f) => f.name),
    candidates: children.map((c) => ({ id: c.id, name: c.name, isMapped: mapped.has(c.id) })),
  };
}

/** What the audit log keeps of a map: everything but the geometry, which is named by its hash. */
function auditView(row: { unitId: number; level: string; name: string; reviewNumber: string | null; featureUnits: unknown; geojson: unknown }) {
  const json = JSON.stringify(row.geojson);
  return {
    unitId: row.unitId,
    level: row.level,
    name: row.name,
    reviewNumber: row.reviewNumber,
    featureUnits: row.featureUnits,
    geojsonSha256: createHash('sha256').update(json).digest('hex'),
    geojsonBytes: Buffer.byteLength(json),
  };
}

export interface NewMap extends Omit<CreateMapBody, 'geojson'> {
  geojson: unknown;
}

/** Upload a boundary map for a unit and level; feature names are matched to the unit's children. */
export async function createMap(db: Db, actor: Actor, input: NewMap): Promise<MapDetail> {
  const geojson = parseFeatureCollection(input.geojson);
  let id: number;
  try {
    id = await db.transaction(async (tx) => {
      const unit = await loadUnitInScope(tx, actor, input.unitId, { lock: 'share' });
      if (unit.isDisabled) throw fieldError('UNIT_DISABLED', 'unitId');
      if (!LEVEL_RULES[input.level].holders.includes(unit.type)) {
        throw new AppError('MAP_LEVEL_UNIT', 400, [{ field: 'level', message: 'MAP_LEVEL_UNIT', unitType: unit.type, level: input.level }]);
      }
      const [existing] = await tx.select({ id: geoMaps.id }).from(geoMaps).where(and(eq(geoMaps.unitId, unit.id), eq(geoMaps.level, input.level)));
      if (existing) throw new AppError('MAP_EXISTS', 409, [{ field: 'level', message: 'MAP_EXISTS', mapId: existing.id }]);
      const children = await regionChildren(tx, unit.id, input.level);
      const featureUnits = matchFeatures(featuresOf(geojson), children);
      const [created] = await tx
        .insert(geoMaps)
        .values({ unitId: unit.id, level: input.level, name: input.name, reviewNumber: input.reviewNumber ?? null, geojson, featureUnits, uploadedBy: actor.id })
        .returning();
      await recordAudit(tx, actor, { action: 'create', entity: 'geo_maps', entityId: created!.id, unitId: unit.id, after: auditView(created!) });
      return created!.id;
    });
  } catch (err) {
    // Two uploads racing for the same unit and level: the second meets the unique index.
    if (isUniqueViolation(err)) throw new AppError('MAP_EXISTS', 409, [{ field: 'level', message: 'MAP_EXISTS' }]);
    throw err;
  }
  return getMap(db, actor, id);
}

/** Lock a map for a change; its unit must be in the actor's scope (seeing it from below is not enough). */
async function lockMap(tx: Tx, actor: Actor, id: number) {
  const [row] = await tx
    .select({ m: geoMaps, unitPath: orgUnits.path })
    .from(geoMaps)
    .innerJoin(orgUnits, eq(orgUnits.id, geoMaps.unitId))
    .where(and(eq(geoMaps.id, id), scopeByUnit(actor, geoMaps.unitId)))
    .for('update', { of: geoMaps });
  if (!row) throw notFound();
  return row;
}

export async function updateMap(db: Db, actor: Actor, id: number, body: UpdateMapBody): Promise<MapDetail> {
  await db.transaction(async (tx) => {
    const { m: before, unitPath } = await lockMap(tx, actor, id);
    const mapping: FeatureUnits = { ...(before.featureUnits as FeatureUnits) };
    if (body.featureUnits) {
      const names = new Set(featuresOf(before.geojson as StoredCollection).map((f) => f.name));
      for (const name of Object.keys(body.featureUnits)) {
        if (!names.has(name)) throw fieldError('MAP_FEATURE_UNKNOWN', `featureUnits.${name}`);
      }
      const ids = [...new Set(Object.values(body.featureUnits).filter((v): v is number => v !== null))];
      // A region unit below the map's unit, and in the actor's scope.
      const allowed = ids.length
        ? await tx
            .select({ id: orgUnits.id })
            .from(orgUnits)
            .where(and(inArray(orgUnits.id, ids), like(orgUnits.path, `${unitPath}%`), sql`${orgUnits.id} <> ${before.unitId}`, inArray(orgUnits.type, REGION_TYPES), scopeUnits(actor)))
        : [];
      const ok = new Set(allowed.map((u) => u.id));
      for (const [name, unitId] of Object.entries(body.featureUnits)) {
        if (unitId !== null && !ok.has(unitId)) throw fieldError('MAP_UNIT_OUTSIDE', `featureUnits.${name}`);
        mapping[name] = unitId;
      }
    }
    const [after] = await tx
      .update(geoMaps)
      .set({
        featureUnits: mapping,
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.reviewNumber !== undefined ? { reviewNumber: body.reviewNumber } : {}),
      })
      .where(eq(geoMaps.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'update', entity: 'geo_maps', entityId: id, unitId: before.unitId, before: auditView(before), after: auditView(after!) });
  });
  return getMap(db, actor, id);
}

export async function deleteMap(db: Db, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { m: before } = await lockMap(tx, actor, id);
    await tx.delete(geoMaps).where(eq(geoMaps.id, id));
    await recordAudit(tx, actor, { action: 'delete', entity: 'geo_maps', entityId: id, unitId: before.unitId, before: auditView(before) });
  });
}
