import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../../core/core.js';
import { randomKey, type DbKey } from '../../../db/cipher.js';
import { decryptStream, encryptStream, isEncryptedFile } from '../../../core/encryption/file-cipher.js';
import { exhibitPath } from '../../../core/exhibits/store.js';
import { desktopDatabaseKey, keyFileOf } from '../../../core/encryption/desktop-key.js';
import { safeStorageProtector } from '../../../core/keys/protection.js';
import { proceeds } from '../../helpers/cli.js';
import { itWithTool } from '../../helpers/tools.js';
import { jointCase } from '../assets/fixtures.js';

// Case text that must never appear in the bytes of any file at rest (what `strings` would find).
const MARKER = 'ZEBRA-MARKER-7731';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proceeds-atrest-'));
const dbPath = path.join(dir, 'case.sqlite');
const key: DbKey = randomKey();
let core: Core;
let caseId: string;
let exhibitSha: string;

const bytesOf = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f) : Buffer.alloc(0));
const leaks = (f: string) => bytesOf(f).includes(MARKER) || bytesOf(f).includes(Buffer.from(MARKER, 'utf16le'));
const digest = (f: string) => createHash('sha256').update(bytesOf(f)).digest('hex');
const sqliteShell = (f: string) => spawnSync('sqlite3', [f, 'SELECT count(*) FROM sqlite_master'], { encoding: 'utf8' });

