import Decimal from 'decimal.js';
import { MAX_WAN } from '../money.js';
import { CHANNEL_LABELS, CHANNELS, STAGE_LABELS, type Channel, type SideState, type Stage } from '../project.js';
import { cleanText } from '../text.js';
import { normaliseUscc, usccProblem } from '../uscc.js';

/*
 * Cell value parsers for the Excel importer (pure; shared with the web for previews and tests).
 * Real ledgers are typed by hand: full-width digits, trailing spaces, dates in four spellings or as
 * Excel serials, amounts in 万元 or 亿元. Every parser answers a value, "empty", or an issue code;
 * amounts go through decimal.js and come out as exact decimal strings, never floats.
 */

/** A cell as the reader hands it over: text, number, boolean, date, empty, or an Excel error (#N/A). */
export type CellValue = string | number | boolean | Date | null | { error: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: IssueCode; params?: Record<string, string | number> } | null;

/** Row issue codes; messages in ISSUE_MESSAGES (src/shared/import/messages.ts). */
export type IssueCode =
  | 'REQUIRED'
  | 'CELL_ERROR'
  | 'BAD_DATE'
  | 'INCOMPLETE_DATE'
  | 'FUTURE_DATE'
  | 'BAD_AMOUNT'
  | 'NEGATIVE'
  | 'TOO_LARGE'
  | 'UNIT_MISMATCH'
  | 'BAD_NUMBER'
  | 'BAD_INTEGER'
  | 'BAD_BOOL'
  | 'BAD_STAGE'
  | 'STAGE_DATE_REQUIRED'
  | 'USCC_LENGTH'
  | 'USCC_CHARSET'
  | 'USCC_CHECK'
  | 'TOO_LONG'
  | 'UNKNOWN_UNIT'
  | 'AMBIGUOUS_UNIT'
  | 'UNIT_DISABLED'
  | 'UNKNOWN_INDUSTRY'
  | 'UNKNOWN_CHANNEL'
  | 'UNKNOWN_USER'
  | 'AMBIGUOUS_USER'
  | 'DUPLICATE_ROW'
  | 'AMBIGUOUS_PROJECT'
  | 'INVESTOR_MISMATCH'
  | 'INVESTOR_NAME_REQUIRED'
  | 'STAGE_BEHIND'
  | 'STAGE_PENDING'
  | 'STAGE_CLOSED'
  | 'STAGE_DATE_DIFFERS';

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: IssueCode, params?: Record<string, string | number>): Parsed<never> => (params ? { ok: false, code, params } : { ok: false, code });

/** Compare-friendly key: full-width folded (NFKC), whitespace removed, lower-cased. */
export function normaliseKey(value: string): string {
  return value.normalize('NFKC').replace(/[\s\u200B-\u200F\u2060\uFEFF]+/g, '').toLowerCase();
}

/** Project identity within a unit (see import README): the name, compared as normaliseKey does. */
export function projectKey(unitId: number, name: string): string {
  return `${unitId}|${normaliseKey(name)}`;
}

// Ledgers mark "nothing here" in many ways.
const BLANKS = new Set(['', '-', '--', '—', '——', '/', '\\', '无', '暂无', 'n/a', 'na', '空', '待定', '未定']);

/** The cell's text (NFKC, trimmed) or null when blank; numbers and dates are not text. */
function textOf(cell: string): string | null {
  const s = cell.normalize('NFKC').replace(/\s+/g, ' ').trim();
  return BLANKS.has(s.toLowerCase()) ? null : s;
}

export function isBlankCell(cell: CellValue): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === 'string') return textOf(cell) === null;
  return false;
}

function isErrorCell(cell: CellValue): cell is { error: string } {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date) && 'error' in cell;
}

/** Plain text (names, carriers, notes): cleaned, length-checked in code points. */
export function parseText(cell: CellValue, max: number): Parsed<string> {
  if (cell === null || isBlankCell(cell)) return null;
  if (isErrorCell(cell)) return fail('CELL_ERROR', { value: cell.error });
  const raw = cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
  // Control characters (pasted from other systems; a NUL PostgreSQL would refuse) are dropped.
  // eslint-disable-next-line no-control-regex
  const s = cleanText(raw.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, ''));
  if (!s || BLANKS.has(s.toLowerCase())) return null;
  if ([...s].length > max) return fail('TOO_LONG', { max });
  return ok(s);
}

// ---- dates ----

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30); // serial 1 = 1900-01-01 counting Excel's phantom 1900-02-29
const MIN_YEAR = 1950;
const MAX_YEAR = 2100;

