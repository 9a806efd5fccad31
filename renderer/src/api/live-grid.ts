import { useEffect, useRef, type RefObject } from 'react';
import type { AgGridReact } from 'ag-grid-react';
import { onChanges } from './client';
import { patchPage, refreshPlan, type Row } from './row-refresh';

export interface LiveGridSource<T extends Row> {
  /** The grid's query, as a cache key: what decides which changes concern it. */
  queryKey: readonly unknown[];
  /** Re-reads these rows under the grid's filter, with the count under it; none: reload the pages. */
  reread?: (ids: string[]) => Promise<{ rows: T[]; total: number }>;
  /** The count the grid shows now. */
  shownCount: () => number | undefined;
  /** The grid's sort order now, ties broken by id. */
  order: () => (a: T, b: T) => number;
}

/**
 * Keeps a paged (infinite) grid current with the core's pushed changes: its own rows updated in
 * place when only they changed, its loaded pages read again otherwise, nothing when the change
 * concerns something else.
 */
export function useLiveGrid<T extends Row>(grid: RefObject<AgGridReact<T> | null>, latest: LiveGridSource<T>): void {
  // The source's functions read the view's state of the moment: the listener asks for the latest.
  const current = useRef(latest);
  current.current = latest;
  const key = JSON.stringify(latest.queryKey);
  useEffect(() => onChanges((changes) => {
    const source = current.current;
    const api = grid.current?.api;
    if (!api || api.isDestroyed()) return;
    const plan = refreshPlan(source.queryKey, changes);
    if (plan.kind === 'none') return;
    const count = source.shownCount();
    if (plan.kind === 'all' || !source.reread || count === undefined) return api.refreshInfiniteCache();
    let first: T | undefined;
    let last: T | undefined;
    api.forEachNode((n) => {
      if (!n.data) return;
      first ??= n.data;
      last = n.data;
    });
    source.reread(plan.ids)
      .then((reread) => {
        if (api.isDestroyed()) return;
        const range = first && last ? { first, last } : undefined;
        const result = patchPage((id) => api.getRowNode(id)?.data, range, count, reread, plan.ids, source.order());
        if (result.kind === 'reload') return api.refreshInfiniteCache();
        for (const row of result.rows) api.getRowNode(row.id)?.setData(row);
      })
      .catch(() => api.refreshInfiniteCache());
  }), [grid, key]);
}
