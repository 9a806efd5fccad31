import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { proceeds } from '../../helpers/cli.js';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('proceeds asset / custody / exhibit / totals commands', () => {
  it('seizes, moves, keeps custody, attaches, verifies and totals from the command line', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-assets-'));
    const db = ['--db', path.join(dir, 'p.sqlite')];
    const ok = (args: string[]) => {
      const r = proceeds([...db, ...args]);
      if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
      return r;
    };
    ok(['case', 'create', '--number', 'TF-C', '--title', 'CLI case']);
    const car = ok(['--json', 'asset', 'add', '--case', 'TF-C', '--type', 'vehicle', '--description', 'Cayenne', '--seized-on', '2026-01-15',
      '--value', '68000.00', '--currency', 'USD', '--detail', 'make=Porsche', '--detail', 'model=Cayenne', '--detail', 'year=2022']).json();
    const cash = ok(['--json', 'asset', 'add', '--case', 'TF-C', '--type', 'cash', '--description', 'Bag', '--seized-on', '2026-01-15',
      '--value', '12500', '--currency', 'EUR', '--detail', 'denominations=100x121,20x20']).json();
    expect(cash.details.denominations).toEqual([{ denomination: '100', count: 121 }, { denomination: '20', count: 20 }]);

    const wrong = proceeds([...db, '--json', 'asset', 'status', car.id, 'forfeited', '--on', '2026-02-01', '--order', 'X']);
    expect(wrong.status).toBe(1);
    expect(JSON.parse(wrong.stderr).error.message).toBe('cannot move an asset from seized to forfeited; allowed from seized: pending_forfeiture, returned, released');
    ok(['asset', 'status', car.id, 'pending_forfeiture', '--on', '2026-02-01', '--order', 'NOTICE-1']);
    ok(['asset', 'status', car.id, 'forfeited', '--on', '2026-03-01', '--order', 'ORDER-2']);

    ok(['custody', 'add', car.id, 'received', '--at', '2026-01-15T10:00', '--to', 'Det. Ruiz']);
    ok(['custody', 'add', car.id, 'checked_out', '--at', '2026-02-01T09:00', '--to', 'ADA Chen', '--reason', 'court']);
    const out = path.join(dir, 'custody.pdf');
    const report = proceeds([...db, 'custody', 'report', car.id, '--out', out]);
    expect(report.status).toBe(1); // a gap: exit 1, and it is named
    expect(report.stdout).toContain('checked out to ADA Chen on 2026-02-01 09:00 (court); never returned');
    expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })).toContain('1 gap in the chain');

    const file = path.join(dir, 'warrant.txt');
    fs.writeFileSync(file, 'SW-2026-0042');
    expect(ok(['exhibit', 'add', file, '--case', 'TF-C', '--target', `asset:${car.id}`]).stdout).toMatch(/sha256 [0-9a-f]{64}/);
    expect(ok(['exhibit', 'verify']).stdout).toMatch(/all 1 stored files match/);

    const totals = ok(['--json', 'totals']).json();
    expect(totals.rows.map((r: { status: string; currency: string; seizedMinor: string }) => [r.status, r.currency, r.seizedMinor])).toEqual([
      ['seized', 'EUR', '1250000'], ['forfeited', 'USD', '6800000'],
    ]);
    expect(totals.byCurrency.USD.netProceedsMinor).toBe('6800000');
    expect(totals.sharing.skipped[0].reason).toMatch(/no participating agencies/);
    const converted = ok(['--json', 'totals', '--convert-to', 'USD', '--rate', 'EUR=1.08']).json();
    expect(converted.conversion.totals.seizedMinor).toBe(String(6_800_000 + 1_350_000));
    expect(ok(['--json', 'totals', '--from', '2026-02-01']).json().rows).toEqual([]);
    expect(ok(['totals', '--currency', 'USD']).stdout).toMatch(/forfeited\s+1\s+seized\s+68000\.00/);
  }, 240_000); // about fifteen child processes, each opening the database: minutes on a loaded shared machine
});
