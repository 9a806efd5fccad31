import type { Change } from '../../../core/change';
import { dependsOn } from './dependencies';

/**
 * What an open view reads again after pushed changes: nothing, only the changed rows, or all it
 * holds. Row by row only when every change it depends on is to the very records it lists, none of
 * them created or removed: then no row can have moved in or out of its pages but those ones.
 */
export type RefreshPlan = { kind: 'none' } | { kind: 'rows'; ids: string[] } | { kind: 'all' };

/** The entity whose records each row view lists, by query method. */
const ROW_ENTITY: Record<string, string> = {
  'dashboard.assets': 'asset',
  'assets.list': 'asset',
};

export function refreshPlan(queryKey: readonly unknown[], changes: Change[]): RefreshPlan {
  const relevant = changes.filter((c) => dependsOn(queryKey, [c]));
  if (!relevant.length) return { kind: 'none' };
  const entity = ROW_ENTITY[String(queryKey[0])];
  const ids = new Set<string>();
  for (const c of relevant) {
    if (!entity || c.entity !== entity || !c.ids || c.created || c.removed) return { kind: 'all' };
    for (const id of c.ids) ids.add(id);
  }
  return { kind: 'rows', ids: [...ids] };
}

export interface Row { id: string }

/**
 * A paged grid's changed rows, re-read under its filter: update them in place, or reload its pages
 * when that would show the wrong thing (the count moved, a shown row left the filter or changed
 * place, a row not shown now falls inside the shown range).
 * `order` compares two rows in the grid's sort order (ties broken by id).
 */
export function patchPage<T extends Row>(
  shown: (id: string) => T | undefined,
  range: { first: T; last: T } | undefined,
  shownCount: number,
  reread: { rows: T[]; total: number },
  ids: string[],
  order: (a: T, b: T) => number,
): { kind: 'update'; rows: T[] } | { kind: 'reload' } {
  if (reread.total !== shownCount) return { kind: 'reload' };
  const fresh = new Map(reread.rows.map((r) => [r.id, r]));
  const update: T[] = [];
  for (const id of ids) {
    const before = shown(id);
    const now = fresh.get(id);
    if (before) {
      if (!now || order(before, now) !== 0) return { kind: 'reload' };
      update.push(now);
    } else if (now && range && order(range.first, now) <= 0 && order(now, range.last) <= 0) {
      return { kind: 'reload' };
    }
  }
  return { kind: 'update', rows: update };
}

/**
 * A whole list held in the query cache (every row of one case), patched with its changed rows
 * re-read under the same input; undefined when it must be read again (a row came in, or moved).
 */
export function patchList<T extends Row>(list: T[], reread: T[], ids: string[], order: (a: T, b: T) => number): T[] | undefined {
  const fresh = new Map(reread.map((r) => [r.id, r]));
  const wanted = new Set(ids);
  const out: T[] = [];
  for (const row of list) {
    if (!wanted.has(row.id)) {
      out.push(row);
      continue;
    }
    const now = fresh.get(row.id);
    fresh.delete(row.id);
    if (!now) continue; // no longer under the list's filter
    if (order(row, now) !== 0) return undefined;
    out.push(now);
  }
  return fresh.size ? undefined : out;
}
