// Period arithmetic for the figures (domain.md §5). Dates are China calendar dates as YYYY-MM-DD
// strings; the arithmetic is on the calendar only (UTC midnights), never on local clocks.

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y!, m!, d!];
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isLastDayOfMonth(date: string): boolean {
  const [y, m, d] = parts(date);
  return d === daysInMonth(y, m);
}

/** The first day of the date's month. */
export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** The last day of the date's month. */
export function monthEnd(date: string): string {
  const [y, m] = parts(date);
  return iso(y, m, daysInMonth(y, m));
}

/** `date − n months` as PostgreSQL computes it (the day clamped to the shorter month). */
export function minusMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) - months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return iso(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The same calendar day `years` later (or earlier). 29 Feb in a non-leap target year becomes
 * 28 Feb; with `endOfMonth`, a month's last day stays its month's last day (28 Feb 2025 → 29 Feb 2024),
 * so "February 2025" compares with all of February 2024.
 */
export function shiftYears(date: string, years: number, opts: { endOfMonth?: boolean } = {}): string {
  const [y, m, d] = parts(date);
  const ty = y + years;
  const last = daysInMonth(ty, m);
  const day = opts.endOfMonth && d === daysInMonth(y, m) ? last : Math.min(d, last);
  return iso(ty, m, day);
}

/** 同期: the same period last year. A period ending on a month's last day ends on that month's last day. */
export function previousYearPeriod(p: Period): Period {
  return { from: shiftYears(p.from, -1), to: shiftYears(p.to, -1, { endOfMonth: isLastDayOfMonth(p.to) }) };
}

/** Days in the period, both ends included. */
export function periodDays(p: Period): number {
  return daysBetween(p.from, p.to) + 1;
}

/** The months a period touches, as YYYY-MM, in order (the trend's x axis). */
export function monthsOf(p: Period): string[] {
  const [fy, fm] = parts(p.from);
  const [ty, tm] = parts(p.to);
  const out: string[] = [];
  let [y, m] = [fy, fm];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`);
    if (m === 12) [y, m] = [y + 1, 1];
    else m += 1;
  }
  return out;
}

/** YYYY-MM shifted by whole years (month keys of the trend and their 同期). */
export function shiftMonthKey(month: string, years: number): string {
  const [y, m] = month.split('-').map(Number);
  return `${String(y! + years).padStart(4, '0')}-${String(m!).padStart(2, '0')}`;
}

/**
 * The statistical (fiscal) year containing `date`, for a year starting in `startMonth` (1 = the
 * calendar year). It is named by the calendar year it starts in.
 */
export function fiscalYearOf(date: string, startMonth = 1): Period & { year: number } {
  const [y, m] = parts(date);
  const year = m >= startMonth ? y : y - 1;
  const from = iso(year, startMonth, 1);
  const endYear = startMonth === 1 ? year : year + 1;
  const endMonth = startMonth === 1 ? 12 : startMonth - 1;
  return { year, from, to: iso(endYear, endMonth, daysInMonth(endYear, endMonth)) };
}

/** Year to date (年初至今): the fiscal year's first day to `date`. */
export function yearToDate(date: string, startMonth = 1): Period {
  return { from: fiscalYearOf(date, startMonth).from, to: date };
}

/** The earlier of two ISO dates. */
export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}
