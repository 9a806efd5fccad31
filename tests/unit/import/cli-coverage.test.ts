import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proceeds } from '../../helpers/cli.js';

/**
 * Issue 10 through the real `proceeds` command: what the CLI says about the sign of a card export,
 * about a statement with a missing page, and how it exits when an import commits nothing. One
 * database for the file (each step reads what the one before left).
 */
let dir: string;
let db: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-coverage-'));
  db = path.join(dir, 'p.sqlite');
  expect(proceeds(['--db', db, 'case', 'create', '--number', 'TF-COV', '--title', 'Coverage']).status).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const statement = (seq: string, opening: string, lines: string[], closing: string) => [':20:STMT' + seq, ':25:NL91ABNA0417164300', ':28C:' + seq, `:60F:${opening}`, ...lines, `:62F:${closing}`, '-'];

describe('proceeds import and imports coverage', () => {
  it('prints each statement as reconciled, the coverage strip with the break and its amount (exit 4); the same file again commits nothing and exits 3', () => {
    const file = path.join(dir, 'pages.sta');
    // Page 1: 1,284.56 - 50.00 = 1,234.56. Page 2 opens at 1,034.56: 200.00 left on a page we do not have; + 10.00 = 1,044.56.
    fs.writeFileSync(file, [
      ...statement('1', 'C240330EUR1284,56', [':61:2403310331D50,00NTRFA', ':86:a'], 'C240331EUR1234,56'),
      ...statement('2', 'C240401EUR1034,56', [':61:2404010401C10,00NTRFB', ':86:b'], 'C240401EUR1044,56'),
    ].join('\n') + '\n');
    const r = proceeds(['--db', db, 'import', file, '--case', 'TF-COV']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^imported 2 transaction\(s\)/);
    expect(r.stdout.match(/statement NL91ABNA0417164300 .*: reconciles \(opening \+ rows = closing\)/g)).toHaveLength(2);

    const cov = proceeds(['--db', db, '--json', 'imports', 'coverage', '--case', 'TF-COV']);
    expect(cov.status).toBe(4);
    expect(cov.json()).toEqual([expect.objectContaining({ identifier: 'NL91ABNA0417164300', currency: 'EUR', statements: 2, verified: false })]);
    expect(cov.json()[0].events).toContainEqual(
      expect.objectContaining({ kind: 'break', amount: '-20000', text: 'between 2024-03-31 (closing 1234.56) and 2024-04-01 (opening 1034.56): 200.00 unexplained - a missing page?' }),
    );

    // A copy saved again (other bytes, the same rows) commits nothing; the exit code and the JSON say so.
    const copy = path.join(dir, 'pages-copy.sta');
    fs.writeFileSync(copy, fs.readFileSync(file, 'utf8') + '\n');
    const again = proceeds(['--db', db, '--json', 'import', copy, '--case', 'TF-COV']);
    expect(again.status).toBe(3);
    expect(again.json()).toMatchObject({ ok: false, imported: 0, duplicates: 2, reason: 'nothing imported: all 2 row(s) are duplicates of transactions already in the case' });
  });

  it('says which evidence decided the sign of a card export and warns when it is a guess; --strict refuses the guess and commits nothing', () => {
    const file = path.join(dir, 'card.csv');
    fs.writeFileSync(file, ['Card Transactions Date,Description,Amount', '2024-06-01,GROCER,54.20', '2024-06-02,FUEL,40.00'].join('\n') + '\n');
    const strict = proceeds(['--db', db, 'import', file, '--case', 'TF-COV', '--account', 'CARD-9', '--currency', 'USD', '--strict']);
    expect(strict.status).not.toBe(0);
    expect(strict.stderr).toMatch(/sign of the amounts is a guess/);
    const r = proceeds(['--db', db, 'import', file, '--case', 'TF-COV', '--account', 'CARD-9', '--currency', 'USD']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/sign: debit-positive \(GUESSED: card statement header/);
    expect(r.stderr).toMatch(/warning: the sign of the amounts is a guess: card statement header/);
    // Both purchases are money out of the card: 54.20 + 40.00.
    const sqlite = new Database(db, { readonly: true });
    const rows = sqlite
      .prepare("SELECT t.amount_minor AS amount, t.from_account_id = a.id AS out FROM transactions t JOIN accounts a ON a.identifier = 'CARD-9' WHERE t.currency = 'USD' ORDER BY t.seq")
      .all();
    sqlite.close();
    expect(rows).toEqual([{ amount: '5420', out: 1 }, { amount: '4000', out: 1 }]);
  });
});