function isoOf(y: number, m: number, d: number): string | null {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Excel serial day number (1900 date system) → YYYY-MM-DD; a time fraction is dropped. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const dt = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * 86_400_000);
  return isoOf(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

const DATE_PATTERNS: RegExp[] = [
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/, // 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日
  /^(\d{4})(\d{2})(\d{2})$/, // 20240305
];
const PARTIAL_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$|^(\d{4})\s*年?$/;

/** Dates in the forms ledgers use: 2024-03-05, 2024/3/5, 2024年3月5日, Excel serials and date cells. */
export function parseDate(cell: CellValue): Parsed<string> {
  if (cell === null || isBlankCell(cell)) return null;
  if (isErrorCell(cell)) return fail('CELL_ERROR', { value: cell.error });
  if (cell instanceof Date) {
    // The reader builds dates at UTC midnight of the calendar day in the sheet.
    if (Number.isNaN(cell.getTime())) return fail('BAD_DATE');
    const iso = isoOf(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
    return iso ? ok(iso) : fail('BAD_DATE');
  }
  if (typeof cell === 'number') {
    const iso = excelSerialToIso(cell);
    return iso ? ok(iso) : fail('BAD_DATE');
  }
  if (typeof cell === 'boolean') return fail('BAD_DATE');
  const s = textOf(cell);
  if (s === null) return null;
  for (const re of DATE_PATTERNS) {
    const m = re.exec(s);
    if (m) {
      const iso = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
      return iso ? ok(iso) : fail('BAD_DATE');
    }
  }
  // A serial typed or pasted as text ("45356").
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const iso = excelSerialToIso(Number(s));
    return iso ? ok(iso) : fail('BAD_DATE');
  }
  if (PARTIAL_DATE.test(s)) return fail('INCOMPLETE_DATE');
  return fail('BAD_DATE');
}

// ---- amounts ----

export type Currency = 'CNY' | 'USD';
/** Units an amount may be given in; the stored unit is 万元 (CNY) or 万美元 (USD). */
export const MONEY_UNITS = ['元', '万元', '亿元', '美元', '万美元', '亿美元'] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];

const UNIT_FACTOR: Record<MoneyUnit, { currency: Currency; toWan: Decimal }> = {
  元: { currency: 'CNY', toWan: new Decimal('0.0001') },
  万元: { currency: 'CNY', toWan: new Decimal(1) },
  亿元: { currency: 'CNY', toWan: new Decimal(10000) },
  美元: { currency: 'USD', toWan: new Decimal('0.0001') },
  万美元: { currency: 'USD', toWan: new Decimal(1) },
  亿美元: { currency: 'USD', toWan: new Decimal(10000) },
};

export function currencyOf(unit: MoneyUnit): Currency {
  return UNIT_FACTOR[unit].currency;
}

/** A unit written in a cell after the number: 1.2亿, 5000万元, 300万美元. */
const CELL_UNIT = /^(.*?)\s*(亿美元|万美元|美元|亿元|万元|亿|万|元)$/;
const NUMBER = /^\d+(\.\d+)?$/;

/** Decimal string without trailing zeros: "12000.5000" → "12000.5". */
export function trimDecimal(d: Decimal): string {
  return d.toFixed();
}

/** A number cell (a float from the reader) as the decimal the sheet stores: its shortest round-trip form. */
function decimalOfNumber(n: number): Decimal | null {
  if (!Number.isFinite(n)) return null;
  return new Decimal(String(n));
}

/**
 * An amount converted to 万 of the field's currency, exact, rounded to 4 decimals (one yuan).
 * `unit` comes from the header ("合同投资额（亿元）"); a unit written in the cell wins.
 */
