import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { callError, tempCore } from '../../helpers/core.js';
import { proceeds } from '../../helpers/cli.js';
import { MAX_MINOR } from '../../../core/money.js';
import { jointCase } from './fixtures.js';

/**
 * 1,000,000 ETH is 10^24 wei: past 2^53 (a JavaScript number keeps 1,000,000 ETH but not one wei
 * more) and past SQLite's INTEGER (9.2 x 10^18). A second asset of 1 wei makes the total 10^24 + 1,
 * which any trip through floating point rounds away.
 */
let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

const WEI = '1000000000000000000000000';
const TOTAL = '1000000000000000000000001';
const move = (core: typeof env.core, assetId: string, to: string, occurredOn: string) =>
  core.call('assets.transition', { assetId, to, occurredOn, orderReference: `ORD-${to}` });

describe('an asset of 1,000,000 ETH (10^24 wei)', () => {
  it('round-trips exactly through create, list, totals, the dashboard, sharing, the CLI and the custody report', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId, fed } = await jointCase(core, 'TF-ETH', [1, 1, 1]);
    const eth = await core.call('assets.create', {
      caseId, type: 'crypto', description: 'Cold wallet', seizedOn: '2026-01-10', currency: 'ETH', valueSeized: '1000000',
      seizingAgencyId: fed.id, details: { asset: 'ETH', amount: '1000000', wallet: '0x52908400098527886E0F7030069857D2E4169EE7' },
    });
    const dust = await core.call('assets.create', {
      caseId, type: 'crypto', description: 'Dust', seizedOn: '2026-01-10', currency: 'ETH', valueSeized: '0.000000000000000001',
      details: { asset: 'ETH', amount: '0.000000000000000001', wallet: '0xdust' },
    });
    expect(eth.valueSeizedMinor).toBe(WEI);
    expect(dust.valueSeizedMinor).toBe('1');
    expect((await core.call('assets.get', { id: eth.id })).netMinor).toBe(WEI);
    expect((await core.call('assets.list', { caseId })).map((a) => a.valueSeizedMinor)).toEqual([WEI, '1']);
    // The database holds the text itself, not a REAL or a clamped INTEGER.
    const stored = core.reader.sqlite.prepare('SELECT typeof(value_seized_minor) AS t, value_seized_minor AS v FROM assets WHERE id = ?').get(eth.id);
    expect(stored).toEqual({ t: 'text', v: WEI });

    for (const a of [eth, dust]) {
      await move(core, a.id, 'pending_forfeiture', '2026-02-01');
      await move(core, a.id, 'forfeited', '2026-03-01');
    }
    const totals = await core.call('dashboard.totals', {});
    expect(totals.byCurrency.ETH).toMatchObject({ count: 2, seizedMinor: TOTAL, netMinor: TOTAL, netProceedsMinor: TOTAL });
    const converted = await core.call('dashboard.totals', { convert: { to: 'USD', rates: [{ from: 'ETH', rate: '3000.25' }] } });
    expect(converted.conversion!.totals.seizedMinor).toBe('300025000000'); // 3,000,250,000.00 USD; the wei rounds away half-even
    const drill = await core.call('dashboard.assets', { sort: 'valueSeized', desc: true });
    expect(drill.rows.map((r) => r.valueSeizedMinor)).toEqual([WEI, '1']);
    const series = await core.call('dashboard.series', {});
    expect(series.find((p) => p.status === 'forfeited')!.valueMinor).toBe(TOTAL);
    const sharing = await core.call('dashboard.sharing', {});
    expect(sharing.byAgency.reduce((s, a) => s + BigInt(a.shareMinor), 0n).toString()).toBe(TOTAL);
    const d = await core.call('sharing.compute', { assetId: eth.id });
    // Equal hours: 10^24 / 3 leaves one wei, which goes to the first by agency code.
    expect(d.shares.map((s) => s.shareMinor).sort()).toEqual(['333333333333333333333333', '333333333333333333333333', '333333333333333333333334']);
    expect((await core.call('sharing.list', { assetId: eth.id }))[0].netMinor).toBe(WEI);

    const html = await core.call('custody.report', { assetId: eth.id, format: 'html' }, { trusted: true });
    expect(html.html).toMatch(/ETH\s1,000,000\.000000000000000000/);
    const pdf = await core.call('custody.report', { assetId: eth.id, format: 'pdf' }, { trusted: true });
    expect(execFileSync('pdftotext', ['-layout', pdf.path!, '-'], { encoding: 'utf8' })).toMatch(/ETH\s1,000,000\.000000000000000000/);

    // The command line reads the same database (WAL: the core's committed writes are visible to it).
    const db = ['--db', env.dbPath];
    const json = proceeds([...db, '--json', 'totals', '--currency', 'ETH']);
    expect(json.status).toBe(0);
    expect(json.json().byCurrency.ETH.seizedMinor).toBe(TOTAL);
    expect(json.stdout).toContain(`"seizedMinor": "${TOTAL}"`);
    const listed = proceeds([...db, 'asset', 'list', '--case', 'TF-ETH']);
    expect(listed.stdout).toContain('1000000.000000000000000000 ETH');
    // Keeping it current from the command line: one wei too fine is refused on its field; an exact appraisal is kept to the wei.
    const tooFine = proceeds([...db, '--json', 'asset', 'values', dust.id, '--costs', '0.0000000000000000001']);
    expect(tooFine.status).toBe(1);
    expect(JSON.parse(tooFine.stderr).error.issues[0].path).toBe('costs');
    const appraised = proceeds([...db, 'asset', 'values', eth.id, '--appraised', '1000000.000000000000000007', '--appraised-on', '2026-02-01', '--appraiser', 'Chain Analytics']);
    expect(appraised.stdout).toContain('net 1000000.000000000000000007 ETH');
  }, 120_000);

  it('refuses more decimals than the currency has and amounts past MAX_MINOR, naming the field', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId } = await jointCase(core, 'TF-BAD', [1, 1, 1]);
    const base = { caseId, type: 'other', description: 'x', seizedOn: '2026-01-10', currency: 'ETH' };
    const tooFine = await callError(core, 'assets.create', { ...base, valueSeized: '1.0000000000000000001' });
    expect(tooFine.issues).toEqual([{ path: 'valueSeized', message: '"1.0000000000000000001": ETH has 18 decimal places, not 19' }]);
    const tooBig = await callError(core, 'assets.create', { ...base, currency: 'CLP', valueSeized: (MAX_MINOR + 1n).toString() });
    expect(tooBig.issues[0].path).toBe('valueSeized');
    expect(tooBig.issues[0].message).toMatch(/too large/);
    const ok = await core.call('assets.create', { ...base, currency: 'CLP', valueSeized: MAX_MINOR.toString() });
    expect(ok.valueSeizedMinor).toBe(MAX_MINOR.toString());
    const usd = await core.call('assets.create', { ...base, currency: 'USD', valueSeized: '100.00' });
    const costs = await callError(core, 'assets.update', { id: usd.id, costs: '12.345' });
    expect(costs.issues).toEqual([{ path: 'costs', message: '"12.345": USD has 2 decimal places, not 3' }]);
    const lien = await callError(core, 'assets.update', { id: usd.id, deductions: '1' + '0'.repeat(40) });
    expect(lien.issues[0].path).toBe('deductions');
    await move(core, usd.id, 'pending_forfeiture', '2026-02-01');
    await move(core, usd.id, 'forfeited', '2026-03-01');
    const sold = await callError(core, 'assets.transition', { assetId: usd.id, to: 'sold', occurredOn: '2026-04-01', orderReference: 'S', valueRealised: '5.001' });
    expect(sold.issues[0].path).toBe('valueRealised');
    // Nothing half-written: the asset is as it was.
    expect((await core.call('assets.get', { id: usd.id })).costsMinor).toBe('0');
  });
});
