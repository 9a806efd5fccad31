import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemo } from '../../../core/demo/world/index.js';
import { verifyDemoTransactions } from '../../../core/demo/load.js';
import { main } from '../../../cli/main.js';
import { callError, tempCore } from '../../helpers/core.js';

let envs: ReturnType<typeof tempCore>[] = [];
afterEach(() => {
  for (const e of envs) e.cleanup();
  envs = [];
});
const fresh = () => {
  const env = tempCore('demo');
  envs.push(env);
  return env;
};

const CASE_TABLES = ['cases', 'case_participants', 'subjects', 'accounts', 'transactions', 'assets', 'asset_status_events', 'custody_events', 'asset_links'];
const count = (env: ReturnType<typeof tempCore>, table: string) =>
  (env.core.writer.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const dump = (env: ReturnType<typeof tempCore>) =>
  CASE_TABLES.map((t) => JSON.stringify(env.core.writer.sqlite.prepare(`SELECT * FROM ${t} ORDER BY id`).all())).join('\n');

describe('demo.load', () => {
  it('loads the whole generated case with its audit trail, which verifies', async () => {
    const env = fresh();
    const r = await env.core.call('demo.load', { seed: 7 });
    const demo = generateDemo(7);
    expect(r.number).toBe('TF-2024-0117');
    expect(r.caseId).toBe(demo.case.id);
    expect(count(env, 'transactions')).toBe(demo.transactions.length);
    expect(count(env, 'accounts')).toBe(demo.accounts.length);
    expect(count(env, 'subjects')).toBe(demo.subjects.length);
    expect(count(env, 'assets')).toBe(demo.assets.length);
    expect(count(env, 'custody_events')).toBe(demo.custodyEvents.length);
    expect(count(env, 'agencies')).toBe(4);

    const listed = (await env.core.call('cases.list', {})).find((c) => c.number === r.number)!;
    expect(listed).toMatchObject({ title: demo.case.title, status: 'open', transactions: demo.transactions.length, assets: demo.assets.length });
    expect(listed.leadAgency).toMatch(/Homeland Security/);
    const full = await env.core.call('cases.get', { id: r.caseId });
    expect(full.participants.map((p) => p.role).sort()).toEqual(['foreign', 'lead', 'local', 'state']);
    const page = await env.core.call('transactions.list', { caseId: r.caseId, limit: 10 });
    expect(page.total).toBe(demo.transactions.length);

    const chain = await env.core.call('audit.verify', {});
    expect(chain.ok).toBe(true);
    expect(chain.rows).toBe(r.counts.auditRows);
    const audit = await env.core.call('audit.list', { caseId: r.caseId, limit: 5000 });
    const entities = new Set(audit.rows.map((a) => a.entity));
    for (const e of ['case', 'participant', 'subject', 'account', 'transactions', 'asset', 'asset_status_event', 'custody_event', 'asset_link']) expect(entities).toContain(e);
    expect(audit.rows.every((a) => a.method === 'demo.load')).toBe(true);
    expect(verifyDemoTransactions(env.core.writer, r.caseId).ok).toBe(true);
  });

  it('writes byte-identical case records into two databases from the same seed', async () => {
    const a = fresh();
    const b = fresh();
    await a.core.call('demo.load', { seed: 11 });
    await b.core.call('demo.load', { seed: 11 });
    expect(dump(a)).toBe(dump(b));
    expect(dump(a).length).toBeGreaterThan(1_000_000);
  });

  it('refuses a second load of the same case with a Conflict and changes nothing; another seed makes another case', async () => {
    const env = fresh();
    const first = await env.core.call('demo.load', { seed: 7 });
    const head = await env.core.call('audit.head', {});
    const before = dump(env);
    const err = await callError(env.core, 'demo.load', { seed: 7 });
    expect(err.code).toBe('Conflict');
    expect(err.issues[0].path).toBe('seed');
    expect(err.message).toMatch(/TF-2024-0117/);
    expect(dump(env)).toBe(before);
    expect(await env.core.call('audit.head', {})).toEqual(head);

    const second = await env.core.call('demo.load', { seed: 8 });
    expect(second.number).toBe('TF-2024-0118');
    expect(second.caseId).not.toBe(first.caseId);
    // The task force's agencies are shared, not entered twice.
    expect(second.counts.newAgencies).toBe(0);
    expect(count(env, 'agencies')).toBe(4);
    const cases = await env.core.call('cases.list', {});
    expect(cases.map((c) => c.number).sort()).toEqual(['TF-2024-0117', 'TF-2024-0118']);
    expect((await env.core.call('audit.verify', {})).ok).toBe(true);
  });

  it('refuses a seed whose case number a real case already uses', async () => {
    const env = fresh();
    await env.core.call('cases.create', { number: 'TF-2024-0117', title: 'Operation Real' });
    const err = await callError(env.core, 'demo.load', { seed: 7 });
    expect(err.code).toBe('Conflict');
    expect(err.message).toMatch(/used by another case/);
    expect(count(env, 'transactions')).toBe(0);
  });

  it('uses an agency entered by hand when its code is one of the demo agencies', async () => {
    const env = fresh();
    const mine = await env.core.call('agencies.create', { name: 'Miami-Dade Sheriff', code: 'FL0130000' });
    const r = await env.core.call('demo.load', { seed: 3 });
    expect(r.counts.newAgencies).toBe(3);
    const full = await env.core.call('cases.get', { id: r.caseId });
    expect(full.participants.find((p) => p.role === 'local')!.agencyId).toBe(mine.id);
  });

  it('refuses a bad seed or scale naming the field, and stops when cancelled with nothing saved', async () => {
    const env = fresh();
    expect((await callError(env.core, 'demo.load', { seed: -1 })).issues[0].path).toBe('seed');
    expect((await callError(env.core, 'demo.load', { seed: 1.5 })).issues[0].path).toBe('seed');
    expect((await callError(env.core, 'demo.load', { seed: 'seven' })).issues[0].path).toBe('seed');
    expect((await callError(env.core, 'demo.load', { seed: 1, scale: 0 })).issues[0].path).toBe('scale');
    const abort = new AbortController();
    abort.abort();
    await expect(env.core.call('demo.load', { seed: 7 }, { signal: abort.signal })).rejects.toMatchObject({ code: 'Cancelled' });
    for (const t of ['agencies', 'audit_log', ...CASE_TABLES]) expect(count(env, t)).toBe(0);
  });

  it('detects a demo transaction edited behind the contract through its audited digest', async () => {
    const env = fresh();
    const r = await env.core.call('demo.load', { seed: 7 });
    // The evidence guard refuses the edit outside a mutation; a forger drops it first.
    expect(() => env.core.writer.sqlite.prepare('UPDATE transactions SET amount_minor = amount_minor + 1 WHERE case_id = ? AND seq = 1234').run(r.caseId)).toThrow(/holds evidence/);
    env.core.writer.sqlite.exec('DROP TRIGGER transactions_guard_update');
    env.core.writer.sqlite.prepare('UPDATE transactions SET amount_minor = amount_minor + 1 WHERE case_id = ? AND seq = 1234').run(r.caseId);
    const check = verifyDemoTransactions(env.core.writer, r.caseId);
    expect(check.ok).toBe(false);
    expect(check.actual).not.toBe(check.expected);
  });

  it('is what `proceeds demo` loads, with --json output', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-cli-'));
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      const code = await main(['node', 'proceeds', '--db', path.join(dir, 'p.sqlite'), '--json', 'demo', '--seed', '9']);
      process.stdout.write = write;
      expect(code).toBe(0);
      const result = JSON.parse(out.join(''));
      expect(result.number).toBe('TF-2024-0119');
      expect(result.counts.transactions).toBe(generateDemo(9).transactions.length);
    } finally {
      process.stdout.write = write;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
