// Pure helpers over the flat unit list the API returns (no React, no DOM; tested in tree.test.ts).

export interface FlatUnit {
  id: number;
  parentId: number | null;
  name: string;
}

export interface UnitNode<T extends FlatUnit> {
  unit: T;
  children: UnitNode<T>[];
}

/**
 * Nests the flat list by parentId, keeping the server's order among siblings. Roots are the units
 * whose parent is not in the list: the top of what this user may see, not necessarily the city.
 */
export function buildForest<T extends FlatUnit>(units: readonly T[]): UnitNode<T>[] {
  const nodes = new Map<number, UnitNode<T>>();
  for (const unit of units) nodes.set(unit.id, { unit, children: [] });
  const roots: UnitNode<T>[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id)!;
    const parent = unit.parentId === null ? undefined : nodes.get(unit.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/**
 * Keeps the units whose name contains `query` (case-insensitive) and their ancestors, so every match
 * is shown in place. Returns the pruned forest and the ids to expand (the ancestors of matches).
 */
export function filterForest<T extends FlatUnit>(
  forest: UnitNode<T>[],
  query: string,
): { forest: UnitNode<T>[]; expandedIds: number[]; matchCount: number } {
  const needle = query.trim().toLowerCase();
  if (!needle) return { forest, expandedIds: [], matchCount: 0 };
  const expandedIds: number[] = [];
  let matchCount = 0;
  const visit = (node: UnitNode<T>): UnitNode<T> | null => {
    const children = node.children.map(visit).filter((c): c is UnitNode<T> => c !== null);
    const isMatch = node.unit.name.toLowerCase().includes(needle);
    if (isMatch) matchCount += 1;
    if (!isMatch && children.length === 0) return null;
    if (children.length > 0) expandedIds.push(node.unit.id);
    return { unit: node.unit, children };
  };
  const pruned = forest.map(visit).filter((c): c is UnitNode<T> => c !== null);
  return { forest: pruned, expandedIds, matchCount };
}

/** Drops disabled units and everything below them. */
export function withoutDisabled<T extends FlatUnit & { isDisabled: boolean }>(forest: UnitNode<T>[]): UnitNode<T>[] {
  return forest
    .filter((n) => !n.unit.isDisabled)
    .map((n) => ({ unit: n.unit, children: withoutDisabled(n.children) }));
}

/** The unit and all units below it: what a move must not choose as the new parent. */
export function subtreeIds<T extends FlatUnit>(units: readonly T[], rootId: number): Set<number> {
  const childrenOf = new Map<number, number[]>();
  for (const u of units) {
    if (u.parentId === null) continue;
    const list = childrenOf.get(u.parentId) ?? [];
    list.push(u.id);
    childrenOf.set(u.parentId, list);
  }
  const out = new Set<number>([rootId]);
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    for (const child of childrenOf.get(id) ?? []) {
      if (!out.has(child)) {
        out.add(child);
        stack.push(child);
      }
    }
  }
  return out;
}

/** Ancestors from the top of the visible list down to the unit itself. */
export function ancestry<T extends FlatUnit>(byId: ReadonlyMap<number, T>, id: number): T[] {
  const chain: T[] = [];
  const seen = new Set<number>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    chain.unshift(current);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return chain;
}

/** Ids of units at depth < `levels` below the roots: what the tree opens with. */
export function topLevelIds<T extends FlatUnit>(forest: UnitNode<T>[], levels: number): number[] {
  const out: number[] = [];
  const walk = (nodes: UnitNode<T>[], depth: number) => {
    if (depth >= levels) return;
    for (const n of nodes) {
      if (n.children.length) out.push(n.unit.id);
      walk(n.children, depth + 1);
    }
  };
  walk(forest, 0);
  return out;
}
