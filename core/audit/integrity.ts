import type { Sqlite } from '../../db/connection.js';
import { verifyDeep, type Finding } from './replay.js';
import { verifyLog } from './verify-log.js';
import { inReadSnapshot } from './snapshot.js';

/**
 * The check a database gets when the app (desktop, browser, CLI) opens it: the log (chain, tree,
 * every checkpoint found) and the tables replayed against it. A database that fails opens
 * read-only with these findings listed: working on in a file someone edited outside the app would
 * bury the edit under audited changes.
 */

export interface IntegrityReport {
  ok: boolean;
  checkedAt: string;
  /** One line a person can read per finding: what (table, id, column), expected, found. */
  findings: string[];
  /** Findings in all (the list keeps the first MAX). */
  total: number;
  /** Not replayed: the content is byte for byte what passed an earlier check (verified-cache.ts). */
  remembered?: boolean;
}

const MAX = 200;

export const findingText = (f: Finding) =>
  `${f.kind}: ${f.table} ${f.id}${f.column ? ` ${f.column}` : ''}: expected ${f.expected ?? '(none)'}, found ${f.found ?? '(none)'}${f.seq ? ` (audit entry ${f.seq})` : ''}`;

export function checkIntegrity(sqlite: Sqlite, now = new Date().toISOString()): IntegrityReport {
  try {
    return inReadSnapshot(sqlite, () => check(sqlite, now));
  } catch (e) {
    // A damaged file cannot be replayed: it opens read-only too, and `proceeds doctor` still runs.
    const line = `the check could not finish: ${(e as Error).message}`;
    return { ok: false, checkedAt: now, findings: [line], total: 1 };
  }
}

function check(sqlite: Sqlite, now: string): IntegrityReport {
  const log = verifyLog(sqlite);
  const lines: string[] = [];
  if (log.firstBroken) lines.push(`audit log: entry ${log.firstBroken.seq}: ${log.firstBroken.reason}`);
  if (!log.tree.ok) lines.push(`audit log: ${log.tree.message ?? 'the Merkle tree does not match the rows'}`);
  for (const c of log.checkpoints) if (!c.ok) lines.push(`checkpoint (${c.source}): ${c.message}`);
  const deep = verifyDeep(sqlite, { limit: MAX });
  lines.push(...deep.findings.map(findingText));
  return { ok: lines.length === 0, checkedAt: now, findings: lines.slice(0, MAX), total: lines.length };
}

/** The sentence a read-only database is refused with, naming the first findings. */
export function integrityReason(r: IntegrityReport): string {
  const first = r.findings.slice(0, 3).join('; ');
  return `this database failed deep verification on ${r.checkedAt} and is open read-only (${r.total} finding${r.total === 1 ? '' : 's'}: ${first}${r.total > 3 ? '; …' : ''}); run \`proceeds audit verify --deep\` for the list, and restore a backup or ask whoever changed the file`;
}
