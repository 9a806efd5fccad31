import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { proceeds } from '../../helpers/cli.js';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A subpoenaed German export whose header the detector cannot map alone (two date columns, "Info" text). */
const GIRO = [
  'Auftragskonto;Buchungstag;Valutadatum;Info;Betrag;Waehrung',
  'DE89370400440532013000;01.03.24;02.03.24;Miete;-750,00;EUR',
  'DE89370400440532013000;05.03.24;05.03.24;Gehalt;2.500,00;EUR',
].join('\n') + '\n';

describe('proceeds import: mapping a CSV without the wizard, exit codes that tell the truth', () => {
  it('--map with --date-format and --decimal imports; the mapping saved, exported and imported again as JSON for --mapping-file', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-map-'));
    const db = path.join(dir, 'p.sqlite');
    const file = path.join(dir, 'giro.csv');
    fs.writeFileSync(file, GIRO);
    expect(proceeds(['--db', db, 'case', 'create', '--number', 'TF-M', '--title', 'Map']).status).toBe(0);
    const r = proceeds(['--db', db, '--json', 'import', file, '--case', 'TF-M', '--account', 'DE89370400440532013000',
      '--map', 'date=Buchungstag,value_date=Valutadatum,amount=Betrag,currency=Waehrung,description=Info', '--date-format', 'DD.MM.YY', '--decimal', ',',
      '--sign', 'credit-positive', '--save-mapping', 'Giro']);
    expect(r.status).toBe(0);
    const out = r.json();
    expect(out).toMatchObject({ ok: true, imported: 2, rejected: [], sign: { convention: 'credit-positive', guessed: false } });

    const exported = path.join(dir, 'giro-mapping.json');
    expect(proceeds(['--db', db, 'imports', 'mappings', 'export', 'Giro', '--out', exported]).status).toBe(0);
    const json = JSON.parse(fs.readFileSync(exported, 'utf8'));
    expect(json).toMatchObject({ name: 'Giro', mapping: { dateFormat: 'DD.MM.YY', decimal: ',', thousands: '.', columns: { date: 1, valueDate: 2, amount: 4, currency: 5, description: [3] } } });

    // Another machine: the mapping comes in from the file, and the same layout imports with --mapping-file alone.
    const db2 = path.join(dir, 'q.sqlite');
    expect(proceeds(['--db', db2, 'case', 'create', '--number', 'TF-N', '--title', 'Other']).status).toBe(0);
    expect(proceeds(['--db', db2, 'imports', 'mappings', 'import', exported]).status).toBe(0);
    const list = proceeds(['--db', db2, '--json', 'imports', 'mappings', 'list']).json();
    expect(list.map((m: { name: string }) => m.name)).toEqual(['Giro']);
    const again = proceeds(['--db', db2, '--json', 'import', file, '--case', 'TF-N', '--account', 'DE89370400440532013000', '--mapping-file', exported]);
    expect(again.status).toBe(0);
    expect(again.json()).toMatchObject({ imported: 2 });
  });

  it('a file whose every row is rejected exits 3 with the reason in the JSON; an unknown column in --map is an error naming it', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-exit-'));
    const db = path.join(dir, 'p.sqlite');
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, 'date,from_account,to_account,amount,currency\n2024-01-01,A,,1.00,EUR\n2024-01-02,,B,1.00,EUR\n');
    proceeds(['--db', db, 'case', 'create', '--number', 'TF-X', '--title', 'Exit']);
    const r = proceeds(['--db', db, '--json', 'import', file, '--case', 'TF-X']);
    expect(r.status).toBe(3);
    expect(r.json()).toMatchObject({ ok: false, imported: 0, reason: 'nothing imported: all 2 row(s) were rejected' });
    expect(r.stderr).toMatch(/warning: nothing imported/);

    const giro = path.join(dir, 'giro.csv');
    fs.writeFileSync(giro, GIRO);
    const wrong = proceeds(['--db', db, '--json', 'import', giro, '--case', 'TF-X', '--map', 'date=Datum,amount=Betrag']);
    expect(wrong.status).toBe(1);
    expect(JSON.parse(wrong.stderr).error.issues[0]).toMatchObject({ path: 'map.date', message: expect.stringMatching(/no column "Datum" in the header/) });
  });
});
