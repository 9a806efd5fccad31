import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** One drizzle project checked for drift: its migrations folder, dialect and schema entry. */
export interface DriftTarget { migrations: string; dialect: 'sqlite' | 'postgresql'; schema: string }

/**
 * Runs `drizzle-kit generate` against a copy of the migrations under `root` (drizzle-kit wants an
 * out folder relative to the working directory) and returns the files it wrote. `dropLast` removes
 * the newest migration first, as if it had never been generated: the schema is then ahead.
 */
export function generateInto(root: string, target: DriftTarget, name: string, dropLast = false): { newFiles: string[]; output: string } {
  const out = path.join(root, name);
  fs.cpSync(target.migrations, out, { recursive: true });
  if (dropLast) {
    const journalFile = path.join(out, 'meta/_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { idx: number; tag: string }[] };
    const last = journal.entries.pop()!;
    fs.rmSync(path.join(out, `${last.tag}.sql`));
    fs.rmSync(path.join(out, 'meta', `${String(last.idx).padStart(4, '0')}_snapshot.json`));
    fs.writeFileSync(journalFile, JSON.stringify(journal, null, 2));
  }
  const before = new Set(fs.readdirSync(out));
  const r = spawnSync(process.execPath, ['node_modules/drizzle-kit/bin.cjs', 'generate', '--dialect', target.dialect, '--schema', target.schema, '--out', out], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`drizzle-kit generate failed: ${r.stderr || r.stdout}`);
  return { newFiles: fs.readdirSync(out).filter((f) => !before.has(f)), output: r.stdout };
}
