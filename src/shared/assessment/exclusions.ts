import Decimal from 'decimal.js';
import { FUND_SOURCE_LABELS } from '../funds.js';
import type { Exclusion } from './scheme.js';
import type { ScoreRecord } from './inputs.js';

/*
 * Exclusion filters (不计入考核的情形): records a scheme or an item does not count. A record is
 * excluded by the first rule it matches, and the breakdown shows that rule next to the record.
 */

/** GB/T 4754-2017: the section letter of each two-digit division (from shared/data/gbt4754-2017.csv). */
const SECTION_DIVISIONS: readonly [string, number, number][] = [
  ['A', 1, 5], ['B', 6, 12], ['C', 13, 43], ['D', 44, 46], ['E', 47, 50], ['F', 51, 52], ['G', 53, 60],
  ['H', 61, 62], ['I', 63, 65], ['J', 66, 69], ['K', 70, 70], ['L', 71, 72], ['M', 73, 75], ['N', 76, 79],
  ['O', 80, 82], ['P', 83, 83], ['Q', 84, 85], ['R', 86, 90], ['S', 91, 96], ['T', 97, 97],
];

function sectionOfDivision(division: number): string | null {
  return SECTION_DIVISIONS.find(([, lo, hi]) => division >= lo && division <= hi)?.[0] ?? null;
}

function splitCode(code: string): { section: string | null; digits: string } {
  const m = /^([A-T]?)(\d*)$/.exec(code.trim().toUpperCase());
  if (!m) return { section: null, digits: '' };
  const digits = m[2] ?? '';
  const section = m[1] || (digits.length >= 2 ? sectionOfDivision(Number(digits.slice(0, 2))) : null);
  return { section, digits };
}

/**
 * Whether an industry code falls under a prefix. Prefixes are a section letter ("K"), a numeric
 * code ("70", "701") or both ("K70"); codes are a section letter or a 2–4 digit code as the ledger
 * stores them. A record coded only to a section matches a prefix only when the prefix has no
 * digits (we cannot tell which division it is).
 */
export function matchesIndustryPrefix(code: string | null, prefix: string): boolean {
  if (code === null || code.trim() === '') return false;
  const need = prefixRequirement(prefix);
  if (need === null) return false;
  const c = splitCode(code);
  if (need.section !== null && c.section !== need.section) return false;
  return c.digits.startsWith(need.digits);
}

/**
 * What a prefix asks of a code: its section (only when the prefix is written with a letter) and the
 * digits its code must start with; null for a prefix that matches nothing.
 */
function prefixRequirement(prefix: string): { section: string | null; digits: string } | null {
  const p = splitCode(prefix);
  const section = /^[A-T]/i.test(prefix.trim()) ? p.section : null;
  return section === null && p.digits === '' ? null : { section, digits: p.digits };
}

/** Why a record does not count under one rule (Chinese, shown in the breakdown), or null if it counts. */
function matchRule(record: ScoreRecord, rule: Exclusion): string | null {
  switch (rule.kind) {
    case 'industry': {
      const hit = rule.prefixes.find((p) => matchesIndustryPrefix(record.industryCode, p));
      return hit === undefined ? null : `${rule.label ?? '排除行业'}（${hit}）`;
    }
    case 'funds_source':
      return record.fundsSource !== null && rule.sources.includes(record.fundsSource)
        ? `不计${FUND_SOURCE_LABELS[record.fundsSource].zh}`
        : null;
    case 'below_amount':
      // Unknown contracted investment cannot be shown to reach the threshold, so it does not count.
      if (record.contractedAmount === null) return `合同投资额未填（门槛${rule.minAmount}万元）`;
      return new Decimal(record.contractedAmount).lt(rule.minAmount) ? `合同投资额低于${rule.minAmount}万元` : null;
    case 'later_phase':
      return record.isLaterPhase ? '老项目续建/后续期次' : null;
    case 'government_funded':
      return record.isGovernmentFunded ? '政府投资项目' : null;
  }
}

export interface ExcludedRecord {
  kind: ScoreRecord['kind'];
  id: number;
  value: string;
  /** A group's size (kind 'group' only). */
  count?: number;
  /** The rule that excluded it, in Chinese. */
  rule: string;
}

export function applyExclusions(
  records: readonly ScoreRecord[],
  rules: readonly Exclusion[],
): { included: ScoreRecord[]; excluded: ExcludedRecord[] } {
  const included: ScoreRecord[] = [];
  const excluded: ExcludedRecord[] = [];
  for (const record of records) {
    const rule = rules.map((r) => matchRule(record, r)).find((why) => why !== null);
    if (rule === undefined) included.push(record);
    else excluded.push(record.kind === 'group' ? { kind: record.kind, id: record.id, value: record.value, count: record.count, rule } : { kind: record.kind, id: record.id, value: record.value, rule });
  }
  return { included, excluded };
}
