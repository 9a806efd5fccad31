import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempCore } from '../helpers/core.js';
import { verifyDeep } from '../../core/audit/replay.js';
import { verifyBundle } from '../../core/bundle/verify.js';
import { exportCase, makeAgency, smallCase, trustedError } from '../unit/bundle/helpers.js';
import { databaseAt, indexOf, indexesUsed } from './migrate-to.js';

describe('migration chart_layouts', () => {
  it('adds an empty chart_layouts table, one layout per name and case, gone with its case', () => {
    const m = databaseAt(indexOf('chart_layouts'));
    m.sqlite.exec("INSERT INTO cases (id, number, title) VALUES ('c1', 'TF-1', 'x')");
    m.step();
    expect(m.sqlite.prepare('SELECT count(*) AS n FROM chart_layouts').get()).toEqual({ n: 0 });
    const add = (id: string) => m.sqlite.prepare("INSERT INTO chart_layouts (id, case_id, name, state, updated_at) VALUES (?, 'c1', 'Main', '{}', '2026-01-01T00:00:00.000Z')").run(id);
    add('l1');
    expect(() => add('l2')).toThrow(/UNIQUE/);
    expect(indexesUsed(m.sqlite, "SELECT id FROM chart_layouts WHERE case_id = 'c1' AND name = 'Main'")).toContain('chart_layouts_case_name');
    m.sqlite.exec("DELETE FROM cases WHERE id = 'c1'");
    expect(m.sqlite.prepare('SELECT count(*) AS n FROM chart_layouts').get()).toEqual({ n: 0 });
    m.close();
  });
});

const STATE = {
  nodes: {} as Record<string, [number, number, 0 | 1]>,
  hidden: [] as string[],
  annotations: [
    { id: 'n1', kind: 'note' as const, x: 10, y: -20.5, text: 'Cash couriers — عملة 现金 =HYPERLINK("x")' },
    { id: 'b1', kind: 'box' as const, x: -100, y: -100, w: 200, h: 150, text: 'Front companies' },
  ],
};

