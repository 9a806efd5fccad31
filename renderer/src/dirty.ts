import { useCallback, useLayoutEffect, useRef } from 'react';

/**
 * Forms with unsaved input. Navigation (links, back/forward, reload) and a dialog's Escape ask before
 * dropping them. A set of live tokens rather than a flag: several forms may be open at once.
 */
const everywhere = new Set<symbol>();

/**
 * Registers the calling form while `dirty` is true. Layout effect: the set is right as soon as React
 * commits. Returns `saved()`: the form's input is stored, so a navigation in the same tick (open what
 * was just created) does not ask.
 */
export function useDirty(dirty: boolean): () => void {
  const current = useRef<symbol>(undefined);
  useLayoutEffect(() => {
    if (!dirty) return;
    const token = Symbol('dirty form');
    current.current = token;
    everywhere.add(token);
    return () => {
      everywhere.delete(token);
    };
  }, [dirty]);
  return useCallback(() => {
    if (current.current) everywhere.delete(current.current);
  }, []);
}

export const anyDirty = (): boolean => everywhere.size > 0;
