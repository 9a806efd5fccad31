import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Core } from '../../../core/core.js';
import { keyFromPassphrase } from '../../../db/cipher.js';

/** Issue 12: the passphrase changes through the contract (Settings); a wrong current one touches nothing. */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proceeds-rekey-'));
const dbPath = path.join(dir, 'case.sqlite');
let core = new Core({ dbPath, key: keyFromPassphrase(dbPath, 'old passphrase 1'), actor: { user: 'Ana Torres', agency: 'Test Agency' } });
afterAll(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('db.changeKey through the contract', () => {
  it('refuses a wrong current passphrase and changes nothing', async () => {
    await core.call('cases.create', { number: 'TF-K1', title: 'Key change' });
    expect(await core.call('db.encryption', {})).toEqual({ encrypted: true, keySource: 'passphrase' });
    const auditRows = () => core.reader.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const before = auditRows();
    await expect(core.call('db.changeKey', { mode: 'passphrase', current: 'not it at all', next: 'new passphrase 2' })).rejects.toThrow(/current passphrase is wrong; nothing was changed/);
    await expect(core.call('db.changeKey', { mode: 'passphrase', current: 'old passphrase 1', next: 'short' })).rejects.toThrow(/at least 8/);
    await expect(core.call('db.changeKey', { mode: 'rotate' })).rejects.toThrow(/change the passphrase instead/);
    // Nothing recorded, and the old passphrase still opens the file (closing it only folded the WAL back).
    expect(auditRows()).toBe(before);
    core.close();
    core = new Core({ dbPath, key: keyFromPassphrase(dbPath, 'old passphrase 1'), actor: { user: 'Ana Torres', agency: 'Test Agency' } });
  });

  it('changes it: the database reopens with the new passphrase and not the old one; the change is audited', async () => {
    const r = await core.call('db.changeKey', { mode: 'passphrase', current: 'old passphrase 1', next: 'new passphrase 2' });
    // The open core carries on with the new key.
    expect((await core.call('cases.list', {})).map((c) => c.number)).toEqual(['TF-K1']);
    core.close();
    expect(() => new Core({ dbPath, key: keyFromPassphrase(dbPath, 'old passphrase 1') })).toThrow(/wrong passphrase or key/);
    core = new Core({ dbPath, key: keyFromPassphrase(dbPath, 'new passphrase 2') });
    const row = core.reader.sqlite.prepare('SELECT method, actor FROM audit_log WHERE seq = ?').get(r.auditSeq);
    expect(row).toEqual({ method: 'db.rekey', actor: 'Ana Torres' });
  });
});
