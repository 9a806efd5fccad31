import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.js';

export type HubSchema = typeof schema;
export type HubDb = PgDatabase<PgQueryResultHKT, HubSchema>;

export interface HubConnection {
  db: HubDb;
  /** 'pglite' (embedded, PostgreSQL compiled to WebAssembly) or 'postgres' (a server at DATABASE_URL). */
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/** The hub's migrations; bundled, cli/proceeds.mjs says where they are (as for the desktop's). */
export function hubMigrationsFolder(): string {
  if (process.env.PROCEEDS_HUB_MIGRATIONS) return process.env.PROCEEDS_HUB_MIGRATIONS;
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
}

/**
 * Opens the hub's database and brings its schema up to date: PostgreSQL at `databaseUrl`, else the
 * embedded PGlite in `dataDir` (or in memory when neither is given: tests, a one-command trial).
 */
export async function openHubDb(o: { databaseUrl?: string; dataDir?: string }): Promise<HubConnection> {
  const migrationsFolder = hubMigrationsFolder();
  if (o.databaseUrl) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const pool = new pg.Pool({ connectionString: o.databaseUrl, max: 10 });
    // Fails here, loudly, when the server is not there: better than at the first request.
    await pool.query('SELECT 1');
    const db = drizzle(pool, { schema });
    await migrate(db, { migrationsFolder });
    return { db: db as unknown as HubDb, kind: 'postgres', close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (o.dataDir) fs.mkdirSync(o.dataDir, { recursive: true });
  const client = o.dataDir ? new PGlite(path.join(o.dataDir, 'pgdata')) : new PGlite();
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return { db: db as unknown as HubDb, kind: 'pglite', close: () => client.close() };
}

/** Rows of a raw query, whichever driver ran it (both answer `{ rows }`). */
export async function rowsOf<T>(db: HubDb, query: ReturnType<typeof sql>): Promise<T[]> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- HubDb is a union of two drivers whose execute() generics differ; their shared { rows } answer is asserted here once
  const r = (await db.execute(query)) as unknown as { rows: T[] };
  return r.rows;
}
