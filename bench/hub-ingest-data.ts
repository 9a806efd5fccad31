import fs from 'node:fs';
import path from 'node:path';
import { writeSyntheticLedger } from './synthetic-case.js';
import { Core } from '../core/core.js';
import { newId } from '../core/ids.js';
import { writeBundle } from '../core/bundle/export.js';
import { generateSigningKey, publicKeyText } from '../core/keys/secret-key.js';
import { trustedKeyFrom, type TrustedKey } from '../core/keys/keyring.js';

/**
 * One agency's signed bundle for the hub benchmark: a case of M transactions between its accounts
 * (a few of which the next agency holds too: the cross-agency matches), and seized assets. Rows go
 * into the desktop's SQLite with raw statements (test data, not the path measured); the bundle is
 * written by the desktop's bundle writer, signed by the agency's own key.
 */
export async function agencyBundle(dir: string, i: number, o: { transactions: number; accounts: number; assets: number; shared: number }): Promise<{ file: string; trusted: TrustedKey }> {
  const name = `Agency ${String(i).padStart(3, '0')}`;
  const home = path.join(dir, `agency-${i}`);
  fs.mkdirSync(home, { recursive: true });
  const core = new Core({ dbPath: path.join(home, 'desk.sqlite'), actor: { user: 'bench', agency: name } });
  try {
    const db = core.writer.sqlite;
    const caseId = newId();
    // Account k of agency i; the first `shared` of them are also the next agency's (i+1) accounts.
    const ident = (agency: number, k: number) => `XX${String(agency).padStart(4, '0')}${String(k).padStart(8, '0')}`;
    const accounts = Array.from({ length: o.accounts }, (_, k) => ({ id: newId(), identifier: k < o.shared && i > 0 ? ident(i - 1, o.accounts - 1 - k) : ident(i, k) }));
    db.exec('BEGIN');
    writeSyntheticLedger(db, { caseId, number: `HB-${i}`, title: 'Hub benchmark' }, accounts, o.transactions, (t) => `invoice ${t % 313}`);
    const asset = db.prepare("INSERT INTO assets (id, case_id, type, description, seized_on, status, currency, value_seized_minor) VALUES (?, ?, 'other', 'seized item', ?, ?, 'EUR', ?)");
    for (let k = 0; k < o.assets; k++) {
      const day = new Date(Date.UTC(2023, 0, 1) + (k % 365) * 86_400_000).toISOString().slice(0, 10);
      asset.run(newId(), caseId, day, k % 3 === 0 ? 'forfeited' : 'seized', String(1000 + ((k * 104_729) % 5_000_000)));
    }
    db.exec('COMMIT');
    // The desktop's writer with the key in hand: a key file's scrypt (seconds, by design) is not what is measured.
    const key = generateSigningKey(name);
    const file = path.join(dir, `bundle-${i}.zip`);
    await writeBundle({
      sqlite: db, dataDir: core.dataDir, caseId, scope: {}, recipients: ['region'], sealedTo: [], key, contact: `bench (${name})`,
      bundleId: newId(), createdAt: new Date().toISOString(), previousBundleId: null, out: file,
    });
    return { file, trusted: trustedKeyFrom(publicKeyText(key), { agencyName: name }) };
  } finally {
    core.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}
