import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Core } from '../../../core/core.js';
import { proceeds } from '../../helpers/cli.js';
import { requireTool } from '../../helpers/tools.js';

/**
 * Issue 16: verification on open is remembered for unchanged content (core/audit/verified-cache.ts),
 * and a file edited with the sqlite3 shell after that is still caught before anything is written.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's21-verified-'));
const cacheDir = path.join(dir, 'home');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const open = (dbPath: string) => new Core({ dbPath, actor: { user: 'tester', agency: 'Agency A' }, verifiedCache: { dir: cacheDir } });

function reopen(dbPath: string) {
  const core = open(dbPath);
  const check = core.verifyOnOpen();
  return { core, check };
}

describe('verification on open, remembered', () => {
  const dbPath = path.join(dir, 'proceeds.sqlite');
  let txId = '';

  it('replays on the first open, not on an open of the same bytes, and notes what its own writes leave', async () => {
    const first = reopen(dbPath);
    expect(first.check).toMatchObject({ ok: true });
    expect(first.check.remembered).toBeUndefined();
    const c = await first.core.call('cases.create', { number: 'TF-VC-1', title: 'cached', status: 'open' });
    const account = (await first.core.call('accounts.create', { caseId: c.id, kind: 'bank', institution: 'First Bank', identifier: '0042', currency: 'USD' } as never)) as { id: string };
    txId = ((await first.core.call('transactions.create', {
      caseId: c.id, fromAccountId: account.id, amount: '1250.00', currency: 'USD', occurredAt: '2026-01-05', reference: 'hand-entered',
    } as never)) as { id: string }).id;
    first.core.close();

    const second = reopen(dbPath);
    expect(second.check).toMatchObject({ ok: true, remembered: true });
    second.core.close();
  });

  it('an edit with the sqlite3 shell after the note is replayed and caught: read-only, nothing written', async () => {
    const sqlite3 = requireTool('sqlite3');
    const r = spawnSync(sqlite3, [dbPath], {
      input: `DROP TRIGGER transactions_guard_update; UPDATE transactions SET amount_minor = amount_minor * 10 WHERE id = '${txId}';`,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    const { core, check } = reopen(dbPath);
    try {
      expect(check.ok).toBe(false);
      expect(check.remembered).toBeUndefined();
      expect(check.findings).toContainEqual(expect.stringContaining(`changed: transactions ${txId} amount_minor: expected 125000, found 1250000`));
      await expect(core.call('cases.create', { number: 'TF-VC-2', title: 'more' })).rejects.toMatchObject({ code: 'Forbidden' });
    } finally {
      core.close();
    }
    // Still caught on every later open: a failed check is never noted.
    const again = reopen(dbPath);
    again.core.close();
    expect(again.check).toMatchObject({ ok: false });
  });

  it('a note made under another key (the folder of the user replaced) does not pass the database', () => {
    const other = path.join(dir, 'other.sqlite');
    const o = reopen(other);
    o.core.close();
    const notes = path.join(cacheDir, 'verified');
    const [note] = fs.readdirSync(notes).map((f) => path.join(notes, f)).filter((f) => JSON.parse(fs.readFileSync(f, 'utf8')).db === path.resolve(other));
    fs.writeFileSync(path.join(cacheDir, 'verified.key'), Buffer.alloc(32));
    const after = reopen(other);
    after.core.close();
    expect(after.check.remembered).toBeUndefined();
    expect(fs.existsSync(note)).toBe(true);
  });

  it('the CLI remembers in PROCEEDS_HOME: a second read is not replayed, a tampered file still says READ-ONLY', () => {
    const home = path.join(dir, 'cli-home');
    const db = path.join(dir, 'cli.sqlite');
    const env = { PROCEEDS_HOME: home };
    expect(proceeds(['--db', db, 'case', 'create', '--number', 'TF-VC-3', '--title', 'cli'], { env }).status).toBe(0);
    // The create noted the bytes it left; a read of the same bytes does not replay, so it notes nothing new.
    const [note] = fs.readdirSync(path.join(home, 'verified')).map((f) => path.join(home, 'verified', f));
    const noted = fs.readFileSync(note, 'utf8');
    expect(proceeds(['--db', db, 'case', 'list'], { env }).stdout).toContain('TF-VC-3');
    expect(fs.readFileSync(note, 'utf8')).toBe(noted);
    const sqlite3 = requireTool('sqlite3');
    expect(spawnSync(sqlite3, [db], { input: "UPDATE cases SET title = 'forged';", encoding: 'utf8' }).stderr).toBe('');
    const read = proceeds(['--db', db, 'case', 'list'], { env });
    expect(read.stderr).toContain('open READ-ONLY');
  });
});
