import type ExcelJS from 'exceljs';
import { IMPORT_FIELDS, TEMPLATE_HEADERS, type FieldKey } from '../../../shared/import/columns.js';

// The ledger sheet layout shared by the export and the blank template: same headers, same formats.

export const LEDGER_SHEET = '项目台账';

const WIDTHS: Partial<Record<FieldKey, number>> = {
  name: 32,
  unit: 14,
  investorName: 30,
  investorUscc: 22,
  industry: 22,
  description: 40,
  nextStep: 28,
  carrier: 20,
  sideStateReason: 20,
};

const DATE_FIELDS = new Set<string>(['stageDate', 'signedDate', 'registeredDate', 'startedDate', 'producingDate', 'atCapacityDate']);
const AMOUNT_FIELDS = new Set<string>(['plannedInvestment', 'contractedInvestment', 'fixedAssetInvestment', 'foreignInvestment', 'expectedOutput', 'expectedTax']);

/** Fields in column order after 序号 (fields without a template header are import-only). */
export const SHEET_FIELDS: FieldKey[] = IMPORT_FIELDS.filter((f) => f.header !== null).map((f) => f.key);

export function ledgerColumns(): Partial<ExcelJS.Column>[] {
  return [
    { header: TEMPLATE_HEADERS[0], key: 'seq', width: 6 },
    ...SHEET_FIELDS.map((key, i) => ({
      header: TEMPLATE_HEADERS[i + 1]!,
      key,
      width: WIDTHS[key] ?? 14,
      style: DATE_FIELDS.has(key) ? { numFmt: 'yyyy-mm-dd' } : AMOUNT_FIELDS.has(key) ? { numFmt: '#,##0.####' } : {},
    })),
  ];
}

export function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.height = 30;
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
}

/** An ISO date as a date cell (UTC midnight: what the reader gives back for the same day). */
export function dateCell(iso: string | null): Date | null {
  return iso ? new Date(`${iso}T00:00:00Z`) : null;
}

/**
 * A stored decimal as a number cell when the number reads back as exactly the same decimal;
 * otherwise as text, so no amount is ever changed by floating point on its way out.
 */
export function decimalCell(value: string | null): number | string | null {
  if (value === null) return null;
  const trimmed = value.includes('.') ? value.replace(/\.?0+$/, '') : value;
  const n = Number(trimmed);
  return Number.isFinite(n) && String(n) === trimmed ? n : trimmed;
}
