import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../core/core.js';
import { restoreDatabase } from '../../core/restore/restore.js';
import { tempCore } from '../helpers/core.js';
import { PASSPHRASE, makeAgency } from '../unit/bundle/helpers.js';

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

  it('the running core restores a kept backup through the contract: it closes, installs, reopens; reads meanwhile wait, none fails', async () => {
    env = tempCore('restore-core');
    await env.core.call('cases.create', { number: 'TF-1', title: 'Before the backup' });
    const kept = await env.core.call('db.backup', { keep: true });
    expect(kept.outputId).toBeUndefined();
    await env.core.call('cases.create', { number: 'TF-2', title: 'After the backup' });
    const list = await env.core.call('db.backups', {});
    expect(list.map((b) => b.name)).toEqual([kept.name]);

    const check = await env.core.call('db.checkBackup', { backup: { name: kept.name } });
    expect(check.ok).toBe(true);
    expect(check.chain?.ok).toBe(true);
    expect(check.tree?.ok).toBe(true);
    expect(check.sha256).toBe(sha(path.join(env.dir, 'proceeds-data', 'backups', kept.name)));
    // Checking left nothing beside the database.
    expect(fs.readdirSync(env.dir).filter((x) => x.includes('restore'))).toEqual([]);

    // Queries issued while the file is swapped (the core's connections closed) wait for the reopen,
    // then read the restored file.
    let reads: Promise<string[]>[] = [];
    const r = await env.core.call('db.restore', { backup: { name: kept.name } }, {
      onProgress: (p) => {
        if (p.phase === 'restoring') reads = Array.from({ length: 20 }, () => numbers(env!.core));
      },
    });
    expect(reads).toHaveLength(20);
    expect(r.installedSha256).toBe(check.sha256);
    for (const got of await Promise.all(reads)) expect(got).toEqual(['TF-1']);
    expect(await numbers(env.core)).toEqual(['TF-1']);
    // Writes go on in the restored file, and its log is whole with the restore in it.
    await env.core.call('cases.create', { number: 'TF-3', title: 'After the restore' });
    expect(await numbers(env.core)).toEqual(['TF-1', 'TF-3']);
    const audit = await env.core.call('audit.verify', {});
    expect(audit.ok).toBe(true);
    const methods = env.core.reader.sqlite.prepare('SELECT method FROM audit_log ORDER BY seq').pluck().all();
    expect(methods.slice(-2)).toEqual(['db.restore', 'cases.create']);
    const old = new Core({ dbPath: r.keptAs!, create: false, dataDir: path.join(env.dir, 'kept-data') });
    expect(await numbers(old)).toEqual(['TF-1', 'TF-2']);
    old.close();
  });

  it('a restore refused (a damaged backup uploaded) leaves the open database as it was, still open', async () => {
    env = tempCore('restore-refused');
    await env.core.call('cases.create', { number: 'TF-1', title: 'Only' });
    const bad = path.join(env.dir, 'not-a-backup.sqlite');
    fs.writeFileSync(bad, 'date,amount\n2024-01-01,1.00\n');
    const err = await env.core.call('db.restore', { backup: { path: bad } }, { trusted: true }).catch((e) => e);
    expect(err.code).toBe('Invalid');
    expect(err.message).toContain('cannot be restored');
    expect(await numbers(env.core)).toEqual(['TF-1']);
    await env.core.call('cases.create', { number: 'TF-2', title: 'Still writable' });
    // A renderer may not name a path, only a kept backup or an upload.
    expect((await env.core.call('db.restore', { backup: { path: bad } }).catch((e) => e)).code).toBe('Forbidden');
  });

  it("signed checkpoints: the backup's own are checked, the current file's last one is compared, and goes aside with the old file", async () => {
    env = tempCore('restore-cp');
    const agency = await makeAgency(env.dir, 'Agency A');
    const key = await env.core.call('keys.import', { keyFile: fs.readFileSync(agency.keyFile, 'utf8'), passphrase: PASSPHRASE });
    await env.core.call('cases.create', { number: 'TF-1', title: 'One' });
    const early = await env.core.call('audit.checkpoint', { keyId: key.id, passphrase: PASSPHRASE });
    const kept = await env.core.call('db.backup', { keep: true });
    await env.core.call('cases.create', { number: 'TF-2', title: 'Two' });
    const late = await env.core.call('audit.checkpoint', { keyId: key.id, passphrase: PASSPHRASE });
    expect(fs.readFileSync(`${env.dbPath}.checkpoint`, 'utf8')).toBe(late.note);

    const check = await env.core.call('db.checkBackup', { backup: { name: kept.name } });
    expect(check.ok).toBe(true);
    expect(check.checkpoints.map((c) => [c.size, c.ok])).toEqual([[early.size, true]]);
    expect(check.current).toMatchObject({ size: late.size, extends: false });
    expect(check.current?.message).toContain('older than the current database');

    const r = await env.core.call('db.restore', { backup: { name: kept.name } });
    // The restored log verifies (the newer checkpoint belongs to the file kept aside, and went with it).
    expect((await env.core.call('audit.verify', {})).ok).toBe(true);
    expect(fs.readFileSync(`${r.keptAs}.checkpoint`, 'utf8')).toBe(late.note);
    const after = JSON.parse(env.core.reader.sqlite.prepare("SELECT after FROM audit_log WHERE method = 'db.restore'").pluck().get() as string);
    expect(after.replacedCheckpoint).toMatchObject({ size: late.size, keptAs: `${r.keptAs}.checkpoint` });

    // A backup with a tampered checkpoint of its own is refused.
    const tampered = path.join(env.dir, 'tampered.sqlite');
    fs.copyFileSync(path.join(env.dir, 'proceeds-data', 'backups', kept.name), tampered);
    const t = new Database(tampered);
    // Its stored checkpoint replaced by one signed at a size its log never reached.
    t.prepare('UPDATE audit_checkpoints SET note = ?').run(late.note);
    t.close();
    const bad = await env.core.call('db.checkBackup', { backup: { path: tampered } }, { trusted: true });
    expect(bad.ok).toBe(false);
    expect(bad.problems.join()).toMatch(/signed checkpoint of \d+ entries fails/);
  });
});

