import { useEffect } from 'react';
import { useQueryClient, type Query } from '@tanstack/react-query';
import { onChanges } from './client';
import { dependsOn } from './dependencies';

/** Keeps open views current with changes pushed by the core. */
export function useLiveQueries(): void {
  const qc = useQueryClient();
  useEffect(() => onChanges((changes) => {
    void qc.invalidateQueries({ predicate: (q: Query) => dependsOn(q.queryKey, changes) });
  }), [qc]);
}
