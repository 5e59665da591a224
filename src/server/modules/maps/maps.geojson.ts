import { MAP_MAX_FEATURES } from '../../../shared/api/maps.js';
import { cleanText } from '../../../shared/text.js';
import { AppError } from '../../errors.js';

/*
 * Check an uploaded GeoJSON and reduce it to what the map needs: a FeatureCollection of Polygon /
 * MultiPolygon features, each with a unique `name` and an optional `adcode`, coordinates in
 * longitude/latitude inside China's extent. A file in a projected system (metres), with latitude and
 * longitude swapped, or in ECharts' compressed encoding fails here, with the first few places named.
 */

// China's extent with a margin: a deployment's own boundaries lie inside it.
const LON = [73, 136] as const;
const LAT = [3, 54] as const;
const MAX_ISSUES = 20;

export interface StoredFeature {
  type: 'Feature';
  properties: { name: string; adcode?: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}
export interface StoredCollection {
  type: 'FeatureCollection';
  features: StoredFeature[];
}

type Issue = { field: string; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A GB/T 2260 county (6 digits) or town (9 digits; a 12-digit statistical code ending 000 is cut to 9). */
function adcodeOf(value: unknown): string | null {
  const s = typeof value === 'number' && Number.isInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (/^\d{6}$/.test(s) || /^\d{9}$/.test(s)) return s;
  if (/^\d{9}000$/.test(s)) return s.slice(0, 9);
  return null;
}

function checkRing(ring: unknown, field: string, issues: Issue[]): void {
  if (!Array.isArray(ring) || ring.length < 4) {
    issues.push({ field, message: 'a ring needs at least 4 positions' });
    return;
  }
  for (let i = 0; i < ring.length; i++) {
    const p: unknown = ring[i];
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      issues.push({ field: `${field}.${i}`, message: 'a position is [longitude, latitude] in numbers' });
      return;
    }
    const [lon, lat] = p as [number, number];
    if (lon < LON[0] || lon > LON[1] || lat < LAT[0] || lat > LAT[1]) {
      issues.push({ field: `${field}.${i}`, message: `[${lon}, ${lat}] is not a longitude/latitude in China (WGS84/GCJ-02 degrees expected)` });
      return;
    }
  }
}

function checkGeometry(geometry: unknown, field: string, issues: Issue[]): geometry is StoredFeature['geometry'] {
  if (!isRecord(geometry) || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
    issues.push({ field: `${field}.type`, message: 'Polygon or MultiPolygon' });
    return false;
  }
  const before = issues.length;
  const polygons: unknown[] = geometry.type === 'Polygon' ? [geometry.coordinates] : Array.isArray(geometry.coordinates) ? geometry.coordinates : [null];
  if (polygons.length === 0) issues.push({ field: `${field}.coordinates`, message: 'no polygons' });
  polygons.forEach((polygon, i) => {
    const at = geometry.type === 'Polygon' ? `${field}.coordinates` : `${field}.coordinates.${i}`;
    if (!Array.isArray(polygon) || polygon.length === 0) issues.push({ field: at, message: 'a polygon is a list of rings' });
    else polygon.forEach((ring, j) => checkRing(ring, `${at}.${j}`, issues));
  });
  return issues.length === before;
}

/** Validate and reduce; throws MAP_INVALID with up to 20 `{ field, message }` details. */
export function parseFeatureCollection(input: unknown): StoredCollection {
  const fail = (issues: Issue[]) => new AppError('MAP_INVALID', 400, issues.slice(0, MAX_ISSUES));
  if (!isRecord(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    throw fail([{ field: 'geojson.type', message: 'a GeoJSON FeatureCollection with a features list' }]);
  }
  if (input.UTF8Encoding === true) throw fail([{ field: 'geojson', message: 'ECharts-compressed coordinates; upload plain GeoJSON' }]);
  if (input.features.length === 0) throw fail([{ field: 'geojson.features', message: 'no features' }]);
  if (input.features.length > MAP_MAX_FEATURES) throw fail([{ field: 'geojson.features', message: `at most ${MAP_MAX_FEATURES} features` }]);
  const issues: Issue[] = [];
  const names = new Set<string>();
  const features: StoredFeature[] = [];
  input.features.forEach((f: unknown, i: number) => {
    if (issues.length >= MAX_ISSUES) return;
    const field = `geojson.features.${i}`;
    if (!isRecord(f) || f.type !== 'Feature') {
      issues.push({ field: `${field}.type`, message: 'Feature' });
      return;
    }
    const props = isRecord(f.properties) ? f.properties : {};
    const name = typeof props.name === 'string' ? cleanText(props.name) : '';
    if (!name || [...name].length > 100) issues.push({ field: `${field}.properties.name`, message: 'a name of 1–100 characters' });
    else if (names.has(name)) issues.push({ field: `${field}.properties.name`, message: `duplicate name ${name}` });
    names.add(name);
    if (!checkGeometry(f.geometry, `${field}.geometry`, issues)) return;
    const adcode = adcodeOf(props.adcode);
    features.push({
      type: 'Feature',
      properties: adcode ? { name, adcode } : { name },
      geometry: { type: f.geometry.type, coordinates: f.geometry.coordinates },
    });
  });
  if (issues.length) throw fail(issues);
  return { type: 'FeatureCollection', features };
}

/** Name and adcode of each stored feature, in file order. */
export function featuresOf(collection: StoredCollection): { name: string; adcode: string | null }[] {
  return collection.features.map((f) => ({ name: f.properties.name, adcode: f.properties.adcode ?? null }));
}