export function parseAmount(cell: CellValue, unit: MoneyUnit): Parsed<string> {
  if (cell === null || isBlankCell(cell)) return null;
  if (isErrorCell(cell)) return fail('CELL_ERROR', { value: cell.error });
  if (cell instanceof Date || typeof cell === 'boolean') return fail('BAD_AMOUNT');
  let value: Decimal | null;
  let effective = unit;
  if (typeof cell === 'number') {
    value = decimalOfNumber(cell);
  } else {
    let s = textOf(cell);
    if (s === null) return null;
    s = s.replace(/[,，\s]/g, '').replace(/^约/, '');
    const m = CELL_UNIT.exec(s);
    if (m) {
      const written = m[2]!;
      const full = (written === '亿' ? '亿元' : written === '万' ? '万元' : written) as MoneyUnit;
      // "万" alone follows the field's currency: 300万 in a 万美元 column is 300万美元.
      effective =
        (written === '亿' || written === '万') && currencyOf(unit) === 'USD' ? ((written === '亿' ? '亿美元' : '万美元') as MoneyUnit) : full;
      s = m[1]!;
    }
    if (s.startsWith('-') && NUMBER.test(s.slice(1))) return fail('NEGATIVE');
    value = NUMBER.test(s) ? new Decimal(s) : null;
  }
  if (value === null) return fail('BAD_AMOUNT');
  if (currencyOf(effective) !== currencyOf(unit)) return fail('UNIT_MISMATCH', { unit: effective });
  if (value.isNegative()) return fail('NEGATIVE');
  const wan = value.times(UNIT_FACTOR[effective].toWan).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  if (wan.greaterThan(MAX_WAN)) return fail('TOO_LARGE');
  return ok(trimDecimal(wan));
}

/** Non-negative numbers with at most `decimals` decimals (亩, ㎡), an optional unit word after them. */
export function parseQuantity(cell: CellValue, decimals: number, max: number): Parsed<string> {
  if (cell === null || isBlankCell(cell)) return null;
  if (isErrorCell(cell)) return fail('CELL_ERROR', { value: cell.error });
  if (cell instanceof Date || typeof cell === 'boolean') return fail('BAD_NUMBER');
  let d: Decimal | null;
  if (typeof cell === 'number') d = decimalOfNumber(cell);
  else {
    const s = (textOf(cell) ?? '').replace(/[,，\s]/g, '').replace(/(亩|平方米|平米|m2|㎡|人|个)$/i, '');
    if (s.startsWith('-') && NUMBER.test(s.slice(1))) return fail('NEGATIVE');
    d = NUMBER.test(s) ? new Decimal(s) : null;
  }
  if (d === null) return fail('BAD_NUMBER');
  if (d.isNegative()) return fail('NEGATIVE');
  const rounded = d.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  if (rounded.greaterThan(max)) return fail('TOO_LARGE');
  return ok(trimDecimal(rounded));
}

export function parseCount(cell: CellValue, max = 10_000_000): Parsed<number> {
  const q = parseQuantity(cell, 4, max);
  if (!q || !q.ok) return q;
  const d = new Decimal(q.value);
  return d.isInteger() ? ok(d.toNumber()) : fail('BAD_INTEGER');
}

// ---- vocabularies ----

const TRUE_WORDS = new Set(['是', '√', '✓', '✔', 'y', 'yes', 'true', '1', '有', '市重点', '省重点', '重点']);
const FALSE_WORDS = new Set(['否', '×', '✗', 'x', 'n', 'no', 'false', '0', '不是', '非']);

export function parseBool(cell: CellValue): Parsed<boolean> {
  if (cell === null || isBlankCell(cell)) return null;
  if (isErrorCell(cell)) return fail('CELL_ERROR', { value: cell.error });
  if (typeof cell === 'boolean') return ok(cell);
  if (typeof cell === 'number') return cell === 1 ? ok(true) : cell === 0 ? ok(false) : fail('BAD_BOOL');
  if (cell instanceof Date) return fail('BAD_BOOL');
  const s = normaliseKey(cell);
  if (TRUE_WORDS.has(s)) return ok(true);
  if (FALSE_WORDS.has(s)) return ok(false);
  return fail('BAD_BOOL');
}

export type StageTarget = Stage | SideState;

// Words ledgers use for each stage, after 已/正在 and 阶段/中 are stripped.
const STAGE_WORDS: [StageTarget, string[]][] = [
  ['lead', ['线索', '信息', '项目信息', '意向', '储备', '在库', '初步接触', '接触', 'lead']],
  ['negotiating', ['洽谈', '在谈', '谈判', '接洽', '磋商', '对接', '考察', '在洽谈', '洽谈对接', 'negotiating']],
  ['signed', ['签约', '签订', '签署', '签约未注册', '协议签订', '签订协议', '签约未开工', 'signed']],
  ['registered', ['注册', '落地', '注册落地', '落户', '入驻', '注册登记', 'registered']],
  ['started', ['开工', '在建', '建设', '施工', '动工', '开工建设', '在建设', '新开工', 'started']],
  ['producing', ['投产', '试生产', '试产', '竣工投产', '建成投产', '运营', '生产', 'producing']],
  ['at_capacity', ['达产', '满产', '达产达效', '达效', 'at_capacity', 'atcapacity']],
  ['stalled', ['停滞', '停工', '暂停', '停建', '搁置', '缓建', 'stalled']],
  ['lost', ['流失', '外流', '放弃', 'lost']],
  ['withdrawn', ['终止', '退库', '终止退库', '撤销', '取消', '退出', 'withdrawn']],
];
const STAGE_LOOKUP = new Map<string, StageTarget>();
for (const [target, words] of STAGE_WORDS) for (const w of words) STAGE_LOOKUP.set(w, target);
for (const [target, label] of Object.entries(STAGE_LABELS)) if (target !== 'resumed') STAGE_LOOKUP.set(normaliseKey(label.zh), target as StageTarget);

