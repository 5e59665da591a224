import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BUILTIN_MAPS } from '../../../shared/maps.js';

/*
 * The outlines shipped by echarts@4.9.0 (Apache-2.0; installed under the alias `echarts4` for these
 * files only): china.json and one file per province with its prefecture-level cities. Served as the
 * files are (ECharts decodes their compressed coordinates itself), read once and kept in memory.
 * Only names in BUILTIN_MAPS are ever turned into a path.
 */

const require = createRequire(import.meta.url);
const cache = new Map<string, Promise<BuiltinMap>>();

export interface BuiltinMap {
  json: string;
  etag: string;
}

function fileOf(name: string): string {
  const root = path.dirname(require.resolve('echarts4/package.json'));
  return name === 'china' ? path.join(root, 'map/json/china.json') : path.join(root, 'map/json/province', `${name}.json`);
}

async function load(name: string): Promise<BuiltinMap> {
  const json = await readFile(fileOf(name), 'utf8');
  return { json, etag: `"${createHash('sha256').update(json).digest('hex').slice(0, 32)}"` };
}

/** The outline's JSON text, or undefined for a name not on the list. */
export async function builtinMap(name: string): Promise<BuiltinMap | undefined> {
  if (!BUILTIN_MAPS.includes(name)) return undefined;
  let entry = cache.get(name);
  if (!entry) {
    entry = load(name);
    cache.set(name, entry);
    // A failed read is not remembered: the next request tries again.
    entry.catch(() => cache.delete(name));
  }
  return entry;
}
