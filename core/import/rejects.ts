import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify';
import { formulaSafe } from '../csv-safe.js';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { newOutput } from '../files.js';
import { newId } from '../ids.js';

export interface ImportRecord {
  id: string;
  caseId: string;
  fileName: string;
  fileSha256: string;
  fileSize: number;
  format: string;
  mapping: unknown;
  accountId: string | null;
  importedCount: number;
  duplicateCount: number;
  rejectedCount: number;
  skippedCount: number;
  actor: string;
  startedAt: string;
  finishedAt: string | null;
}

const SELECT_IMPORT = `SELECT i.id, i.case_id AS caseId, i.file_name AS fileName, i.file_sha256 AS fileSha256, i.file_size AS fileSize,
  i.format, i.mapping, i.account_id AS accountId, i.imported_count AS importedCount, i.duplicate_count AS duplicateCount,
  i.rejected_count AS rejectedCount, (SELECT count(*) FROM import_rejects r WHERE r.import_id = i.id AND r.kind = 'skipped') AS skippedCount,
  i.actor, i.started_at AS startedAt, i.finished_at AS finishedAt FROM imports i`;

const decode = (r: ImportRecord & { mapping: string }): ImportRecord => ({ ...r, mapping: JSON.parse(r.mapping) });

export function listImports(ctx: Ctx, caseId: string): ImportRecord[] {
  return (ctx.sqlite.prepare(`${SELECT_IMPORT} WHERE i.case_id = ? ORDER BY i.started_at DESC`).all(caseId) as (ImportRecord & { mapping: string })[]).map(decode);
}

export function getImport(ctx: Ctx, id: string): ImportRecord {
  const r = ctx.sqlite.prepare(`${SELECT_IMPORT} WHERE i.id = ?`).get(id) as (ImportRecord & { mapping: string }) | undefined;
  if (!r) throw notFound('import', id);
  return decode(r);
}

export interface RejectRow {
  line: number;
  kind: string;
  reason: string;
  raw: string;
}

export function listRejects(ctx: Ctx, importId: string, kind: string | undefined, offset: number, limit: number) {
  getImport(ctx, importId);
  const where = kind ? 'import_id = ? AND kind = ?' : 'import_id = ?';
  const args = kind ? [importId, kind] : [importId];
  const rows = ctx.sqlite.prepare(`SELECT line, kind, reason, raw FROM import_rejects WHERE ${where} ORDER BY line, rowid LIMIT ? OFFSET ?`).all(...args, limit, offset) as RejectRow[];
  const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM import_rejects WHERE ${where}`).get(...args) as { n: number }).n;
  return { rows, total };
}

/**
 * Writes every reject, duplicate and skipped row of an import to a CSV in the outbox (line, kind,
 * reason, raw), streamed so a large report never sits in memory; returns the output id to download.
 */
export async function exportRejects(ctx: Ctx, importId: string, dest?: string) {
  const imp = getImport(ctx, importId);
  const name = `${path.parse(imp.fileName).name}-rejects.csv`;
  // The outbox file is encrypted at rest for an encrypted database (core/files.ts newOutput).
  const out = dest ? undefined : newOutput(ctx, name);
  const outputId = out?.outputId ?? newId();
  const file = dest ?? out!.path;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Pages, not one open cursor: the read connection stays free for other queries while this streams.
  const page = ctx.sqlite.prepare('SELECT line, kind, reason, raw FROM import_rejects WHERE import_id = ? ORDER BY line, rowid LIMIT 5000 OFFSET ?');
  const records = Readable.from((function* () {
    for (let offset = 0; ; offset += 5000) {
      const rows = page.all(importId, offset) as RejectRow[];
      for (const r of rows) yield [r.line, r.kind, r.reason, r.raw];
      if (rows.length < 5000) return;
    }
  })());
  await pipeline(records, stringify({ header: true, columns: ['line', 'kind', 'reason', 'raw'], cast: { string: formulaSafe } }), fs.createWriteStream(file));
  return { outputId: dest ? null : outputId, name, path: ctx.trusted ? file : undefined, rows: imp.rejectedCount + imp.duplicateCount + imp.skippedCount };
}
