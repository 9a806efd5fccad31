import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../core/core.js';
import { GUARDED } from '../../../db/guards.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('evidence guards and the stored tree survive what later versions and old files do', () => {
  it('the migration and the start-up check put a guard on every evidence table; a dropped one comes back at start', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guards-'));
    dirs.push(dir);
    const dbPath = path.join(dir, 'p.sqlite');
    new Core({ dbPath }).close();
    const names = () => {
      const raw = new Database(dbPath, { readonly: true });
      const all = new Set(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]);
      raw.close();
      return all;
    };
    const want = GUARDED.flatMap(([t, ops]) => ops.map((op) => `${t}_guard_${op.toLowerCase()}`));
    expect(want.filter((n) => !names().has(n))).toEqual([]);
    // What a table rebuild by a later migration does to its triggers.
    spawnSync('sqlite3', [dbPath, 'DROP TRIGGER transactions_guard_update; DROP TRIGGER bundles_guard_delete;']);
    expect(names().has('transactions_guard_update')).toBe(false);
    new Core({ dbPath }).close();
    expect(names().has('transactions_guard_update') && names().has('bundles_guard_delete')).toBe(true);
  });

  it('a log from before the Merkle tree gets its tree at the next start, and verifies', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tree-'));
    dirs.push(dir);
    const dbPath = path.join(dir, 'p.sqlite');
    const core = new Core({ dbPath, actor: { user: 'tester', agency: 'A' } });
    for (let i = 0; i < 11; i++) await core.call('agencies.create', { name: `Agency ${i}`, code: `AG${i}` });
    const root = (await core.call('audit.verify', {})).tree.root;
    core.close();
    spawnSync('sqlite3', [dbPath, 'DELETE FROM audit_tree;']);
    const again = new Core({ dbPath, actor: { user: 'tester', agency: 'A' } });
    const report = await again.call('audit.verify', {});
    again.close();
    expect(report.ok).toBe(true);
    expect(report.tree).toMatchObject({ ok: true, size: 11, storedSize: 11, root });
  });
});
