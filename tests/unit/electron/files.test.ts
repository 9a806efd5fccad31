import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newOutput, resolveFile } from '../../../core/files.js';
import { OUTBOX_STALE_MS, stageLocalFile } from '../../../electron/files.js';
import { perTest, rejection } from '../../electron/desktop-chain.js';

const t = perTest();

describe('staging a chosen file', () => {
  it('copies it where the core looks for staged files, so later edits to the original do not reach it', async () => {
    const chain = await t.chain();
    const src = path.join(chain.dir, 'ledger.csv');
    fs.writeFileSync(src, 'date,amount\n2024-03-07,10.00\n');
    const staged = await stageLocalFile(chain.dataDir, src);
    fs.appendFileSync(src, 'tampered\n');
    const resolved = resolveFile({ dataDir: chain.dataDir, trusted: false }, { staged: staged.staged });
    expect(resolved.name).toBe('ledger.csv');
    expect(fs.readFileSync(resolved.path, 'utf8')).toBe('date,amount\n2024-03-07,10.00\n');
  });
});

describe('saving an output', () => {
  it('copies the outbox file where the user chose', async () => {
    const chain = await t.chain();
    const out = newOutput(chain.dataDir, 'case-TF-1.bundle.zip');
    fs.writeFileSync(out.path, 'PK\u0003\u0004 bundle bytes');
    const target = path.join(chain.downloads, 'chosen.zip');
    chain.mock.state.dialog.saveResults.push({ canceled: false, filePath: target });
    expect(await chain.proceeds.saveOutput(out.outputId, 'case-TF-1.bundle.zip')).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe('PK\u0003\u0004 bundle bytes');
    expect(chain.mock.state.dialog.calls[0].options.defaultPath).toBe(path.join(chain.downloads, 'case-TF-1.bundle.zip'));
    // Saved, it leaves the outbox (case data must not linger there), its folder too.
    expect(fs.existsSync(path.dirname(out.path))).toBe(false);
    expect(await rejection(chain.proceeds.saveOutput(out.outputId, 'case-TF-1.bundle.zip'))).toMatchObject({ code: 'NotFound' });
  });

  it('saves each file of a two-file output (bundle and .minisig) by name, and removes the folder after the last', async () => {
    const chain = await t.chain();
    const out = newOutput(chain.dataDir, 'case.zip.age');
    const sig = path.join(path.dirname(out.path), 'case.zip.minisig');
    fs.writeFileSync(out.path, 'age-encryption.org/v1\n sealed');
    fs.writeFileSync(sig, 'untrusted comment: signature');
    chain.mock.state.dialog.saveResults.push({ canceled: false, filePath: path.join(chain.downloads, 'case.zip.minisig') });
    expect(await chain.proceeds.saveOutput(out.outputId, 'case.zip.minisig')).toBe(true);
    expect(fs.readFileSync(path.join(chain.downloads, 'case.zip.minisig'), 'utf8')).toBe('untrusted comment: signature');
    expect(fs.readdirSync(path.dirname(out.path))).toEqual(['case.zip.age']);
    chain.mock.state.dialog.saveResults.push({ canceled: false, filePath: path.join(chain.downloads, 'case.zip.age') });
    expect(await chain.proceeds.saveOutput(out.outputId, 'case.zip.age')).toBe(true);
    expect(fs.readFileSync(path.join(chain.downloads, 'case.zip.age'), 'utf8')).toBe('age-encryption.org/v1\n sealed');
    expect(fs.existsSync(path.dirname(out.path))).toBe(false);
  });

  it('sweeps outputs older than a day before each save; younger ones and cancelled saves stay', async () => {
    const chain = await t.chain();
    const stale = newOutput(chain.dataDir, 'old.csv');
    fs.writeFileSync(stale.path, 'old case data');
    const old = new Date(Date.now() - OUTBOX_STALE_MS - 60_000);
    fs.utimesSync(path.dirname(stale.path), old, old);
    const young = newOutput(chain.dataDir, 'young.csv');
    fs.writeFileSync(young.path, 'recent');
    const mine = newOutput(chain.dataDir, 'mine.csv');
    fs.writeFileSync(mine.path, 'a,b\n');
    expect(await chain.proceeds.saveOutput(mine.outputId, 'mine.csv')).toBe(false); // cancelled
    expect(fs.existsSync(path.dirname(stale.path))).toBe(false);
    expect(fs.readFileSync(young.path, 'utf8')).toBe('recent');
    expect(fs.readFileSync(mine.path, 'utf8')).toBe('a,b\n');
  });

  it('saves nothing when cancelled, and names the problem for an unknown or malformed output', async () => {
    const chain = await t.chain();
    const out = newOutput(chain.dataDir, 'report.csv');
    fs.writeFileSync(out.path, 'a,b\n');
    expect(await chain.proceeds.saveOutput(out.outputId, 'report.csv')).toBe(false);
    expect(fs.readdirSync(chain.downloads)).toEqual([]);
    expect(await rejection(chain.proceeds.saveOutput('0198aaaa-0000-7000-8000-000000000000', 'x.csv'))).toMatchObject({ code: 'NotFound', issues: [{ path: 'outputId' }] });
    expect(await rejection(chain.proceeds.saveOutput('../../etc', 'x.csv'))).toMatchObject({ code: 'Invalid', issues: [{ path: 'outputId' }] });
    // The suggested name cannot steer the default path out of the downloads folder.
    chain.mock.state.dialog.saveResults.push({ canceled: true, filePath: '' });
    await chain.proceeds.saveOutput(out.outputId, '../../.bashrc');
    expect(chain.mock.state.dialog.calls.at(-1)!.options.defaultPath).toBe(path.join(chain.downloads, '.bashrc'));
  });
});