describe('named chart layouts: saved per case, audited, carried in bundles', () => {
  const a = tempCore('layouts-a');
  const b = tempCore('layouts-b');
  const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'layout-keys-'));
  let small: Awaited<ReturnType<typeof smallCase>>;
  let layoutId: string;
  let agency: Awaited<ReturnType<typeof makeAgency>>;
  beforeAll(async () => {
    small = await smallCase(a, 'TF-LAYOUT-1');
    const [x, y] = small.accountIds;
    STATE.nodes = { [x]: [120.5, -40, 1], [y]: [-80, 60.25, 0], [small.subjectId]: [0, 0, 0] };
    STATE.hidden = [y];
    STATE.annotations.push({ id: 'h1', kind: 'highlight', nodeId: x, color: 'red', text: 'Hub' } as never);
  });
  afterAll(() => {
    a.cleanup();
    b.cleanup();
    fs.rmSync(keys, { recursive: true, force: true });
  });

  it('saves, lists and loads a layout exactly; saving the name again replaces it; each change is one audit row with before and after', async () => {
    const saved = await a.core.call('layout.save', { caseId: small.caseId, name: 'For the prosecutor', state: STATE });
    layoutId = saved.id;
    expect(saved.replaced).toBe(false);
    expect(await a.core.call('layout.get', { id: saved.id })).toMatchObject({ name: 'For the prosecutor', caseId: small.caseId, state: STATE });
    const moved = structuredClone(STATE);
    moved.nodes[small.subjectId] = [33, 44, 1];
    const again = await a.core.call('layout.save', { caseId: small.caseId, name: 'For the prosecutor', state: moved });
    expect(again).toMatchObject({ id: saved.id, replaced: true });
    expect((await a.core.call('layout.get', { id: saved.id })).state.nodes[small.subjectId]).toEqual([33, 44, 1]);
    expect(await a.core.call('layout.list', { caseId: small.caseId })).toEqual([expect.objectContaining({ id: saved.id, name: 'For the prosecutor' })]);
    const audit = a.core.writer.sqlite.prepare("SELECT before, after FROM audit_log WHERE entity = 'chart_layout' AND entity_id = ? ORDER BY seq").all(saved.id) as { before: string; after: string }[];
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1].before).state.nodes[small.subjectId]).toEqual([0, 0, 0]);
    expect(JSON.parse(audit[1].after).state.nodes[small.subjectId]).toEqual([33, 44, 1]);
    // The deep audit replays the layout row column by column.
    expect(verifyDeep(a.core.writer.sqlite).findings).toEqual([]);
  });

  it('refuses a layout of the wrong shape, naming where, and writes nothing', async () => {
    const count = () => a.core.writer.sqlite.prepare('SELECT (SELECT count(*) FROM chart_layouts) || \'/\' || (SELECT count(*) FROM audit_log) AS n').get();
    const before = count();
    const bad = await trustedError(a, 'layout.save', { caseId: small.caseId, name: 'Bad', state: { nodes: { x: [Infinity, 0, 0] }, hidden: [], annotations: [] } });
    expect(bad.code).toBe('Invalid');
    expect(JSON.stringify(bad.issues)).toContain('state.nodes.x');
    const noName = await trustedError(a, 'layout.save', { caseId: small.caseId, name: '  ', state: STATE });
    expect(noName.issues[0].path).toBe('name');
    expect(count()).toEqual(before);
  });

  it('travels in a whole-case bundle: verified, imported and loaded the same at the receiver', async () => {
    agency = await makeAgency(keys, 'Agency A');
    const out = path.join(a.dir, 'layout-case.zip');
    const exported = await exportCase(a, small.caseId, agency, out);
    expect(exported.recordCounts).toMatchObject({ chart_layouts: 1 });
    expect((await verifyBundle(out, { keyring: [agency.trusted] })).ok).toBe(true);
    await b.core.call('keyring.add', { publicKey: fs.readFileSync(agency.pubFile, 'utf8'), agencyName: 'Agency A', confirmFingerprint: agency.trusted.fingerprint });
    const r = await b.core.call('bundles.import', { file: { path: out } }, { trusted: true });
    expect(r.outcome.inserted).toMatchObject({ chart_layouts: 1 });
    expect(await b.core.call('layout.get', { id: layoutId })).toEqual(await a.core.call('layout.get', { id: layoutId }));
    expect(verifyDeep(b.core.writer.sqlite).findings).toEqual([]);
  });

  it('follows an account the merge matched to a local one: positions, hidden nodes, highlights and outside markers name the local id', async () => {
    // Both agencies enter the same bank account on their own (same number, different ids).
    const mine = await b.core.call('accounts.create', { caseId: small.caseId, kind: 'bank', identifier: 'ES91 2100 0418 4502 0005 1332', currency: 'EUR' });
    const theirs = await a.core.call('accounts.create', { caseId: small.caseId, kind: 'bank', identifier: 'ES9121000418450200051332', currency: 'EUR' });
    expect(theirs.id).not.toBe(mine.id);
    const [x] = small.accountIds;
    const state = {
      nodes: { [theirs.id]: [5, 6, 1] as [number, number, 1], [`outside:${theirs.id}`]: [7, 8, 0] as [number, number, 0], [x]: [1, 2, 0] as [number, number, 0] },
      hidden: [`outside:${theirs.id}`],
      annotations: [
        { id: 'h2', kind: 'highlight' as const, nodeId: theirs.id, color: 'yellow' as const, text: 'same account at both agencies' },
        { id: 'n2', kind: 'note' as const, x: 0, y: 0, text: 'untouched' },
      ],
    };
    const saved = await a.core.call('layout.save', { caseId: small.caseId, name: 'Matched account', state });
    const out = path.join(a.dir, 'layout-matched.zip');
    await exportCase(a, small.caseId, agency, out);
    const r = await b.core.call('bundles.import', { file: { path: out } }, { trusted: true });
    expect(r.outcome.matched).toContainEqual({ table: 'accounts', incomingId: theirs.id, localId: mine.id, by: ['case_id', 'identifier_norm'] });
    expect(r.outcome.inserted).toMatchObject({ chart_layouts: 1 });
    const got = (await b.core.call('layout.get', { id: saved.id })).state;
    expect(got.nodes).toEqual({ [mine.id]: [5, 6, 1], [`outside:${mine.id}`]: [7, 8, 0], [x]: [1, 2, 0] });
    expect(got.hidden).toEqual([`outside:${mine.id}`]);
    expect(got.annotations).toEqual([{ ...state.annotations[0], nodeId: mine.id }, state.annotations[1]]);
    // The unmatched layout came through as it was.
    expect((await b.core.call('layout.get', { id: layoutId })).state).toEqual((await a.core.call('layout.get', { id: layoutId })).state);
  });
});
