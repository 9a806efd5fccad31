import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Core } from '../../core/core.js';
import { openDatabase } from '../../db/connection.js';
import { proceeds } from '../helpers/cli.js';

let dir: string;
const cores: Core[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open-guard-'));
});
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const openError = (file: string, opts: Parameters<typeof openDatabase>[1] = {}) => {
  try {
    openDatabase(file, opts).close();
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error(`${file} opened`);
};
const core = (dbPath: string, opts: Partial<ConstructorParameters<typeof Core>[0]> = {}) => {
  const c = new Core({ dbPath, actor: { user: 't', agency: 'T' }, ...opts });
  cores.push(c);
  return c;
};

describe('a wrong path creates nothing', () => {
  it('a missing file is refused with its path when the caller may not create; nothing appears', () => {
    const file = path.join(dir, 'typo.sqlite');
    const err = openError(file, { create: false });
    expect(err.code).toBe('NotFound');
    expect(err.message).toContain(`no database at ${file}`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a missing folder is named and not made, even for a creating command outside the default location', () => {
    const file = path.join(dir, 'no', 'such', 'x.sqlite');
    expect(openError(file, { create: false }).message).toContain(`the folder ${path.dirname(file)} does not exist`);
    expect(openError(file, { create: true, createFolder: false }).message).toContain('does not exist');
    expect(fs.readdirSync(dir)).toEqual([]);
    openDatabase(file, { create: true, createFolder: true }).close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('folders, devices and FIFOs are refused by type, before anything reads them', () => {
    expect(openError(dir).message).toBe(`${dir} is a folder, not a database file`);
    expect(openError('/dev/zero').message).toBe('/dev/zero is a device, not a database file');
    const fifo = path.join(dir, 'pipe.sqlite');
    execFileSync('mkfifo', [fifo]);
    expect(openError(fifo).message).toContain('is a named pipe (FIFO), not a database file');
  });
});

describe('foreign and damaged files are named and left as they are', () => {
  it('a text file, a zip and another application\'s SQLite file are refused, unchanged', () => {
    const text = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(text, 'date,amount\n2024-01-01,3\n');
    expect(openError(text).message).toContain('is not a Proceeds database: it is not an SQLite file');
    const zip = path.join(dir, 'bundle.sqlite');
    fs.writeFileSync(zip, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200)]));
    expect(openError(zip).message).toContain('it is a zip archive');
    const other = path.join(dir, 'firefox.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)');
    db.close();
    const before = sha(other);
    const err = openError(other);
    expect(err.message).toContain('is an SQLite database of another application');
    expect(sha(other)).toBe(before);
    expect(fs.existsSync(`${other}-wal`)).toBe(false);
  });

  it('garbage in the middle of a page is found at open: "file damaged", restore from a backup', async () => {
    const file = path.join(dir, 'p.sqlite');
    const c = core(file);
    for (let i = 0; i < 40; i++) await c.call('cases.create', { number: `TF-${i}`, title: 'x'.repeat(250) });
    c.close();
    cores.pop();
    const fd = fs.openSync(file, 'r+');
    const pageSize = 4096;
    const pages = fs.statSync(file).size / pageSize;
    // Overwrite the middle of the last few pages (b-tree pages, not the header).
    for (let p = pages - 4; p < pages; p++) fs.writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, p * pageSize + 1000);
    fs.closeSync(fd);
    let err: { message: string } | undefined;
    try {
      core(file);
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).toMatch(/^file damaged: .*p\.sqlite .*restore it from a backup/s);
  });

  it('the CLI names a damaged file the same way on every command; a file too big for the check at open is caught by audit verify', async () => {
    const file = path.join(dir, 'p.sqlite');
    const c = core(file);
    for (let i = 0; i < 40; i++) await c.call('cases.create', { number: `TF-${i}`, title: 'x'.repeat(250) });
    // Damage only the audit log's pages: listing cases does not read them.
    c.writer.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const pages = c.writer.sqlite.prepare("SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf'").pluck().all() as number[];
    c.close();
    cores.pop();
    const fd = fs.openSync(file, 'r+');
    for (const p of pages) fs.writeSync(fd, Buffer.alloc(1024, 0xa5), 0, 1024, (p - 1) * 4096 + 1500);
    fs.closeSync(fd);
    const cli = (args: string[], env: Record<string, string> = {}) => proceeds(['--db', file, ...args], { env });
    for (const args of [['case', 'list'], ['totals'], ['audit', 'verify']]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).not.toBe(0);
      expect(r.stderr, args.join(' ')).toMatch(/file damaged: .*p\.sqlite .*restore it from a backup/s);
    }
    // Past the size limit of the check at open: the file opens, case list answers from sound pages,
    // and audit verify (quick_check) says the file is damaged and where to go.
    const big = { PROCEEDS_QUICK_CHECK_MAX_BYTES: '1000' };
    const list = cli(['case', 'list'], big);
    expect(list.status, list.stderr).toBe(0);
    const verify = cli(['audit', 'verify'], big);
    expect(verify.status).toBe(1);
    expect(verify.stdout + verify.stderr).toContain('file damaged');
    expect(verify.stdout + verify.stderr).toContain('proceeds restore BACKUP');
  }, 300_000);

  it('a database written by a newer version opens read-only: reads answer, writes are refused with the reason', async () => {
    const file = path.join(dir, 'p.sqlite');
    const c = core(file);
    await c.call('cases.create', { number: 'TF-1', title: 'Old' });
    c.writer.sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('from-the-future', Date.now() + 10 * 365 * 86400_000);
    c.close();
    cores.pop();
    const before = sha(file);
    const newer = core(file);
    expect(newer.readonlyReason).toContain('was written by a newer version of Proceeds');
    expect((await newer.call('cases.list', {})).map((x) => x.number)).toEqual(['TF-1']);
    const err = await newer.call('cases.create', { number: 'TF-2', title: 'New' }).catch((e) => e);
    expect(err.code).toBe('Forbidden');
    expect(err.message).toContain('newer version');
    newer.close();
    cores.pop();
    expect(sha(file)).toBe(before);
  });
});
