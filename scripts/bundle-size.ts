// The gzip size of the JavaScript a screen loads, per route, from a finished web build.
//
//   npx vite build --outDir /tmp/bundle-check --emptyOutDir
//   npm run bundle:size -- --dir /tmp/bundle-check [--level 9] [--budget 350]
//
// Builds nothing. Reads <dir>/.vite/manifest.json (vite.config.ts sets build.manifest) and, for each
// screen below, takes the HTML entry plus the lazy chunks that screen renders at once, each with every
// chunk it imports statically (the manifest's `imports`, followed transitively; `dynamicImports` are
// other screens and are not counted). Each file's size is its gzip at the given level (node:zlib,
// default 9), the same measure as summing the JS responses a browser fetches for the screen.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/**
 * The lazy modules (keys of the manifest: source paths) a screen renders on first paint, after the
 * HTML entry. Keep in step with src/web/router.tsx, src/web/features.tsx and the layout.
 */
const SCREENS: { name: string; lazy: string[]; budgetKb?: number }[] = [
  // /login: the router's lazy LoginPage.
  { name: 'Login page (/login)', lazy: ['src/web/features/auth/LoginPage.tsx'] },
  {
    // A bureau user opening `/`: features.tsx's Home sends them to /dashboard before any page
    // chunk loads; the shell (AppLayout), the header's search box (lazy, rendered at once for users
    // with search.read), the dashboard route, and ECharts (charts.tsx loads EChart.tsx lazily, as
    // soon as the figures arrive; the top row of charts is in the first viewport).
    name: 'First screen after login (/ → /dashboard)',
    lazy: [
      'src/web/layout/AppLayout.tsx',
      'src/web/layout/GlobalSearch.tsx',
      'src/web/features/dashboard/DashboardPage.tsx',
      'src/web/features/dashboard/EChart.tsx',
    ],
    budgetKb: 350,
  },
];

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist/web' },
    level: { type: 'string', default: '9' },
    files: { type: 'boolean', default: true },
  },
  allowNegative: true,
});

const dir = path.resolve(values.dir);
const level = Number(values.level);
if (!Number.isInteger(level) || level < 1 || level > 9) throw new Error(`--level must be 1..9, got ${values.level}`);
const manifestPath = path.join(dir, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`No ${manifestPath}: build first (npx vite build --outDir ${values.dir}); vite.config.ts must set build.manifest.`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;

const entries = Object.entries(manifest).filter(([, c]) => c.isEntry);
if (entries.length !== 1) throw new Error(`expected one HTML entry in the manifest, found ${entries.length}`);
const entryKey = entries[0]![0];

const gzipCache = new Map<string, { raw: number; gz: number }>();
function sizeOf(file: string) {
  let size = gzipCache.get(file);
  if (!size) {
    const bytes = readFileSync(path.join(dir, file));
    size = { raw: bytes.length, gz: gzipSync(bytes, { level }).length };
    gzipCache.set(file, size);
  }
  return size;
}

/** The chunk and everything it imports statically, depth first. */
function staticClosure(key: string, into: Map<string, string>, via: string): void {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the manifest (renamed? update SCREENS in scripts/bundle-size.ts)`);
  if (into.has(chunk.file)) return;
  into.set(chunk.file, via);
  for (const imported of chunk.imports ?? []) staticClosure(imported, into, via);
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);
let isOverBudget = false;
const summary: string[] = ['| Screen | JS files | Raw kB | Gzip kB | Budget |', '|---|---:|---:|---:|---:|'];

for (const screen of SCREENS) {
  const files = new Map<string, string>(); // file -> the entry or lazy module that pulled it in
  staticClosure(entryKey, files, 'entry');
  for (const lazy of screen.lazy) {
    // A module bundled statically into its importer has no manifest key of its own: already counted.
    if (!manifest[lazy]) console.warn(`note: ${lazy} is not a chunk of its own in this build (inlined into an importer?)`);
    else staticClosure(lazy, files, path.basename(lazy));
  }
  const rows = [...files].map(([file, via]) => ({ file, via, ...sizeOf(file) })).sort((a, b) => b.gz - a.gz);
  const raw = rows.reduce((sum, r) => sum + r.raw, 0);
  const gz = rows.reduce((sum, r) => sum + r.gz, 0);
  const isOver = screen.budgetKb !== undefined && gz / 1000 > screen.budgetKb;
  isOverBudget ||= isOver;
  summary.push(`| ${screen.name} | ${rows.length} | ${kb(raw)} | **${kb(gz)}** | ${screen.budgetKb === undefined ? '–' : `${isOver ? '✗' : '✓'} ≤ ${screen.budgetKb}`} |`);

  if (values.files) {
    console.log(`\n### ${screen.name}\n`);
    console.log('| File | Loaded by | Raw kB | Gzip kB |');
    console.log('|---|---|---:|---:|');
    for (const r of rows) console.log(`| ${r.file} | ${r.via} | ${kb(r.raw)} | ${kb(r.gz)} |`);
    console.log(`| **Total (${rows.length} files)** | | **${kb(raw)}** | **${kb(gz)}** |`);
  }
}

console.log(`\n### Summary (${path.relative(process.cwd(), dir) || '.'}, gzip level ${level}, kB = 1000 bytes, as Vite reports)\n`);
console.log(summary.join('\n'));
if (isOverBudget) process.exitCode = 1;
