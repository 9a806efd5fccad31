import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../helpers/core.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

async function seed() {
  env = tempCore('audit');
  const c = await env.core.call('cases.create', { number: 'TF-A', title: 'Audit' });
  await env.core.call('subjects.create', { caseId: c.id, kind: 'person', name: 'A' });
  await env.core.call('subjects.create', { caseId: c.id, kind: 'person', name: 'B' });
  await env.core.call('cases.update', { id: c.id, title: 'Audit renamed' });
  return c;
}

/** Opens the file behind the app's back, the way someone tampering with it would. */
function tamper(dbPath: string, sql: string) {
  const raw = new Database(dbPath);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  raw.exec(sql);
  raw.close();
}

describe('audit log', () => {
  it('refuses UPDATE and DELETE through triggers', async () => {
    await seed();
    const raw = new Database(env.dbPath);
    expect(() => raw.exec("UPDATE audit_log SET actor = 'x' WHERE seq = 1")).toThrow(/append-only/);
    expect(() => raw.exec('DELETE FROM audit_log WHERE seq = 1')).toThrow(/append-only/);
    raw.close();
  });

  it('records before and after of an update', async () => {
    const c = await seed();
    const rows = (await env.core.call('audit.list', { caseId: c.id })).rows;
    const update = rows.find((r) => r.method === 'cases.update')!;
    expect(JSON.parse(update.before).title).toBe('Audit');
    expect(JSON.parse(update.after).title).toBe('Audit renamed');
    expect(update.actor).toBe('tester');
    expect(update.agency).toBe('Test Agency');
  });

  it('finds the first broken link after a row is edited by hand', async () => {
    await seed();
    expect((await env.core.call('audit.verify', {})).ok).toBe(true);
    tamper(env.dbPath, `UPDATE audit_log SET after = replace(after, '"B"', '"Mallory"') WHERE seq = 3`);
    const report = await env.core.call('audit.verify', {});
    expect(report.ok).toBe(false);
    expect(report.firstBroken?.seq).toBe(3);
    expect(report.firstBroken?.reason).toMatch(/edited/);
  });

  it('finds a deleted row', async () => {
    await seed();
    tamper(env.dbPath, 'DELETE FROM audit_log WHERE seq = 2');
    const report = await env.core.call('audit.verify', {});
    expect(report.firstBroken?.seq).toBe(3);
    expect(report.firstBroken?.reason).toMatch(/row 2 is missing/);
  });

  it('finds a re-hashed row by the next link', async () => {
    await seed();
    // Someone edits row 2 and recomputes its own hash: row 3's prev_hash no longer matches.
    const { canonicalAuditRow, chainHash } = await import('../../core/audit/chain.js');
    const raw = new Database(env.dbPath);
    raw.exec('DROP TRIGGER audit_log_no_update;');
    const r = raw.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as never as Parameters<typeof canonicalAuditRow>[0] & { prev_hash: string };
    const edited = { ...r, actor: 'someone-else' };
    raw.prepare("UPDATE audit_log SET actor = 'someone-else', hash = ? WHERE seq = 2").run(chainHash(r.prev_hash, canonicalAuditRow(edited)));
    raw.close();
    const report = await env.core.call('audit.verify', {});
    expect(report.firstBroken?.seq).toBe(3);
  });

  it('`proceeds audit verify` exits 1 and names the row after a hand edit', async () => {
    await seed();
    const run = () => spawnSync(process.execPath, ['cli/proceeds.mjs', '--db', env.dbPath, '--json', 'audit', 'verify'], { encoding: 'utf8' });
    const ok = run();
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).ok).toBe(true);
    tamper(env.dbPath, "UPDATE audit_log SET actor = 'x' WHERE seq = 4");
    const bad = run();
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).firstBroken.seq).toBe(4);
  });
});
