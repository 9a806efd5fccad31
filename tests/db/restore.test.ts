import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../core/core.js';
import { restoreDatabase } from '../../core/restore/restore.js';
import { tempCore } from '../helpers/core.js';

let env: ReturnType<typeof tempCore> | undefined;
afterEach(() => {
  env?.cleanup();
  env = undefined;
});

const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const numbers = async (c: Core) => (await c.call('cases.list', {})).map((x) => x.number).sort();

async function withBackup() {
  env = tempCore('restore');
  await env.core.call('cases.create', { number: 'TF-1', title: 'Before the backup' });
  const backup = path.join(env.dir, 'backup.sqlite');
  await env.core.call('db.backup', { to: backup }, { trusted: true });
  await env.core.call('cases.create', { number: 'TF-2', title: 'After the backup' });
  return { env, backup };
}

describe('proceeds restore', () => {
  it('refuses while another connection has the database open; nothing changes', async () => {
    const { env, backup } = await withBackup();
    const err = await restoreDatabase({ dbPath: env.dbPath, backup }).catch((e) => e);
    expect(err.code).toBe('Busy');
    expect(err.message).toContain('is open in another process');
    expect(err.message).toContain('nothing was changed');
    expect(await numbers(env.core)).toEqual(['TF-1', 'TF-2']);
    expect(fs.readdirSync(env.dir).filter((f) => f.includes('restore'))).toEqual([]);
  });

  it('installs the backup byte for byte, keeps the current file aside, audits the restore', async () => {
    const { env, backup } = await withBackup();
    env.core.close();
    const r = await restoreDatabase({ dbPath: env.dbPath, backup, actor: { user: 'tester', agency: 'T' } });
    expect(r.installedSha256).toBe(sha(backup));
    expect(r.check.chain?.ok).toBe(true);
    env.core = new Core({ dbPath: env.dbPath, create: false });
    expect(await numbers(env.core)).toEqual(['TF-1']);
    const audit = await env.core.call('audit.verify', {});
    expect(audit.ok).toBe(true);
    const last = env.core.writer.sqlite.prepare('SELECT method, entity, after FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { method: string; after: string };
    expect(last.method).toBe('db.restore');
    expect(JSON.parse(last.after).backupSha256).toBe(sha(backup));
    // The database as it was, kept whole beside it.
    const kept = new Core({ dbPath: r.keptAs!, create: false, dataDir: path.join(env.dir, 'kept-data') });
    expect(await numbers(kept)).toEqual(['TF-1', 'TF-2']);
    kept.close();
  });

  it('a stale -wal of a crashed run is not applied to the restored file', async () => {
    const { env, backup } = await withBackup();
    // A crash leaves the WAL with the last commits beside the file.
    const wal = fs.readFileSync(`${env.dbPath}-wal`);
    env.core.close();
    fs.writeFileSync(`${env.dbPath}-wal`, wal);
    const r = await restoreDatabase({ dbPath: env.dbPath, backup });
    env.core = new Core({ dbPath: env.dbPath, create: false });
    expect(await numbers(env.core)).toEqual(['TF-1']);
    expect((await env.core.call('audit.verify', {})).ok).toBe(true);
    expect(r.keptAs).toBeDefined();
  });

  it('refuses a damaged backup, a foreign file and a broken audit chain; the database is untouched', async () => {
    const { env, backup } = await withBackup();
    env.core.close();
    const before = sha(env.dbPath);
    const tries: [string, RegExp][] = [];

    const damaged = path.join(env.dir, 'damaged.sqlite');
    const bytes = fs.readFileSync(backup);
    for (let p = 2; p < bytes.length / 4096; p++) bytes.fill(0x5a, p * 4096 + 200, p * 4096 + 900);
    fs.writeFileSync(damaged, bytes);
    tries.push([damaged, /damaged|malformed/]);

    const foreign = path.join(env.dir, 'foreign.sqlite');
    const f = new Database(foreign);
    f.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY)');
    f.close();
    tries.push([foreign, /another application/]);

    const edited = path.join(env.dir, 'edited.sqlite');
    fs.copyFileSync(backup, edited);
    const e = new Database(edited);
    for (const t of e.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]) e.exec(`DROP TRIGGER "${t.name}"`);
    e.exec("UPDATE audit_log SET actor = 'someone else'");
    e.close();
    tries.push([edited, /audit chain is broken at row 1/]);

    tries.push([env.dir, /is a folder, not a file/]);
    for (const [file, message] of tries) {
      const err = await restoreDatabase({ dbPath: env.dbPath, backup: file }).catch((x) => x);
      expect(err.message, file).toMatch(message);
    }
    expect(sha(env.dbPath)).toBe(before);
    expect(fs.readdirSync(env.dir).filter((x) => x.includes('restore'))).toEqual([]);
    env.core = new Core({ dbPath: env.dbPath, create: false });
  });
});