beforeAll(async () => {
  core = new Core({ dbPath, key, actor: { user: 'tester', agency: 'Test Agency' } });
  ({ caseId } = await jointCase(core));
  await core.call('cases.update', { id: caseId, title: `${MARKER} case` });
  const src = path.join(dir, 'warrant.txt');
  fs.writeFileSync(src, `${MARKER} search warrant\n`.repeat(5000));
  exhibitSha = (await core.call('exhibits.add', { caseId, file: { path: src }, description: MARKER }, { trusted: true })).sha256;
  fs.rmSync(src);
});
afterAll(() => {
  core?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('encryption at rest', () => {
  it('leaves no case text in the database, its WAL, the exhibit store or a backup', async () => {
    expect(core.encrypted).toBe(true);
    const backup = path.join(dir, 'backup.sqlite');
    await core.call('db.backup', { to: backup }, { trusted: true });
    const stored = exhibitPath(core.dataDir, exhibitSha);
    expect(isEncryptedFile(stored)).toBe(true);
    for (const f of [dbPath, `${dbPath}-wal`, stored, backup]) expect(leaks(f), f).toBe(false);
    // The plain bytes are still what the app serves and verifies.
    expect((await core.call('exhibits.verify', { caseId })).ok).toBe(true);
    const opened = await core.call('exhibits.open', { id: (await core.call('exhibits.list', { caseId }))[0].id }, { trusted: true });
    expect(fs.readFileSync(opened.path!, 'utf8')).toContain(MARKER);
    fs.rmSync(path.dirname(opened.path!), { recursive: true });
  });

  itWithTool('sqlite3')('is not a database to the sqlite3 shell', () => {
    const r = sqliteShell(dbPath);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/file is not a database/);
  });

  it('refuses a wrong or missing key with a clear message and leaves the files as they were', () => {
    core.close();
    try {
      const before = [dbPath, `${dbPath}-wal`, `${dbPath}-shm`].map(digest);
      expect(() => new Core({ dbPath, key: randomKey() })).toThrow(/wrong passphrase or key/);
      expect(() => new Core({ dbPath })).toThrow(/is encrypted .*passphrase or key/);
      expect([dbPath, `${dbPath}-wal`, `${dbPath}-shm`].map(digest)).toEqual(before);
    } finally {
      core = new Core({ dbPath, key });
    }
  });

  it('changes the key: the new one opens, the old one no longer does, exhibits stay readable', async () => {
    const next = randomKey();
    const r = await core.changeKey(next);
    expect(r.done).toBe('rekeyed');
    expect((await core.call('exhibits.verify', { caseId })).ok).toBe(true);
    // Back in WAL after the rekey (which needs the rollback journal).
    expect(core.writer.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    core.close();
    expect(() => new Core({ dbPath, key })).toThrow(/wrong passphrase or key/);
    core = new Core({ dbPath, key: next });
    expect((await core.call('cases.list', {})).map((c) => c.title)).toContain(`${MARKER} case`);
    Object.assign(key, next);
  });

  it('restores an encrypted backup', async () => {
    const backup = path.join(dir, 'before-draft.sqlite');
    await core.call('db.backup', { to: backup }, { trusted: true });
    const r = await core.call('db.restore', { backup: { path: backup } }, { trusted: true });
    expect(r.check.ok).toBe(true);
    expect(core.encrypted).toBe(true);
    expect(leaks(dbPath)).toBe(false);
    expect((await core.call('exhibits.verify', { caseId })).ok).toBe(true);
  });

  it('encrypts a plain database and its exhibit store in place (proceeds db encrypt)', async () => {
    const plainDir = fs.mkdtempSync(path.join(dir, 'plain-'));
    const plainDb = path.join(plainDir, 'p.sqlite');
    let plain = new Core({ dbPath: plainDb });
    try {
      const { caseId: c } = await jointCase(plain);
      const src = path.join(plainDir, 'note.txt');
      fs.writeFileSync(src, `${MARKER} note`);
      const { sha256 } = await plain.call('exhibits.add', { caseId: c, file: { path: src } }, { trusted: true });
      fs.rmSync(src);
      expect(leaks(exhibitPath(plain.dataDir, sha256))).toBe(true);
      const k = randomKey();
      const r = await plain.changeKey(k);
      expect(r).toMatchObject({ done: 'encrypted', filesEncrypted: 1 });
      expect(plain.encrypted).toBe(true);
      expect((await plain.call('exhibits.verify', { caseId: c })).ok).toBe(true);
      plain.close();
      for (const f of fs.readdirSync(plainDir, { recursive: true }).map((f) => path.join(plainDir, String(f)))) if (fs.statSync(f).isFile()) expect(leaks(f), f).toBe(false);
      plain = new Core({ dbPath: plainDb, key: k });
      expect(plain.encrypted).toBe(true);
    } finally {
      plain.close();
    }
  });

  it('the CLI reads the passphrase from a file descriptor, and refuses a wrong one', () => {
    const cliDb = path.join(dir, 'cli.sqlite');
    const created = proceeds(['--db', cliDb, '--passphrase-fd', '0', 'case', 'create', '--number', 'TF-1', '--title', MARKER], { input: 'correct horse\n' });
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/created case TF-1/);
    expect(leaks(cliDb)).toBe(false);
    const wrong = proceeds(['--db', cliDb, '--passphrase-fd', '0', 'case', 'list'], { input: 'wrong horse\n' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toMatch(/wrong passphrase or key/);
  });
});

describe('desktop key (sealed by the OS keychain, beside the database)', () => {
  // A stand-in for Electron's safeStorage: what it seals only it opens (here: a fixed XOR pad).
  const pad = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ (0x5a + i) % 256));
  const ss = { isEncryptionAvailable: () => true, encryptString: (s: string) => pad(Buffer.from(s)), decryptString: (b: Buffer) => pad(b).toString() };
  const keychain = safeStorageProtector(ss, 'darwin');

  it('creates a sealed key for a new database, finds it again, and refuses an encrypted database without it', async () => {
    const deskDb = path.join(dir, 'desk', 'proceeds.sqlite');
    const k1 = await desktopDatabaseKey(deskDb, keychain);
    expect(k1?.raw).toHaveLength(32);
    expect(bytesOf(keyFileOf(deskDb)).includes(k1!.raw.toString('base64'))).toBe(false);
    new Core({ dbPath: deskDb, key: k1 }).close();
    const k2 = await desktopDatabaseKey(deskDb, keychain);
    expect(k2!.raw.equals(k1!.raw)).toBe(true);
    fs.renameSync(keyFileOf(deskDb), `${keyFileOf(deskDb)}.aside`);
    await expect(desktopDatabaseKey(deskDb, keychain)).rejects.toThrow(/key file .* is missing/);
    // A plain database stays plain: no key is made for it.
    const plainDb = path.join(dir, 'desk', 'plain.sqlite');
    new Core({ dbPath: plainDb }).close();
    expect(await desktopDatabaseKey(plainDb, keychain)).toBeUndefined();
  });
});

describe('file cipher (AES-256-GCM in chunks)', () => {
  const cipher = { key: randomKey().raw };
  const seal = (b: Buffer, chunk: number) => buffer(Readable.from([b]).pipe(encryptStream(cipher, chunk)));
  const open = (b: Buffer) => buffer(Readable.from([b]).pipe(decryptStream(cipher)));

  it('round-trips any length, and refuses a changed, cut or extended file', async () => {
    for (const n of [0, 1, 16, 17, 100]) {
      const plain = Buffer.from('x'.repeat(n));
      expect((await open(await seal(plain, 16))).equals(plain)).toBe(true);
    }
    const sealed = await seal(Buffer.from('a'.repeat(64)), 16);
    const flipped = Buffer.from(sealed);
    flipped[40] ^= 1;
    await expect(open(flipped)).rejects.toThrow(/does not authenticate/);
    // Cut at a chunk boundary: the last chunk left is not marked final.
    await expect(open(sealed.subarray(0, 28 + 32 * 2))).rejects.toThrow(/does not authenticate/);
    await expect(open(Buffer.concat([sealed, Buffer.alloc(1)]))).rejects.toThrow(/does not authenticate/);
  });
});
