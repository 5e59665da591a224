import { z } from 'zod';
import { MAP_LEVELS } from '../maps.js';
import { UNIT_TYPES } from '../org.js';
import { nameField } from '../text.js';
import { dbId, isoDateTime } from './common.js';

/*
 * The deployment's own map outlines (geo_maps) and the shipped province outlines. A GeoJSON upload is
 * a FeatureCollection of Polygon/MultiPolygon features with a `name` property (and optionally
 * `adcode`); it is stored reduced to those, and each feature name is mapped to the org unit it
 * stands for (featureUnits).
 */

/** Upload size limit for one GeoJSON file. */
export const MAP_MAX_BYTES = 20 * 1024 * 1024;
/** Features per map: a city has tens of counties, a county tens of towns. */
export const MAP_MAX_FEATURES = 2000;

export const mapUnitRef = z.object({ id: z.number().int(), name: z.string() });

export const mapSummary = z.object({
  id: z.number().int(),
  unit: mapUnitRef,
  level: z.enum(MAP_LEVELS),
  name: z.string(),
  /** 审图号 of the official map the outline comes from. */
  reviewNumber: z.string().nullable(),
  featureCount: z.number().int(),
  matchedCount: z.number().int(),
  uploadedBy: z.string(),
  createdAt: isoDateTime,
});
export type MapSummary = z.infer<typeof mapSummary>;

export const mapFeature = z.object({
  name: z.string(),
  adcode: z.string().nullable(),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
});
export type MapFeature = z.infer<typeof mapFeature>;

export const featureCollection = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(z.record(z.string(), z.unknown())) })
  .describe('GeoJSON FeatureCollection');

export const mapDetail = mapSummary.extend({
  geojson: featureCollection,
  /** Feature name → org unit id (null: not mapped yet). */
  featureUnits: z.record(z.string(), z.number().int().nullable()),
  features: z.array(mapFeature),
  /** Feature names with no unit. */
  unmatched: z.array(z.string()),
  /** Units the map could stand for (the map unit's region children) that no feature is mapped to. */
  candidates: z.array(mapUnitRef.extend({ isMapped: z.boolean() })),
});
export type MapDetail = z.infer<typeof mapDetail>;

const regionUnit = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.enum(UNIT_TYPES),
  divisionCode: z.string().nullable(),
});

export const mapList = z.object({
  items: z.array(mapSummary),
  /** What the map page opens on for this user. */
  context: z.object({
    /** The user's scope root (their unit, or the level a 招商局 serves). */
    root: regionUnit,
    /** The city the root belongs to (itself, or its nearest city ancestor), if any. */
    city: regionUnit.nullable(),
    /** The shipped province outline for the city's division code (河南 when it names none). */
    province: z.object({ code: z.string(), name: z.string(), builtin: z.string() }),
  }),
});
export type MapList = z.infer<typeof mapList>;

/** JSON form of an upload; the multipart form has the same fields with the GeoJSON as the `file` part. */
export const createMapBody = z.strictObject({
  unitId: dbId,
  level: z.enum(MAP_LEVELS),
  name: nameField(60),
  reviewNumber: nameField(60).nullable().optional(),
  geojson: z.unknown(),
});
export type CreateMapBody = z.infer<typeof createMapBody>;

export const updateMapBody = z.strictObject({
  name: nameField(60).optional(),
  reviewNumber: nameField(60).nullable().optional(),
  /** Feature name → unit id, or null to unmap; names not listed keep their mapping. */
  featureUnits: z.record(z.string().max(100), dbId.nullable()).optional(),
});
export type UpdateMapBody = z.infer<typeof updateMapBody>;

export const builtinParams = z.strictObject({ name: z.string().max(40) });
