import type { Preview } from './types';

/** Why Import cannot be clicked yet, as an i18n key and its values; undefined when it can. */
export type Blocked = { key: 'duplicate'; values: { name: string; date: string; by: string } } | { key: 'notStatement' | 'mapping'; values: { problems?: string } };

/**
 * A disabled button must say why. A file imported before is refused by the core anyway: saying so
 * here, before the click, spares the wait. A CSV read as a single column holds no statement (a
 * letter, notes); otherwise the mapping's own problems are listed, in the words of its checks.
 */
export function importBlocked(preview: Preview, mappingProblems: string[] | undefined): Blocked | undefined {
  if (preview.importedBefore) return { key: 'duplicate', values: { name: preview.importedBefore.fileName, date: preview.importedBefore.on, by: preview.importedBefore.by } };
  if (!preview.csv || !mappingProblems?.length) return undefined;
  if (preview.csv.width <= 1) return { key: 'notStatement', values: {} };
  return { key: 'mapping', values: { problems: [...new Set(mappingProblems)].slice(0, 3).join('; ') } };
}
