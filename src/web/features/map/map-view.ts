import type { MapList } from '../../../shared/api/maps';
import type { FigureValue, StatsBreakdown } from '../../../shared/api/stats';
import type { GeoJson } from './map.queries';

/*
 * What the map page shows, as pure functions: which outline to open on, the default period, and the
 * value painted on each region. Values stay decimal strings; colour intensity is the only place a
 * number is made of them (display, never arithmetic on money).
 */

export const MAP_FIGURES = ['funds_total', 'new_projects', 'signed_count'] as const;
export type MapFigure = (typeof MAP_FIGURES)[number];

export type MapView =
  | { kind: 'uploaded'; mapId: number }
  | { kind: 'builtin'; name: string; provinceName: string };

/**
 * The user's own county (or town) map if the deployment uploaded one for their scope root, else the
 * city's, else the shipped outline of the city's province.
 */
export function chooseView(list: MapList): MapView {
  const { root, city, province } = list.context;
  const forUnit = (unitId: number | undefined) =>
    unitId === undefined ? undefined : (list.items.find((m) => m.unit.id === unitId && m.level === 'county') ?? list.items.find((m) => m.unit.id === unitId));
  const own = forUnit(root.id) ?? forUnit(city?.id);
  if (own) return { kind: 'uploaded', mapId: own.id };
  return { kind: 'builtin', name: province.builtin, provinceName: province.name };
}

/** Year to date in the statistical year (its first month from the settings). */
export function defaultPeriod(today: Date, fiscalYearStartMonth = 1): { from: string; to: string } {
  const y = today.getFullYear();
  const m = today.getMonth() + 1;
  const startYear = m >= fiscalYearStartMonth ? y : y - 1;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${startYear}-${pad(fiscalYearStartMonth)}-01`, to: `${y}-${pad(m)}-${pad(today.getDate())}` };
}

/** The feature of a shipped province outline that stands for the deployment's city (by code, then name). */
export function cityFeatureName(geojson: GeoJson | undefined, city: { name: string; divisionCode: string | null } | null): string | undefined {
  if (!geojson || !city) return undefined;
  const features = geojson.features as { id?: string; properties?: { name?: string } }[];
  const byCode = city.divisionCode ? features.find((f) => f.id === city.divisionCode) : undefined;
  return (byCode ?? features.find((f) => f.properties?.name === city.name))?.properties?.name;
}

export interface Region {
  name: string;
  unitId: number | null;
  /** The figure for the region's unit, or null (no unit, or no figure for it). */
  figure: FigureValue | null;
}

/**
 * Each region's figure: the breakdown row of its unit (a child of the scope root), or the scope
 * total when the region is the scope root itself. Regions outside the reader's figures stay empty.
 */
export function regionFigures(regions: { name: string; unitId: number | null }[], breakdown: StatsBreakdown | undefined, rootId: number, figure: MapFigure): Region[] {
  return regions.map((r) => {
    if (!breakdown || r.unitId === null) return { ...r, figure: null };
    const row = breakdown.rows.find((x) => x.unitId === r.unitId);
    const value = row ? row.figures[figure] : r.unitId === rootId ? breakdown.total[figure] : undefined;
    return { ...r, figure: value ?? null };
  });
}

/** Exact order of two non-negative-or-negative decimal strings (up to 4 decimals). */
export function compareDecimal(a: string, b: string): number {
  const scaled = (s: string) => {
    const negative = s.startsWith('-');
    const [i = '0', f = ''] = s.replace('-', '').split('.');
    const v = BigInt(i || '0') * 10000n + BigInt((f + '0000').slice(0, 4));
    return negative ? -v : v;
  };
  const d = scaled(a) - scaled(b);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
}