function lookupStage(s: string): StageTarget | undefined {
  const direct = STAGE_LOOKUP.get(s);
  if (direct) return direct;
  const stripped = s.replace(/^(已经|已|正在|处于|项目|进入)+/, '').replace(/(阶段|状态|环节|中|期)+$/, '');
  return STAGE_LOOKUP.get(stripped);
}

/** 线索/洽谈/在谈/签约/已签约/注册/落地/开工/在建/投产/达产/停滞/流失/终止…; "已签约，正在办理土地手续" reads the first clause. */
export function parseStage(cell: CellValue): Parsed<StageTarget> {
  if (cell === null || isBlankCell(cell)) return null;
  if (isErrorCell(cell)) return fail('CELL_ERROR', { value: cell.error });
  if (typeof cell !== 'string') return fail('BAD_STAGE');
  const s = normaliseKey(cell);
  const found = lookupStage(s) ?? lookupStage(s.split(/[,;.。，；、(（:：]/)[0] ?? '');
  return found ? ok(found) : fail('BAD_STAGE');
}

const CHANNEL_WORDS: Record<Channel, string[]> = {
  leader: ['领导', '领导招商', '领导带队', '高层推动'],
  business: ['以商', '以商招商', '商会', '商会招商', '企业推荐'],
  agency: ['中介', '中介招商', '委托招商', '第三方'],
  hometown: ['乡贤', '乡贤招商', '老乡', '老乡招商', '亲情招商', '在外人士'],
  online: ['网络', '网络招商', '线上', '线上招商', '云招商'],
  expo: ['展会', '节会', '展会节会', '展会招商', '节会招商', '会展'],
  team: ['小分队', '小分队招商', '驻外', '驻外招商', '专班'],
  other: ['其他', '其它'],
};
const CHANNEL_LOOKUP = new Map<string, Channel>();
for (const c of CHANNELS) {
  CHANNEL_LOOKUP.set(c, c);
  CHANNEL_LOOKUP.set(normaliseKey(CHANNEL_LABELS[c].zh), c);
  for (const w of CHANNEL_WORDS[c]) CHANNEL_LOOKUP.set(w, c);
}

export function parseChannel(cell: CellValue): Parsed<Channel> {
  const t = parseText(cell, 40);
  if (!t || !t.ok) return t;
  const found = CHANNEL_LOOKUP.get(normaliseKey(t.value));
  return found ? ok(found) : fail('UNKNOWN_CHANNEL');
}

/** 统一社会信用代码: normalised (full-width, spaces, case), then checked against GB 32100-2015. */
export function parseUscc(cell: CellValue): Parsed<string> {
  if (cell === null || isBlankCell(cell)) return null;
  if (isErrorCell(cell)) return fail('CELL_ERROR', { value: cell.error });
  const code = normaliseUscc(String(cell));
  const problem = usccProblem(code);
  if (problem === 'length') return fail('USCC_LENGTH');
  if (problem === 'charset') return fail('USCC_CHARSET');
  if (problem === 'check') return fail('USCC_CHECK');
  return ok(code);
}

/** An industry written as a GB/T 4754 code ("1391", "C", "C1391 谷物磨制") or as a name; resolved by the caller. */
export function parseIndustryRef(cell: CellValue): Parsed<{ code: string } | { name: string }> {
  if (cell === null || isBlankCell(cell)) return null;
  if (isErrorCell(cell)) return fail('CELL_ERROR', { value: cell.error });
  const s = String(cell).normalize('NFKC').trim();
  const m = /^([A-Ta-t])?(\d{2,4})?(?:\s*[^\dA-Za-z\s].*)?$/.exec(s);
  if (m && (m[1] || m[2])) return ok({ code: m[2] ?? m[1]!.toUpperCase() });
  return ok({ name: s.replace(/\s+/g, '') });
}
