import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { or, sql, type Column, type SQL } from 'drizzle-orm';
import type { Industry } from '../../../shared/api/industries.js';

// GB/T 4754-2017 国民经济行业分类 with its 2019 amendment, shipped in reference/ with its sources.
const CSV = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../reference/gbt4754-2017.csv');

interface Index {
  all: Industry[];
  byCode: Map<string, Industry>;
  children: Map<string, Industry[]>;
}
let index: Index | undefined;

function load(): Index {
  if (index) return index;
  const rows = parse(readFileSync(CSV), { columns: true, bom: true, skip_empty_lines: true }) as {
    code: string;
    name: string;
    level: Industry['level'];
    parent: string;
  }[];
  const all: Industry[] = [];
  const byCode = new Map<string, Industry>();
  const children = new Map<string, Industry[]>();
  for (const r of rows) {
    const parent = byCode.get(r.parent);
    const item: Industry = {
      code: r.code,
      name: r.name,
      level: r.level,
      parent: r.parent || null,
      path: parent ? `${parent.path} / ${r.name}` : r.name,
    };
    all.push(item);
    byCode.set(item.code, item);
    const list = children.get(item.parent ?? '') ?? [];
    list.push(item);
    children.set(item.parent ?? '', list);
  }
  index = { all, byCode, children };
  return index;
}

export function findIndustry(code: string): Industry | undefined {
  return load().byCode.get(code);
}

/** Codes are stored as published (section letter A–T or 2–4 digits); a filter prefix matches digits. */
export function isIndustryCode(code: string): boolean {
  return load().byCode.has(code);
}

export function listIndustries(opts: { parent?: string | undefined; q?: string | undefined; limit: number }): Industry[] {
  const idx = load();
  if (opts.q) {
    const q = opts.q.trim();
    return idx.all.filter((i) => i.code.startsWith(q) || i.name.includes(q)).slice(0, opts.limit);
  }
  return (idx.children.get(opts.parent ?? '') ?? []).slice(0, opts.limit);
}

/** The digit codes under a section letter (A → 01–05), for prefix filters on stored codes. */
export function divisionsOfSection(section: string): string[] {
  return (load().children.get(section) ?? []).map((i) => i.code);
}

/**
 * A filter on a stored industry code by a code or prefix. Stored codes are digits (or a bare section
 * letter), so a section letter matches itself and every code under its divisions (C → C, 13…, 43…);
 * digits match as a prefix. LIKE prefixes, so the text_pattern_ops index still serves it.
 */
export function industryFilter(column: Column, code: string): SQL {
  if (!/^[A-T]$/.test(code)) return sql`${column} like ${`${code}%`}`;
  return or(sql`${column} = ${code}`, ...divisionsOfSection(code).map((d) => sql`${column} like ${`${d}%`}`))!;
}
