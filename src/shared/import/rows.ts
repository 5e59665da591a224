import type { Channel } from '../project.js';
import { FIELDS_BY_KEY, moneyUnitOf, type FieldKey, type ResolvedColumn } from './columns.js';
import {
  isBlankCell,
  parseAmount,
  parseBool,
  parseChannel,
  parseCount,
  parseDate,
  parseIndustryRef,
  parseQuantity,
  parseStage,
  parseText,
  parseUscc,
  type CellValue,
  type IssueCode,
  type Parsed,
  type StageTarget,
} from './values.js';

/*
 * One ledger row → typed values and per-cell issues, using the resolved columns (pure). Lookups that
 * need the database (units, investors, users, existing projects) happen on the server afterwards.
 */

export interface RowValues {
  name?: string;
  unit?: string;
  investorName?: string;
  investorUscc?: string;
  industry?: { code: string } | { name: string };
  stage?: StageTarget;
  stageDate?: string;
  negotiatingDate?: string;
  signedDate?: string;
  registeredDate?: string;
  startedDate?: string;
  producingDate?: string;
  atCapacityDate?: string;
  plannedInvestment?: string;
  contractedInvestment?: string;
  fixedAssetInvestment?: string;
  foreignInvestment?: string;
  expectedOutput?: string;
  expectedTax?: string;
  expectedJobs?: number;
  landMu?: string;
  floorAreaM2?: string;
  carrier?: string;
  channel?: Channel;
  isCityKey?: boolean;
  isProvinceKey?: boolean;
  owner?: string;
  liaisonLeader?: string;
  firstReferrer?: string;
  sideStateReason?: string;
  nextStep?: string;
  description?: string;
}

export interface RowIssue {
  code: IssueCode;
  /** The header text in the file, when the issue is about one cell. */
  column: string | null;
  field: FieldKey | null;
  /** The cell as written (first 60 characters), so the preview can show what was wrong. */
  value?: string;
  params?: Record<string, string | number>;
}

export interface ParsedRow {
  /** 1-based row number in the sheet, as Excel shows it. */
  row: number;
  values: RowValues;
  issues: RowIssue[];
}

export const DATE_FIELDS = ['stageDate', 'negotiatingDate', 'signedDate', 'registeredDate', 'startedDate', 'producingDate', 'atCapacityDate'] as const;

function displayOf(cell: CellValue): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') return cell.error;
  return String(cell).slice(0, 60);
}

function parseCell(field: FieldKey, column: ResolvedColumn, cell: CellValue): Parsed<unknown> {
  const def = FIELDS_BY_KEY.get(field)!;
  switch (def.kind) {
    case 'text':
    case 'unit':
    case 'user':
    case 'info':
      return parseText(cell, def.max ?? 100);
    case 'money':
    case 'foreignMoney':
      return parseAmount(cell, moneyUnitOf(column, def.kind));
    case 'date':
      return parseDate(cell);
    case 'stage':
      return parseStage(cell);
    case 'uscc':
      return parseUscc(cell);
    case 'industry':
      return parseIndustryRef(cell);
    case 'channel':
      return parseChannel(cell);
    case 'bool':
      return parseBool(cell);
    case 'count':
      return parseCount(cell);
    case 'area':
      return parseQuantity(cell, 2, field === 'landMu' ? 10_000_000 : 10_000_000_000);
  }
}

/** True when every mapped cell of the row is blank (spacer rows are skipped, not errors). */
export function isBlankRow(cells: CellValue[], columns: readonly ResolvedColumn[]): boolean {
  return columns.every((c) => !c.field || isBlankCell(cells[c.index] ?? null));
}

const TOTAL_WORDS = /^(合计|总计|小计|累计|共计|汇总)$/;
const SECTION_HEADING = /^([一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[部类批]).*/;

/** Rows a ledger has that are not projects: 合计/小计 lines and section headings like "一、签约项目". */
export function nonProjectRow(cells: CellValue[]): 'total' | 'section' | null {
  const texts = cells.map((c) => (typeof c === 'string' ? c.replace(/\s+/g, '') : c === null || c === undefined ? '' : 'x')).filter(Boolean);
  if (texts.some((t) => TOTAL_WORDS.test(t))) return 'total';
  if (texts.length === 1 && SECTION_HEADING.test(texts[0]!)) return 'section';
  return null;
}

/** Parse a data row. `today` (YYYY-MM-DD, China time) bounds event dates: a past event cannot be in the future. */
export function parseRow(row: number, cells: CellValue[], columns: readonly ResolvedColumn[], today: string): ParsedRow {
  const values: Record<string, unknown> = {};
  const issues: RowIssue[] = [];
  for (const column of columns) {
    if (!column.field) continue;
    const cell = cells[column.index] ?? null;
    if (column.problem === 'DUPLICATE_FIELD') continue;
    if (column.problem === 'UNIT_MISMATCH') {
      if (!isBlankCell(cell)) issues.push({ code: 'UNIT_MISMATCH', column: column.header, field: column.field, value: displayOf(cell), params: { unit: column.unit ?? '' } });
      continue;
    }
    const parsed = parseCell(column.field, column, cell);
    if (parsed === null) continue;
    if (!parsed.ok) {
      issues.push({ code: parsed.code, column: column.header, field: column.field, value: displayOf(cell), ...(parsed.params ? { params: parsed.params } : {}) });
      continue;
    }
    if ((DATE_FIELDS as readonly string[]).includes(column.field) && (parsed.value as string) > today) {
      issues.push({ code: 'FUTURE_DATE', column: column.header, field: column.field, value: displayOf(cell) });
      continue;
    }
    values[column.field] = parsed.value;
  }
  if (values.name === undefined && !issues.some((i) => i.field === 'name')) {
    const nameColumn = columns.find((c) => c.field === 'name' && !c.problem);
    issues.push({ code: 'REQUIRED', column: nameColumn?.header ?? null, field: 'name' });
  }
  return { row, values: values as RowValues, issues };
}
