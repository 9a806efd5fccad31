import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { callError, tempCore } from '../../helpers/core.js';
import { jointCase, vehicle } from '../assets/fixtures.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

async function seized() {
  const { core } = env;
  const { caseId } = await jointCase(core);
  const asset = await core.call('assets.create', vehicle(caseId));
  return { core, caseId, asset };
}

describe('chain of custody through the contract', () => {
  it('appends events to the audit chain; the table refuses edits and deletes are only by correction', async () => {
    env = tempCore();
    const { core, caseId, asset } = await seized();
    const r1 = await core.call('custody.add', { assetId: asset.id, kind: 'received', occurredAt: '2026-01-15T10:00', toCustodian: 'Det. Ruiz', witness: 'Sgt. Lee' });
    expect(r1.analysis.holder).toBe('Det. Ruiz');
    const r2 = await core.call('custody.add', { assetId: asset.id, kind: 'checked_out', occurredAt: '2026-02-01T09:00', toCustodian: 'ADA Chen', reason: 'suppression hearing' });
    expect(r2.analysis.gaps.map((g) => g.code)).toEqual(['open_checkout']);
    expect(() => env.core.writer.sqlite.prepare('UPDATE custody_events SET reason = ? WHERE id = ?').run('x', r1.event.id)).toThrow(/append-only/);
    const audit = await core.call('audit.list', { caseId });
    expect(audit.rows.filter((r) => r.entity === 'custody_event').map((r) => r.entity_id).sort()).toEqual([r1.event.id, r2.event.id].sort());
    const back = await core.call('custody.add', { assetId: asset.id, kind: 'checked_in', occurredAt: '2026-02-01T17:00', toCustodian: 'Det. Ruiz' });
    expect(back.analysis.unbroken).toBe(true);
    expect((await core.call('audit.verify', {})).ok).toBe(true);
  });

  it('refuses incomplete events, events before the seizure, and a second correction of the same event', async () => {
    env = tempCore();
    const { core, asset } = await seized();
    const t = await callError(core, 'custody.add', { assetId: asset.id, kind: 'transferred', occurredAt: '2026-01-16T10:00', toCustodian: 'Lab' });
    expect(t.issues).toEqual([{ path: 'fromCustodian', message: 'a transferred event must say who handed it over' }]);
    expect((await callError(core, 'custody.add', { assetId: asset.id, kind: 'checked_out', occurredAt: '2026-01-16', toCustodian: 'Lab' })).issues[0].path).toBe('reason');
    expect((await callError(core, 'custody.add', { assetId: asset.id, kind: 'received', occurredAt: '2026-01-14T10:00', toCustodian: 'A' })).issues[0].path).toBe('occurredAt');
    const first = await core.call('custody.add', { assetId: asset.id, kind: 'received', occurredAt: '2026-01-15T10:00', toCustodian: 'Det. Ruis' });
    await core.call('custody.add', { assetId: asset.id, kind: 'received', occurredAt: '2026-01-15T10:00', toCustodian: 'Det. Ruiz', correctsEventId: first.event.id, reason: 'name misspelt' });
    const again = await callError(core, 'custody.add', { assetId: asset.id, kind: 'correction', occurredAt: '2026-01-15T10:00', correctsEventId: first.event.id, reason: 'x' });
    expect(again.code).toBe('Conflict');
    expect((await core.call('custody.list', { assetId: asset.id })).events).toHaveLength(2);
  });

  it('writes the custody report as a printable page and as a PDF naming the gap', async () => {
    env = tempCore();
    const { core, asset } = await seized();
    await core.call('custody.add', { assetId: asset.id, kind: 'received', occurredAt: '2026-01-15T10:00', toCustodian: 'Det. Ruiz' });
    await core.call('custody.add', { assetId: asset.id, kind: 'stored', occurredAt: '2026-01-15T12:00', location: 'Impound lot 3', locker: 'Bay 7' });
    await core.call('custody.add', { assetId: asset.id, kind: 'transferred', occurredAt: '2026-03-01T09:00', fromCustodian: 'Det. Ruiz', toCustodian: 'US Marshals' });
    const html = await core.call('custody.report', { assetId: asset.id, format: 'html' }, { trusted: true });
    expect(html.unbroken).toBe(false);
    expect(html.html).toContain('US Marshals never recorded receiving it');
    expect(html.html).toContain('Impound lot 3, Bay 7');
    expect(html.html).not.toMatch(/<script/i);
    const pdf = await core.call('custody.report', { assetId: asset.id, format: 'pdf' }, { trusted: true });
    expect(pdf.name).toMatch(/^custody-TF-2026-010-.*\.pdf$/);
    expect(fs.readFileSync(pdf.path!).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdf.path!, '-'], { encoding: 'utf8' });
    expect(text).toContain('Chain of custody: 2022 Porsche Cayenne, black');
    expect(text).toContain('1 gap in the chain');
    expect(text).toMatch(/US Marshals never recorded\s+receiving it/);
    expect(text).toContain('transferred from Det. Ruiz to US Marshals');
    const untrusted = await core.call('custody.report', { assetId: asset.id, format: 'pdf' });
    expect(untrusted.path).toBeUndefined();
    expect(untrusted.outputId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the custody report in the four languages', () => {
  it('prints labels, verdict, event lines, status and money in Spanish, Portuguese and French, HTML and PDF', async () => {
    const env = tempCore('s20-americas-custody');
    try {
      const { core } = env;
      const c = await core.call('cases.create', { number: 'TF-2026-011', title: 'Operación Caimán', status: 'open' });
      const asset = await core.call('assets.create', { caseId: c.id, type: 'vehicle', description: 'Camioneta blindada', seizedOn: '2026-01-15', currency: 'MXN', valueSeized: '1234567.89', details: { make: 'Chevrolet', model: 'Suburban' } });
      await core.call('custody.add', { assetId: asset.id, kind: 'received', occurredAt: '2026-01-15T10:00', toCustodian: 'Agente Ruiz' });
      await core.call('custody.add', { assetId: asset.id, kind: 'transferred', occurredAt: '2026-03-01T09:00', fromCustodian: 'Agente Ruiz', toCustodian: 'FGR' });
      const sp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
      const es = (await core.call('custody.report', { assetId: asset.id, format: 'html', lang: 'es' }, { trusted: true })).html!;
      expect(es).toContain('<html lang="es">');
      expect(es).toContain('Cadena de custodia: Camioneta blindada');
      expect(es).toContain('1 interrupción en la cadena');
      expect(es).toContain('transferido de Agente Ruiz a FGR');
      expect(sp(es)).toContain('<dt>Valor al incautar</dt><dd>MXN 1,234,567.89</dd>'); // es-419 (CLDR) groups with commas and a decimal point
      expect(es).not.toMatch(/Value as seized|Entered by|gap\(s\)|Chain of custody/);
      const pt = (await core.call('custody.report', { assetId: asset.id, format: 'html', lang: 'pt-BR' }, { trusted: true })).html!;
      expect(pt).toContain('1 lacuna na cadeia');
      expect(sp(pt)).toContain('MX$ 1.234.567,89');
      const frPdf = await core.call('custody.report', { assetId: asset.id, format: 'pdf', lang: 'fr' }, { trusted: true });
      const text = sp(execFileSync('pdftotext', ['-layout', frPdf.path!, '-'], { encoding: 'utf8' }));
      expect(text).toContain('Chaîne de possession : Camioneta blindada');
      expect(text).toContain('1 rupture dans la chaîne');
      expect(text).toContain('Valeur à la saisie: 1 234 567,89 MXN');
      expect(text).toContain('transféré de Agente Ruiz à FGR');
      expect(text).not.toMatch(/Value as seized|Entered by|Generated/);
    } finally {
      env.cleanup();
    }
  });
});
