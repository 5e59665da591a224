import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { MAX_IMPORT_ROWS } from '../../../shared/api/import.js';
import { detectHeaderRow, HEADER_SCAN_ROWS, type CellValue, type FieldKey } from '../../../shared/import/columns.js';
import { AppError } from '../../errors.js';

/*
 * Read a ledger workbook with exceljs' streaming reader (rows are never all styled objects in memory;
 * measured: the normal reader needs several times the memory and time on 100,000 rows). The first
 * worksheet with a recognisable header wins; merged title rows above the header are skipped because
 * the header is the row with the most recognised column names, not the first row.
 */

export interface SheetRow {
  /** 1-based row number as Excel shows it. */
  row: number;
  cells: CellValue[];
}

export interface LedgerSheet {
  sheet: string;
  headerRow: number;
  headerCells: CellValue[];
  /** Rows below the header, in order; entirely empty rows are not included. */
  rows: SheetRow[];
}

type RawValue = ExcelJS.CellValue | undefined;

/** An exceljs cell value as the importer's CellValue: rich text joined, formula results, hyperlink texts. */
export function toCellValue(v: RawValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('error' in v && v.error) return { error: String(v.error) };
    if ('result' in v) return toCellValue(v.result as RawValue);
    if ('formula' in v || 'sharedFormula' in v) return null;
    if ('text' in v) return toCellValue(v.text as RawValue);
  }
  return String(v);
}

function cellsOf(values: ExcelJS.CellValue[] | { [key: string]: ExcelJS.CellValue }): CellValue[] {
  const arr = Array.isArray(values) ? values : Object.values(values);
  const out: CellValue[] = [];
  // exceljs row values are 1-based and sparse.
  for (let i = 1; i < arr.length; i++) out.push(toCellValue(arr[i]));
  return out;
}

function isEmptyRow(cells: CellValue[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

const badFile = (reason: string) => new AppError('IMPORT_BAD_FILE', 400, [{ field: 'file', message: reason }]);

/** An .xlsx is a zip: refuse other bytes (old .xls, CSV, a renamed PDF) before the reader sees them. */
export async function checkXlsxSignature(filePath: string): Promise<void> {
  const handle = await open(filePath, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    if (bytesRead < 4) throw badFile('empty or truncated file');
    if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return;
    if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
      throw badFile('an .xls (Excel 97–2003) or encrypted workbook; save it as .xlsx without a password');
    }
    throw badFile('not an .xlsx workbook');
  } finally {
    await handle.close();
  }
}

export interface ReadOptions {
  remembered: ReadonlyMap<string, FieldKey>;
  /** Re-reading a job's file: the sheet and header row chosen at upload. */
  fixed?: { sheet: string; headerRow: number };
  /** Stop once the header is found (the quick check before a large file is read in the background). */
  headerOnly?: boolean;
  /** Called every 1,000 data rows with the count so far. */
  onProgress?: (rows: number) => void;
}

/** A file to read: its path, or a way to open it (storage), so a read can be repeated. */
export type LedgerSource = string | (() => Promise<Readable>);

/** exceljs's streaming reader may reach a worksheet before xl/workbook.xml when that entry is stored last (exceljs/exceljs#3064). */
class WorkbookEntryRace extends Error {}
const READ_ATTEMPTS = 3;

/**
 * Read the ledger: find the sheet and its header row, return the rows below it. Throws
 * IMPORT_BAD_FILE, IMPORT_NO_HEADER, IMPORT_EMPTY or IMPORT_TOO_MANY_ROWS (400).
 *
 * A workbook whose xl/workbook.xml comes after its worksheets (as exceljs itself writes them: our
 * template and exports) sometimes loses that race in exceljs's streaming reader; the file is fine,
 * so it is read again (at most three times) before being called unreadable.
 */
export async function readLedger(input: LedgerSource, opts: ReadOptions): Promise<LedgerSheet> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readLedgerOnce(typeof input === 'string' ? createReadStream(input) : await input(), opts);
    } catch (err) {
      if (!(err instanceof WorkbookEntryRace)) throw err;
      if (attempt >= READ_ATTEMPTS) throw badFile(err.message);
    }
  }
}

async function readLedgerOnce(stream: Readable, opts: ReadOptions): Promise<LedgerSheet> {
  // Our own stream, so it is closed however the read ends.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell date cells from numbers
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let sawSheet = false;
  let sawContent = false;
  try {
    for await (const worksheet of reader) {
      sawSheet = true;
      const name = (worksheet as unknown as { name?: string }).name ?? '';
      const wanted = !opts.fixed || name === opts.fixed.sheet;
      const head: SheetRow[] = [];
      const rows: SheetRow[] = [];
      let header: SheetRow | null = null;
      // The reader needs every sheet consumed to reach the next one: rows past a decision are drained.
      let state: 'scanning' | 'data' | 'skip' = wanted ? 'scanning' : 'skip';
      for await (const r of worksheet) {
        if (state === 'skip') continue;
        const cells = cellsOf(r.values);
        if (isEmptyRow(cells)) continue;
        sawContent = true;
        if (state === 'data') {
          if (rows.length >= MAX_IMPORT_ROWS) throw new AppError('IMPORT_TOO_MANY_ROWS', 400, { max: MAX_IMPORT_ROWS });
          rows.push({ row: r.number, cells });
          if (rows.length % 1000 === 0) opts.onProgress?.(rows.length);
          continue;
        }
        head.push({ row: r.number, cells });
        if (opts.fixed ? r.number >= opts.fixed.headerRow : head.length === HEADER_SCAN_ROWS) {
          header = pickHeader(head, opts);
          state = header ? 'data' : 'skip';
          if (header) rows.push(...head.filter((x) => x.row > header!.row));
          if (header && opts.headerOnly) return { sheet: name, headerRow: header.row, headerCells: header.cells, rows };
        }
      }
      // A sheet shorter than the scan window: the header is among the rows read.
      if (state === 'scanning' && head.length > 0) {
        header = pickHeader(head, opts);
        if (header) rows.push(...head.filter((x) => x.row > header!.row));
      }
      if (header) {
        if (rows.length === 0) throw new AppError('IMPORT_EMPTY', 400);
        if (rows.length > MAX_IMPORT_ROWS) throw new AppError('IMPORT_TOO_MANY_ROWS', 400, { max: MAX_IMPORT_ROWS });
        return { sheet: name, headerRow: header.row, headerCells: header.cells, rows };
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof TypeError && /reading 'sheets'/.test(err.message)) throw new WorkbookEntryRace(err.message.slice(0, 200));
    throw badFile(err instanceof Error ? err.message.slice(0, 200) : 'unreadable');
  } finally {
    stream.destroy();
  }
  if (!sawSheet) throw badFile('the workbook has no worksheets');
  if (!sawContent) throw new AppError('IMPORT_EMPTY', 400);
  throw new AppError(opts.fixed ? 'IMPORT_FILE_GONE' : 'IMPORT_NO_HEADER', 400);
}

function pickHeader(head: SheetRow[], opts: ReadOptions): SheetRow | null {
  if (opts.fixed) return head.find((x) => x.row === opts.fixed!.headerRow) ?? null;
  const found = detectHeaderRow(
    head.map((x) => x.cells),
    opts.remembered,
  );
  return found ? head[found.index]! : null;
}
