import { z } from 'zod';
import { FIELD_KEYS } from '../import/columns.js';
import { pageQuery } from './common.js';
import { PROJECT_SORTS, projectFilters } from './projects.js';

// Excel import of the project ledger: upload → preview job → (mapping) → commit; export and template.

export const importFieldKey = z.enum(FIELD_KEYS);
export const importStatus = z.enum(['analysing', 'preview', 'committing', 'done', 'failed']);
export const rowAction = z.enum(['create', 'update', 'unchanged', 'error']);

export const importColumn = z.object({
  index: z.number().int().describe('0-based column index in the sheet'),
  header: z.string(),
  key: z.string().describe('The header as mappings are remembered: normalised, unit annotation removed'),
  field: importFieldKey.nullable(),
  source: z.enum(['synonym', 'remembered', 'user', 'ignored', 'unknown']),
  unit: z.string().nullable().describe('Unit written in the header: 万元, 亿元, 万美元, 亩…'),
  problem: z.enum(['DUPLICATE_FIELD', 'UNIT_MISMATCH']).nullable(),
});

export const importCounts = z.object({
  rows: z.number().int().describe('Data rows below the header (blank rows not counted)'),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  error: z.number().int(),
  skipped: z.number().int().describe('合计/小计 lines and section headings'),
});

export const importCommitInfo = z.object({
  mode: z.enum(['single', 'batched']).describe('single: one transaction, all or nothing; batched: one transaction per batch of rows'),
  created: z.number().int(),
  updated: z.number().int(),
  investorsCreated: z.number().int(),
  transitions: z.number().int().describe('Pending stage changes submitted for review'),
  /** Every create/update row at or above this sheet row has landed; null when none has. */
  landedThroughRow: z.number().int().nullable(),
  landedRows: z.number().int(),
  failedAtRow: z.number().int().nullable().describe('First sheet row of the batch that failed (rolled back)'),
});

export const importJob = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: importStatus,
  filename: z.string(),
  fileId: z.number().int().nullable(),
  sheet: z.string().nullable(),
  headerRow: z.number().int().nullable().describe('1-based row number of the header in the sheet'),
  columns: z.array(importColumn),
  counts: importCounts,
  missingRequired: z.array(importFieldKey),
  /** analysing: rows read so far (total still 0); committing: rows processed, of `total`. */
  progress: z.number().int(),
  total: z.number().int(),
  commit: importCommitInfo.nullable(),
  error: z.string().nullable(),
  createdBy: z.object({ id: z.number().int(), displayName: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImportJob = z.infer<typeof importJob>;

export const rowIssue = z.object({
  row: z.number().int(),
  column: z.string().nullable().describe('Header text in the file'),
  field: importFieldKey.nullable(),
  code: z.string(),
  message: z.string(),
  value: z.string().optional().describe('The cell as written'),
});

export const importRow = z.object({
  row: z.number().int().describe('1-based row number in the sheet'),
  action: rowAction,
  name: z.string().nullable(),
  unitName: z.string().nullable(),
  investorName: z.string().nullable(),
  projectId: z.number().int().nullable(),
  changes: z.array(z.string()).describe('Fields an update would change (investor, stage included)'),
  errors: z.array(rowIssue),
  warnings: z.array(rowIssue),
});
export type ImportRow = z.infer<typeof importRow>;

export const importRowsQuery = z.strictObject({
  ...pageQuery,
  status: rowAction.optional(),
});

/** { mapping: { header text → field, or null to ignore the column } }; re-validates and remembers the choice. */
export const importMappingBody = z.strictObject({
  mapping: z.record(z.string().min(1).max(200), importFieldKey.nullable()).describe('Header text as in the sheet → field key, or null to ignore the column'),
});

export const importCommitBody = z.strictObject({
  /** Commit the valid rows and leave the rows with errors out. */
  skipErrors: z.boolean().default(false),
});

export const exportProjectsQuery = z.strictObject({
  ...projectFilters,
  sort: z.enum(PROJECT_SORTS).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

/** Limits, also stated in the docs and the template. */
export const MAX_IMPORT_ROWS = 100_000;
export const MAX_EXPORT_ROWS = 100_000;
