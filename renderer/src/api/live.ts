import { useEffect } from 'react';
import { useQueryClient, type Query, type QueryClient } from '@tanstack/react-query';
import type { Client } from '../../../core/api';
import { client, onChanges, type Change } from './client';
import { patchList, refreshPlan } from './row-refresh';

/**
 * Keeps open views current with changes pushed by the core: a query that depends on nothing that
 * changed is left alone, a case's asset list re-reads only the assets changed, anything else is
 * read again whole. Paged grids keep themselves current (useLiveGrid).
 */
export function useLiveQueries(): void {
  const qc = useQueryClient();
  useEffect(() => onChanges((changes) => {
    for (const q of qc.getQueryCache().getAll()) void refresh(qc, q, changes);
  }), [qc]);
}

async function refresh(qc: QueryClient, q: Query, changes: Change[]): Promise<void> {
  const plan = refreshPlan(q.queryKey, changes);
  if (plan.kind === 'none') return;
  const [method, input] = q.queryKey as [string, Record<string, unknown>, string?];
  const list = q.state.data as Asset[] | undefined;
  // Only the local database's own lists (a review's scope is a third key element and never changes).
  if (plan.kind === 'rows' && method === 'assets.list' && q.queryKey.length === 2 && Array.isArray(list)) {
    try {
      const reread = await client['assets.list']({ ...(input as { caseId: string }), ids: plan.ids });
      const patched = patchList(list, reread, plan.ids, bySeizure);
      if (patched) return void qc.setQueryData(q.queryKey, patched);
    } catch {
      // fall through: read it whole
    }
  }
  await qc.invalidateQueries({ queryKey: q.queryKey, exact: true });
}

type Asset = Awaited<ReturnType<Client['assets.list']>>[number];

/** assets.list's order: seizure date, then id. */
const bySeizure = (a: Asset, b: Asset) => (a.seizedOn < b.seizedOn ? -1 : a.seizedOn > b.seizedOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
