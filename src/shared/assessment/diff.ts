import type { RecordRef } from './items.js';
import type { AssessmentResult, ItemScore, UnitScore } from './score.js';

/*
 * A published run is frozen; later data changes show as a difference, never as a silent change.
 * diffResults compares the frozen result with a re-run of the same scheme on today's data.
 */

export type ResultChange =
  | { kind: 'unit_added' | 'unit_removed'; unitId: number; name: string }
  | { kind: 'total' | 'rank'; unitId: number; name: string; before: string; after: string }
  | { kind: 'item_score'; unitId: number; name: string; itemId: string; before: string; after: string }
  | { kind: 'item_records'; unitId: number; name: string; itemId: string; added: RecordRef[]; removed: RecordRef[] };

/** A record by kind and id; a group also by its size, so a group that grew or shrank shows as changed. */
const refKey = (r: RecordRef) => (r.kind === 'group' ? `${r.kind}:${r.id}:${r.count ?? 1}` : `${r.kind}:${r.id}`);

/** Every difference between two results, by unit in the published order, then new units; empty when nothing changed. */
export function diffResults(published: AssessmentResult, current: AssessmentResult): ResultChange[] {
  const currentById = new Map(current.units.map((u) => [u.unitId, u]));
  const publishedIds = new Set(published.units.map((u) => u.unitId));
  const changes: ResultChange[] = [];
  for (const before of published.units) {
    const after = currentById.get(before.unitId);
    if (after === undefined) changes.push({ kind: 'unit_removed', unitId: before.unitId, name: before.name });
    else changes.push(...diffUnit(before, after));
  }
  for (const after of current.units) {
    if (!publishedIds.has(after.unitId)) changes.push({ kind: 'unit_added', unitId: after.unitId, name: after.name });
  }
  return changes;
}

function diffUnit(before: UnitScore, after: UnitScore): ResultChange[] {
  const who = { unitId: before.unitId, name: before.name };
  const changes: ResultChange[] = [];
  if (before.total !== after.total) changes.push({ kind: 'total', ...who, before: before.total, after: after.total });
  if (before.rank !== after.rank) changes.push({ kind: 'rank', ...who, before: String(before.rank), after: String(after.rank) });
  const afterItems = new Map(after.items.map((i) => [i.itemId, i]));
  for (const item of before.items) {
    const now = afterItems.get(item.itemId);
    if (now !== undefined) changes.push(...diffItem(who, item, now));
  }
  return changes;
}

function diffItem(who: { unitId: number; name: string }, before: ItemScore, after: ItemScore): ResultChange[] {
  const changes: ResultChange[] = [];
  if (before.score !== after.score) changes.push({ kind: 'item_score', ...who, itemId: before.itemId, before: before.score, after: after.score });
  const beforeKeys = new Set(before.records.map(refKey));
  const afterKeys = new Set(after.records.map(refKey));
  const added = after.records.filter((r) => !beforeKeys.has(refKey(r)));
  const removed = before.records.filter((r) => !afterKeys.has(refKey(r)));
  if (added.length > 0 || removed.length > 0) changes.push({ kind: 'item_records', ...who, itemId: before.itemId, added, removed });
  return changes;
}
