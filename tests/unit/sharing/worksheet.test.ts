import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callError, tempCore } from '../../helpers/core.js';
import { itWithTool } from '../../helpers/tools.js';
import { jointCase, vehicle } from '../assets/fixtures.js';

/**
 * One joint case (FED lead, STATE, CITY), one vehicle forfeited on 2026-03-01 under order FO-7:
 * each agency's DAG-71 factors are saved, refused when stale, listed against the 45-day deadline,
 * and exported in three formats read back by other readers.
 */
let env: ReturnType<typeof tempCore>;
let ids: Awaited<ReturnType<typeof jointCase>>;
let pdfFile = '';
beforeAll(async () => {
  env = tempCore();
  ids = await jointCase(env.core);
  const a = await env.core.call('assets.create', vehicle(ids.caseId));
  await env.core.call('assets.transition', { assetId: a.id, to: 'pending_forfeiture', occurredOn: '2026-02-01', orderReference: 'NOTICE-1' });
  await env.core.call('assets.transition', { assetId: a.id, to: 'forfeited', occurredOn: '2026-03-01', orderReference: 'FO-7' });
});
afterAll(() => env?.cleanup());

const factors = () => ({
  caseId: ids.caseId, agencyId: ids.state.id, workHours: 320, originatedInformation: true, uniqueAssistance: 'Wiretap room and analysts',
  foreignAssistance: '', other: '=SUM(A1) surveillance', requestedShareBps: 3000, submittedOn: '2026-03-20',
});

describe('equitable-sharing worksheet', () => {
  it('starts each agency at the hours the case records, with shares recorded and projected apart', async () => {
    const w = await env.core.call('sharing.worksheet', { caseId: ids.caseId });
    expect(w.lines.map((l) => [l.code, l.workHours, l.saved])).toEqual([
      [ids.city.code, 200, false], [ids.fed.code, 500, false], [ids.state.code, 300, false],
    ]);
    // 68,000.00 net, hours 500/300/200: nothing recorded yet, all projected.
    expect(w.lines.find((l) => l.code === ids.state.code)!.shares).toEqual([{ currency: 'USD', recordedMinor: '0', projectedMinor: '2040000' }]);
  });

  it('reports every wrong field at once, in words', async () => {
    const e = await callError(env.core, 'sharing.worksheetSave', { ...factors(), workHours: -3, requestedShareBps: 12000, submittedOn: '2026-02-30' });
    expect(e.issues.map((i) => i.path).sort()).toEqual(['requestedShareBps', 'submittedOn', 'workHours']);
    expect(e.message).toMatch(/work hours cannot be negative.*cannot exceed 100%.*not a real date/s);
  });

  it('saves, audits, and refuses a stale save with both versions shown', async () => {
    const line = await env.core.call('sharing.worksheetSave', { ...factors(), ifUnchangedSince: null });
    expect(line).toMatchObject({ workHours: 320, originatedInformation: true, requestedShareBps: 3000, saved: true });
    const audit = (await env.core.call('audit.list', { caseId: ids.caseId })).rows.filter((r) => r.entity === 'sharing_worksheet');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(String(audit[0].after))).toMatchObject({ work_hours: 320, unique_assistance: 'Wiretap room and analysts' });
    // A second editor opened the line before that save (token null): refused, nothing written.
    const stale = await callError(env.core, 'sharing.worksheetSave', { ...factors(), workHours: 900, ifUnchangedSince: null });
    expect(stale.code).toBe('Conflict');
    expect(stale.message).toContain('workHours: saved 320, yours 900');
    const w = await env.core.call('sharing.worksheet', { caseId: ids.caseId });
    expect(w.lines.find((l) => l.agencyId === ids.state.id)!.workHours).toBe(320);
    // The hours are the participant's too: the projection follows (68,000.00 x 320 / 1,020 hours).
    const participant = (await env.core.call('cases.get', { id: ids.caseId })).participants.find((p) => p.agencyId === ids.state.id)!;
    expect(participant.hours).toBe(320);
    expect(w.lines.find((l) => l.agencyId === ids.state.id)!.shares[0].projectedMinor).toBe('2133333');
  });

  it('lists the DAG-71 due 45 days after the forfeiture order: submitted, due with days left, overdue', async () => {
    const on = (asOf: string) => env.core.call('sharing.deadlines', { filters: { caseId: ids.caseId }, asOf });
    const early = await on('2026-04-10');
    expect(early.map((d) => [d.agencyCode, d.orderReference, d.dueOn, d.state, d.daysLeft])).toEqual([
      [ids.city.code, 'FO-7', '2026-04-15', 'due', 5],
      [ids.fed.code, 'FO-7', '2026-04-15', 'due', 5],
      [ids.state.code, 'FO-7', '2026-04-15', 'submitted', 5],
    ]);
    const late = await on('2026-04-20');
    expect(late.filter((d) => d.state === 'overdue').map((d) => d.agencyCode)).toEqual([ids.city.code, ids.fed.code]);
    // "Participating agency" narrows whose requests are listed.
    const mine = await env.core.call('sharing.deadlines', { filters: { participantAgencyId: ids.city.id }, asOf: '2026-04-20' });
    expect(mine.map((d) => d.agencyCode)).toEqual([ids.city.code]);
  });

  it('exports CSV (no formula), XLSX and PDF with the factors and the deadlines', async () => {
    // As the renderer asks: no path, each file lands in the outbox under its id.
    const files: Record<string, string> = {};
    for (const format of ['csv', 'xlsx', 'pdf'] as const) {
      const r = await env.core.call('sharing.worksheetExport', { caseId: ids.caseId, format });
      files[format] = path.join(env.core.dataDir, 'outbox', r.outputId!, r.name);
    }
    pdfFile = files.pdf;
    const out = (f: string) => files[f];
    const csv = fs.readFileSync(out('csv'), 'utf8');
    expect(csv).toContain('Wiretap room and analysts');
    expect(csv).toContain("'=SUM(A1) surveillance"); // a cell never starts a formula
    expect(csv).toMatch(/FO-7,2026-03-01,1,2026-04-15/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out('xlsx'));
    const factorsSheet = book.getWorksheet('Factors')!;
    expect(factorsSheet.getRow(1).values).toContain('Originated the information');
    const stateRow = factorsSheet.getRows(2, 3)!.find((r) => r.getCell(2).value === ids.state.code)!;
    expect([stateRow.getCell(4).value, stateRow.getCell(5).value, stateRow.getCell(9).value]).toEqual(['320', 'yes', '30%']);
    expect(book.getWorksheet('Deadlines')!.rowCount).toBe(4);
  });

  itWithTool('pdftotext')('the PDF reads back with each agency and the due date', () => {
    const txt = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' });
    expect(txt).toContain('Equitable-sharing worksheet');
    expect(txt).toContain('Wiretap room and analysts');
    expect(txt).toMatch(/Due on: 2026-04-15/);
  });
});

