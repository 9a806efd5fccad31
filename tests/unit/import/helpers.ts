import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Core } from '../../../core/core.js';

/** Real bank statements, copied byte for byte from shared/fixtures (sources and licences in SOURCES.md there). */
export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/statements');
export const fixture = (rel: string) => path.join(FIXTURES, rel);

/** Runs an import as a trusted caller (a file path, as the CLI does). */
export function importFile(core: Core, caseId: string, file: string, extra: Record<string, unknown> = {}) {
  return core.call('imports.run', { caseId, file: { path: file }, ...extra }, { trusted: true });
}

export async function newCase(core: Core, number = 'TF-IMP-1') {
  return core.call('cases.create', { number, title: 'Import test', status: 'open' });
}

export const count = (core: Core, sql: string, ...args: unknown[]) =>
  (core.writer.sqlite.prepare(sql).get(...args) as { n: number }).n;

/**
 * Money in minus money out, per currency, of the given accounts over one import's transactions:
 * what the statement says moved through them, read straight from the table.
 */
export function netByCurrency(core: Core, importId: string, accountIds: string[]): Record<string, number> {
  const rows = core.writer.sqlite
    .prepare('SELECT from_account_id AS f, to_account_id AS t, amount_minor AS a, currency AS c FROM transactions WHERE import_id = ?')
    .all(importId) as { f: string | null; t: string | null; a: string; c: string }[];
  const ids = new Set(accountIds);
  const out: Record<string, bigint> = {};
  for (const r of rows) {
    const sign = BigInt((r.t && ids.has(r.t) ? 1 : 0) - (r.f && ids.has(r.f) ? 1 : 0));
    out[r.c] = (out[r.c] ?? 0n) + sign * BigInt(r.a);
  }
  // Fixture sums are small: numbers read better in the expectations.
  return Object.fromEntries(Object.entries(out).map(([c, v]) => [c, Number(v)]));
}

export function accountIdsOf(core: Core, caseId: string, identifiers: string[]): string[] {
  const norm = (s: string) => s.toUpperCase().replace(/[\s\-./]/g, '');
  const want = new Set(identifiers.map(norm));
  return (core.writer.sqlite.prepare('SELECT id, identifier_norm AS n FROM accounts WHERE case_id = ?').all(caseId) as { id: string; n: string }[])
    .filter((a) => want.has(a.n))
    .map((a) => a.id);
}

/** Writes a file into a temp dir and returns its path. */
export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}
