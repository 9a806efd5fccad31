import { describe, expect, it } from 'vitest';
import { analyseCustody, type CustodyEvent } from '../../../core/custody/gaps.js';

let seq = 0;
const ev = (kind: string, occurredAt: string, f: Partial<CustodyEvent> = {}): CustodyEvent => ({
  id: `e${++seq}`, kind, occurredAt, fromCustodian: '', toCustodian: '', location: '', locker: '', reason: '', witness: '',
  correctsEventId: null, actor: 'tester', createdAt: `2026-01-01T00:00:${String(seq).padStart(2, '0')}Z`, ...f,
});

describe('custody gap analysis', () => {
  it('finds an unbroken chain: received, stored, out to court and back, transferred and received, disposed', () => {
    const chain = [
      ev('received', '2026-01-15T10:00', { toCustodian: 'Det. Ruiz' }),
      ev('stored', '2026-01-15T12:00', { location: 'Evidence room B', locker: 'L-14' }),
      ev('checked_out', '2026-02-01T09:00', { toCustodian: 'ADA Chen', reason: 'court hearing' }),
      ev('checked_in', '2026-02-01T17:00', { toCustodian: 'Det. Ruiz' }),
      ev('transferred', '2026-03-01T09:00', { fromCustodian: 'Det. Ruiz', toCustodian: 'US Marshals' }),
      ev('received', '2026-03-01T11:00', { toCustodian: 'US Marshals' }),
      ev('disposed', '2026-06-20T10:00', { reason: 'sold at auction' }),
    ];
    const r = analyseCustody(chain, 'disposed');
    expect(r.gaps).toEqual([]);
    expect(r.unbroken).toBe(true);
    expect(r.holder).toBeNull();
  });

  it('names an asset checked out and never returned', () => {
    const r = analyseCustody([
      ev('received', '2026-01-15T10:00', { toCustodian: 'Det. Ruiz' }),
      ev('checked_out', '2026-02-01T09:00', { toCustodian: 'Lab tech Ng', reason: 'forensic examination' }),
    ]);
    expect(r.unbroken).toBe(false);
    expect(r.gaps.map((g) => [g.code, g.message])).toEqual([['open_checkout', 'checked out to Lab tech Ng on 2026-02-01 09:00 (forensic examination); never returned']]);
    expect(r.checkedOutTo).toBe('Lab tech Ng');
  });

  it('names a transfer to a custodian who never received it, and a receipt by the wrong person', () => {
    const never = analyseCustody([
      ev('received', '2026-01-15T10:00', { toCustodian: 'Det. Ruiz' }),
      ev('transferred', '2026-03-01T09:00', { fromCustodian: 'Det. Ruiz', toCustodian: 'US Marshals' }),
    ]);
    expect(never.gaps.map((g) => g.message)).toEqual(['transferred to US Marshals on 2026-03-01 09:00; US Marshals never recorded receiving it']);
    const wrong = analyseCustody([
      ev('received', '2026-01-15T10:00', { toCustodian: 'Det. Ruiz' }),
      ev('transferred', '2026-03-01T09:00', { fromCustodian: 'Det. Ruiz', toCustodian: 'US Marshals' }),
      ev('received', '2026-03-01T10:00', { toCustodian: 'County Impound' }),
    ]);
    expect(wrong.gaps.map((g) => g.code)).toEqual(['wrong_receiver']);
  });

  it('names a chain that starts without a receipt, a hand-over by someone who did not hold it, and an open end', () => {
    const r = analyseCustody(
      [
        ev('stored', '2026-01-15T12:00', { location: 'Evidence room B' }),
        ev('received', '2026-01-16T10:00', { toCustodian: 'Det. Ruiz' }),
        ev('transferred', '2026-01-17T10:00', { fromCustodian: 'Sgt. Lee', toCustodian: 'Lab' }),
        ev('received', '2026-01-17T11:00', { toCustodian: 'Lab' }),
      ],
      'returned',
    );
    expect(r.gaps.map((g) => g.code)).toEqual(['no_receipt', 'wrong_sender', 'not_closed']);
  });

  it('applies corrections: a void event drops out, a replacing event takes its place; the originals stay listed', () => {
    const wrong = ev('transferred', '2026-03-01T09:00', { fromCustodian: 'Det. Ruiz', toCustodian: 'US Marshal' });
    const chain = [
      ev('received', '2026-01-15T10:00', { toCustodian: 'Det. Ruiz' }),
      wrong,
      ev('received', '2026-03-01T11:00', { toCustodian: 'US Marshals' }),
    ];
    expect(analyseCustody(chain).gaps.map((g) => g.code)).toEqual(['wrong_receiver']);
    const fix = ev('transferred', '2026-03-01T09:00', { fromCustodian: 'Det. Ruiz', toCustodian: 'US Marshals', correctsEventId: wrong.id, reason: 'typo in receiving agency' });
    const fixed = analyseCustody([...chain, fix]);
    expect(fixed.gaps).toEqual([]);
    expect(fixed.events).toHaveLength(4);
    expect(fixed.events.find((e) => e.id === wrong.id)).toMatchObject({ superseded: true, supersededBy: fix.id });
    const stray = ev('checked_out', '2026-03-05T09:00', { toCustodian: 'Lab', reason: 'exam' });
    const voided = analyseCustody([...chain, fix, stray, ev('correction', '2026-03-06T09:00', { correctsEventId: stray.id, reason: 'entered on the wrong asset' })]);
    expect(voided.gaps).toEqual([]);
    expect(voided.effective).not.toContain(stray.id);
  });

  it('reports an empty record', () => {
    expect(analyseCustody([]).gaps.map((g) => g.code)).toEqual(['empty']);
  });
});
