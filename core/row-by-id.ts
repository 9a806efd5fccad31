import { eq } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Ctx } from './context.js';
import { notFound, type Thing } from './errors.js';

type WithId = SQLiteTable & { id: SQLiteColumn };

/** One row by its id, typed as drizzle infers it, or NotFound naming what was looked for. */
export function rowById<T extends WithId>(ctx: Pick<Ctx, 'db'>, table: T, what: Thing, id: string): T['$inferSelect'] {
  const row = ctx.db.select().from(table as SQLiteTable).where(eq(table.id, id)).get();
  if (!row) throw notFound(what, id);
  return row;
}
