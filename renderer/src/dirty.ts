import { useLayoutEffect } from 'react';

/**
 * Forms with unsaved input. Navigation (links, back/forward, reload) and a dialog's Escape ask before
 * dropping them. A set of live tokens rather than a flag: several forms may be open at once.
 */
const everywhere = new Set<symbol>();

/** Registers the calling form while `dirty` is true. Layout effect: the set is right as soon as React commits. */
export function useDirty(dirty: boolean): void {
  useLayoutEffect(() => {
    if (!dirty) return;
    const token = Symbol('dirty form');
    everywhere.add(token);
    return () => {
      everywhere.delete(token);
    };
  }, [dirty]);
}

export const anyDirty = (): boolean => everywhere.size > 0;
