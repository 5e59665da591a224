import Decimal from 'decimal.js';
import type { UnitInputData } from '../../../shared/assessment/inputs';

// 评议打分 on a computed run (pure): the table's draft from the run's stored inputs, the problems
// the server would refuse (a score out of bounds, a score without its written reason), and the
// PATCH body.

export interface ManualCell {
  score: string;
  reason: string;
}

/** Manual item id → unit id → what is typed. */
export type ManualDraft = Record<string, Record<string, ManualCell>>;

export interface ManualItemRule {
  id: string;
  minPoints: number;
  maxPoints: number;
}

export type ManualProblem = 'score' | 'range' | 'reason';

/** The scores the run was computed with, as the table starts. */
export function manualDraftOf(units: readonly Pick<UnitInputData, 'unitId' | 'manual'>[]): ManualDraft {
  const draft: ManualDraft = {};
  for (const u of units) {
    for (const [itemId, entry] of Object.entries(u.manual ?? {})) {
      (draft[itemId] ??= {})[String(u.unitId)] = { score: entry.score, reason: entry.reason };
    }
  }
  return draft;
}

const DECIMAL = /^-?\d{1,13}(\.\d{1,8})?$/;

/** What is wrong with each typed cell (`itemId:unitId` → problem); an empty row (no score, no reason) is fine. */
export function manualProblems(draft: ManualDraft, items: readonly ManualItemRule[]): Record<string, ManualProblem> {
  const out: Record<string, ManualProblem> = {};
  for (const item of items) {
    for (const [unitId, cell] of Object.entries(draft[item.id] ?? {})) {
      const score = cell.score.trim();
      const reason = cell.reason.trim();
      if (score === '' && reason === '') continue;
      const key = `${item.id}:${unitId}`;
      if (score === '' || !DECIMAL.test(score)) out[key] = 'score';
      else if (new Decimal(score).lt(item.minPoints) || new Decimal(score).gt(item.maxPoints)) out[key] = 'range';
      else if (reason === '') out[key] = 'reason';
    }
  }
  return out;
}

/** The PATCH body: every scored cell with its reason; cells left empty are not sent (the unit gets 0, 尚未评分). */
export function manualBody(draft: ManualDraft, items: readonly ManualItemRule[]): Record<string, Record<string, { score: string; reason: string }>> {
  const out: Record<string, Record<string, { score: string; reason: string }>> = {};
  for (const item of items) {
    for (const [unitId, cell] of Object.entries(draft[item.id] ?? {})) {
      if (cell.score.trim() === '') continue;
      (out[item.id] ??= {})[unitId] = { score: cell.score.trim(), reason: cell.reason.trim() };
    }
  }
  return out;
}

/** Whether the typed draft differs from the run's stored scores. */
export function isManualChanged(draft: ManualDraft, saved: ManualDraft, items: readonly ManualItemRule[]): boolean {
  return JSON.stringify(manualBody(draft, items)) !== JSON.stringify(manualBody(saved, items));
}
