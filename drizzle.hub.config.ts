import { defineConfig } from 'drizzle-kit';

/** The hub's PostgreSQL schema and migrations (docs/hub.md), apart from the desktop's SQLite ones. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/hub/schema.ts',
  out: './db/hub/migrations',
});
