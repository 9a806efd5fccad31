import type { Ctx } from '../context.js';
import { newId } from '../ids.js';
import { notFound } from '../errors.js';
import { CsvMapping } from './schemas.js';

interface MappingRow {
  id: string;
  name: string;
  header_signature: string;
  mapping: string;
  created_at: string;
}

/** The header, normalised, so the same bank layout is recognised next time. */
export const headerSignature = (header: string[]) =>
  header.map((h) => h.trim().toLowerCase().replace(/^\ufeff/, '').replace(/\s+/g, ' ')).join('\u001f');

const decode = (r: MappingRow) => ({
  id: r.id,
  name: r.name,
  headerSignature: r.header_signature,
  // Parsed again: a mapping saved by an older version gets today's defaults.
  mapping: CsvMapping.parse(JSON.parse(r.mapping)),
  createdAt: r.created_at,
});

export function listMappings(ctx: Ctx) {
  return (ctx.sqlite.prepare('SELECT * FROM csv_mappings ORDER BY name').all() as MappingRow[]).map(decode);
}

export function mappingByName(ctx: Ctx, name: string) {
  const r = ctx.sqlite.prepare('SELECT * FROM csv_mappings WHERE name = ?').get(name) as MappingRow | undefined;
  if (!r) throw notFound('saved mapping', name);
  return decode(r);
}

/** The most recently saved mapping for this header, if any. */
export function mappingForHeader(ctx: Ctx, header: string[]) {
  const r = ctx.sqlite
    .prepare('SELECT * FROM csv_mappings WHERE header_signature = ? ORDER BY created_at DESC LIMIT 1')
    .get(headerSignature(header)) as MappingRow | undefined;
  return r ? decode(r) : undefined;
}

/** Saves (or replaces) a mapping by name; audited. */
export function saveMapping(ctx: Ctx, name: string, header: string[], mapping: CsvMapping) {
  const before = ctx.sqlite.prepare('SELECT * FROM csv_mappings WHERE name = ?').get(name) as MappingRow | undefined;
  const row = { id: before?.id ?? newId(), name, header_signature: headerSignature(header), mapping: JSON.stringify(mapping), created_at: ctx.now() };
  if (before) ctx.sqlite.prepare('UPDATE csv_mappings SET header_signature = ?, mapping = ?, created_at = ? WHERE id = ?').run(row.header_signature, row.mapping, row.created_at, row.id);
  else ctx.sqlite.prepare('INSERT INTO csv_mappings (id, name, header_signature, mapping, created_at) VALUES (?, ?, ?, ?, ?)').run(row.id, row.name, row.header_signature, row.mapping, row.created_at);
  ctx.audit({ entity: 'csv_mapping', entityId: row.id, before: before ?? null, after: row });
  return decode(row);
}

export function deleteMapping(ctx: Ctx, name: string) {
  const before = ctx.sqlite.prepare('SELECT * FROM csv_mappings WHERE name = ?').get(name) as MappingRow | undefined;
  if (!before) throw notFound('saved mapping', name);
  ctx.sqlite.prepare('DELETE FROM csv_mappings WHERE id = ?').run(before.id);
  ctx.audit({ entity: 'csv_mapping', entityId: before.id, before });
  return { deleted: name };
}
