import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { linkedDuplicateIds } from '../../../core/import/transfer-match.js';
import { importFile, newCase, writeFile } from './helpers.js';

/**
 * One transfer, once: the payer's statement and the payee's both show each payment. The ledger of
 * those payments is generated here, so the expected count and sum are known before any import.
 */
let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

const A = 'DE89370400440532013000';
const B = 'NL91ABNA0417164300';

/** n payments A -> B on weekdays of March 2024, amounts 10.01, 10.02, ...; every fifth without a reference. */
function payments(n: number) {
  const days = Array.from({ length: 31 }, (_v, i) => `2024-03-${String(i + 1).padStart(2, '0')}`).filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
  return Array.from({ length: n }, (_v, i) => ({ day: days[i % days.length], cents: 1000 + i + 1, ref: i % 5 === 4 ? '' : `E2E-${i}` }));
}
const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

describe('one transfer, once', () => {
  it('both sides of 50 payments yield 50 transfers once linked; the duplicates are the payee side; decisions are audited and undoable', async () => {
    env = tempCore('links');
    const c = await newCase(env.core);
    const p = payments(50);
    const total = p.reduce((s, x) => s + x.cents, 0);
    // The payee books one of them a day late (settlement), which costs points but stays within the window.
    const payer = writeFile(env.dir, 'payer.csv', ['Date,Amount,Currency,Counterparty IBAN,Reference,Description', ...p.map((x) => `${x.day},-${money(x.cents)},EUR,${B},${x.ref},to B`)].join('\n') + '\n');
    const payee = writeFile(env.dir, 'payee.csv', ['Date,Amount,Currency,Counterparty IBAN,Reference,Description', ...p.map((x) => `${x.day},${money(x.cents)},EUR,${A},${x.ref},from A`)].join('\n') + '\n');
    const first = await importFile(env.core, c.id, payer, { account: { identifier: A } });
    expect(first.imported).toBe(50);
    const second = await importFile(env.core, c.id, payee, { account: { identifier: B } });
    expect(second.imported).toBe(50);
    // Each side names the other's account and the same day: certain, with or without a reference.
    expect(second.transfersLinked).toBe(50);
    const dup = linkedDuplicateIds(env.core.writer.sqlite, c.id);
    expect(dup.size).toBe(50);
    const rows = env.core.writer.sqlite.prepare('SELECT id, import_id AS imp, amount_minor AS a FROM transactions WHERE case_id = ?').all(c.id) as { id: string; imp: string; a: string }[];
    const kept = rows.filter((r) => !dup.has(r.id));
    expect(kept).toHaveLength(50);
    expect(kept.every((r) => r.imp === first.importId)).toBe(true);
    expect(kept.reduce((s, r) => s + Number(r.a), 0)).toBe(total);

    const links = await env.core.call('imports.links.list', { caseId: c.id });
    const withRef = links.find((l) => l.debit.reference === 'E2E-0')!;
    expect(withRef).toMatchObject({ status: 'auto', score: 110 });
    expect(withRef.evidence.map((e) => e.what)).toEqual(["each side names the other's account", 'same reference / end-to-end id "E2E-0"', 'booked the same day']);
    // A person rejects one: its credit counts again; undo puts it back in the review queue; accept links it.
    await env.core.call('imports.links.decide', { id: withRef.id, decision: 'reject' });
    expect(linkedDuplicateIds(env.core.writer.sqlite, c.id).size).toBe(49);
    await env.core.call('imports.links.decide', { id: withRef.id, decision: 'undo' });
    expect((await env.core.call('imports.links.list', { caseId: c.id, status: 'suggested' })).map((l) => l.id)).toEqual([withRef.id]);
    await env.core.call('imports.links.decide', { id: withRef.id, decision: 'accept' });
    expect(linkedDuplicateIds(env.core.writer.sqlite, c.id).size).toBe(50);
    const audited = env.core.writer.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'transfer_link' AND entity_id = ?").get(withRef.id) as { n: number };
    expect(audited.n).toBe(3);
    // The links as proposed are audited once per matcher run, with a digest deep verify recomputes:
    // a link's pair rewritten behind the app's back is found.
    const runs = env.core.writer.sqlite.prepare("SELECT after FROM audit_log WHERE entity = 'transfer_match'").all() as { after: string }[];
    expect(runs).toHaveLength(1);
    expect(JSON.parse(runs[0].after)).toMatchObject({ linked: 50, suggested: 0, importId: second.importId, rowsDigests: [{ table: 'transfer_links', count: 50 }] });
    expect((await env.core.call('audit.verifyDeep', {})).ok).toBe(true);
    env.core.writer.sqlite.prepare('UPDATE transfer_links SET score = 99 WHERE id = ?').run(withRef.id);
    const deep = await env.core.call('audit.verifyDeep', {});
    expect(deep.findings).toEqual([expect.objectContaining({ kind: 'digest', table: 'transfer_links', expected: expect.stringMatching(/^50 rows/) })]);
  });

  it('a payee side two business days late naming no account is only suggested; a different amount is never paired', async () => {
    env = tempCore('links-doubt');
    const c = await newCase(env.core);
    const payer = writeFile(env.dir, 'payer.csv', ['Date,Amount,Currency,Counterparty IBAN,Description', `2024-03-04,-100.00,EUR,${B},rent`, `2024-03-05,-55.00,EUR,${B},other`].join('\n') + '\n');
    const payee = writeFile(env.dir, 'payee.csv', ['Date,Amount,Currency,Description', '2024-03-06,100.00,EUR,rent in', '2024-03-06,55.01,EUR,not the same'].join('\n') + '\n');
    await importFile(env.core, c.id, payer, { account: { identifier: A } });
    const r = await importFile(env.core, c.id, payee, { account: { identifier: B } });
    expect(r.transfersLinked).toBe(0);
    expect(r.transfersSuggested).toBe(1);
    const queue = await env.core.call('imports.links.list', { caseId: c.id, status: 'suggested' });
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ debit: { amountMinor: '10000' }, credit: { amountMinor: '10000' } });
    expect(linkedDuplicateIds(env.core.writer.sqlite, c.id).size).toBe(0);
  });
});
