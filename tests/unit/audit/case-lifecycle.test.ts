import { afterEach, describe, expect, it } from 'vitest';
import { callError, tempCore } from '../../helpers/core.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

describe('cases are never deleted once opened', () => {
  it('refuses to set an open case back to draft, so it cannot then be deleted', async () => {
    env = tempCore('cases');
    const demo = await env.core.call('demo.load', { seed: 7 });
    const back = await callError(env.core, 'cases.update', { id: demo.caseId, status: 'draft' });
    expect(back.code).toBe('Conflict');
    expect(back.message).toMatch(/cannot go back to draft \(close or archive it instead\)$/);
    const del = await callError(env.core, 'cases.delete', { id: demo.caseId });
    expect(del.code).toBe('Conflict');
    await env.core.call('cases.update', { id: demo.caseId, status: 'closed' });
    await env.core.call('cases.update', { id: demo.caseId, status: 'archived' });
    expect((await callError(env.core, 'cases.update', { id: demo.caseId, status: 'draft' })).code).toBe('Conflict');
    expect(env.core.writer.sqlite.prepare('SELECT count(*) FROM transactions WHERE case_id = ?').pluck().get(demo.caseId)).toBeGreaterThan(0);
  });

  it('deletes a draft and records it in the audit log; deep verify expects it gone', async () => {
    env = tempCore('cases');
    const c = await env.core.call('cases.create', { number: 'TF-D1', title: 'Never opened' });
    await env.core.call('subjects.create', { caseId: c.id, kind: 'person', name: 'A' });
    await env.core.call('cases.delete', { id: c.id });
    const rows = (await env.core.call('audit.list', { caseId: c.id })).rows;
    const del = rows.find((r) => r.method === 'cases.delete')!;
    expect(JSON.parse(del.before).number).toBe('TF-D1');
    expect(del.after).toBe('null');
    expect(del.actor).toBe('tester');
    expect((await env.core.call('audit.verifyDeep', {})).findings).toEqual([]);
  });
});
