/**
 * What a change touched: the audit entry's entity and case, and which records. Views refresh only
 * what depends on it; a grid showing those records re-reads just them when none was created or
 * removed (no row moves in or out of its pages). One shape for the core's feed, its transports and
 * the renderer, so this file imports nothing.
 */
export interface Change {
  entity: string;
  caseId: string | null;
  /** The records' ids, when there are few enough to list (at most 100; core/change-feed.ts). */
  ids?: string[];
  /** Some record was created or removed: a grid's row count and positions may have moved. */
  created?: true;
  removed?: true;
}