describe('stale edits of cases and subjects', () => {
  it('refuses a case edit from a form opened before another change, naming both versions', async () => {
    const opened = (await env.core.call('cases.get', { id: ids.caseId })).updatedAt;
    await env.core.call('cases.update', { id: ids.caseId, title: 'Operation Lantern II', ifUnchangedSince: opened });
    const e = await callError(env.core, 'cases.update', { id: ids.caseId, title: 'Operation Lamp', ifUnchangedSince: opened });
    expect(e.code).toBe('Conflict');
    expect(e.message).toContain('title: saved Operation Lantern II, yours Operation Lamp');
    expect((await env.core.call('cases.get', { id: ids.caseId })).title).toBe('Operation Lantern II');
  });

  it('refuses a subject edit the same way, and takes one made from the current version', async () => {
    const s = await env.core.call('subjects.create', { caseId: ids.caseId, kind: 'person', name: 'Ana Ruiz' });
    await env.core.call('subjects.update', { id: s.id, name: 'Ana M. Ruiz', ifUnchangedSince: s.updatedAt });
    const e = await callError(env.core, 'subjects.update', { id: s.id, name: 'Ana Ruiz Soto', ifUnchangedSince: s.updatedAt });
    expect(e.message).toContain('name: saved Ana M. Ruiz, yours Ana Ruiz Soto');
    const now = (await env.core.call('subjects.list', { caseId: ids.caseId })).find((x) => x.id === s.id)!;
    expect((await env.core.call('subjects.update', { id: s.id, name: 'Ana Ruiz Soto', ifUnchangedSince: now.updatedAt })).name).toBe('Ana Ruiz Soto');
  });
});
