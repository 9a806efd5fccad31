import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../core/core.js';
import { tempCore } from '../../helpers/core.js';
import { makeAgency, PASSPHRASE } from '../bundle/helpers.js';

let env: ReturnType<typeof tempCore>;
let core: Core | undefined;
afterEach(() => {
  core?.close();
  env?.cleanup();
});

describe('custody reports name the person from the profile and print the signed checkpoint', () => {
  it('in the HTML and in the PDF', async () => {
    env = tempCore('report');
    // A core without an actor override: who is working comes from the profile alone.
    core = new Core({ dbPath: env.dbPath });
    expect((await core.call('settings.profile', {})).configured).toBe(false);
    await core.call('settings.setProfile', { user: 'Ana Souza', agency: 'Polícia Federal', role: 'evidence officer' });
    const demo = await core.call('demo.load', { seed: 7 });
    const agency = await makeAgency(env.dir, 'Agency A');
    const cp = await core.call('audit.checkpoint', { keyFile: agency.keyFile, passphrase: PASSPHRASE }, { trusted: true });
    const assetId = core.reader.sqlite.prepare('SELECT id FROM assets WHERE case_id = ? ORDER BY id LIMIT 1').pluck().get(demo.caseId) as string;
    const html = (await core.call('custody.report', { assetId, format: 'html' })).html!;
    expect(html).toContain('by Ana Souza (evidence officer), Polícia Federal.');
    expect(html).toContain(`Signed audit checkpoint: ${cp.size} entries, root ${cp.fingerprint}`);
    const pdf = await core.call('custody.report', { assetId, format: 'pdf' }, { trusted: true });
    const text = spawnSync('pdftotext', [pdf.path!, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Ana Souza (evidence officer), Polícia Federal');
    expect(text).toContain(`root ${cp.fingerprint}`);
    const rows = core.reader.sqlite.prepare("SELECT DISTINCT actor FROM audit_log WHERE entity <> 'profile'").pluck().all();
    expect(rows).toEqual(['Ana Souza']);
    await core.call('custody.add', {
      assetId, kind: 'stored', occurredAt: '2099-01-01T10:00', fromCustodian: '', toCustodian: 'Evidence room', location: 'HQ', locker: 'L-7', reason: 'audit', witness: '',
    });
    expect(core.reader.sqlite.prepare("SELECT actor FROM custody_events WHERE locker = 'L-7'").pluck().get()).toBe('Ana Souza');
    expect(fs.existsSync(pdf.path!)).toBe(true);
  });
});
