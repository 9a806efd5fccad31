import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../core/core.js';
import { groupChanges, type Change } from '../../../core/change-feed.js';
import type { DashboardAssetRow } from '../../../core/dashboard/drilldown.js';
import { patchList, patchPage, refreshPlan } from '../../../renderer/src/api/row-refresh.js';
import { drillOrder } from '../../../renderer/src/views/dashboard/drill-order.js';
import { tempCore } from '../../helpers/core.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const head = (entity: string, entityId: string, o: { created?: boolean; removed?: boolean } = {}) =>
  ({ seq: 0, entity, entityId, caseId: 'c1', created: o.created ? 1 : 0, removed: o.removed ? 1 : 0 });

describe('live refresh by row', () => {
  it('a notice names the records changed, and whether any was created or removed; past 100 it names none', () => {
    expect(groupChanges([head('asset', 'a1'), head('asset', 'a2'), head('asset', 'a1')])).toEqual([{ entity: 'asset', caseId: 'c1', ids: ['a1', 'a2'] }]);
    expect(groupChanges([head('asset', 'a1', { created: true })])).toEqual([{ entity: 'asset', caseId: 'c1', ids: ['a1'], created: true }]);
    const many = groupChanges(Array.from({ length: 101 }, (_, i) => head('transaction', `t${i}`, { removed: i === 7 })));
    expect(many).toEqual([{ entity: 'transaction', caseId: 'c1', removed: true }]);
  });

  it('plans per view: rows for an update of what it lists, everything otherwise, nothing when unrelated', () => {
    const update: Change[] = [{ entity: 'asset', caseId: 'c1', ids: ['a1'] }];
    expect(refreshPlan(['dashboard.assets', { filters: {} }], update)).toEqual({ kind: 'rows', ids: ['a1'] });
    expect(refreshPlan(['assets.list', { caseId: 'c1' }], update)).toEqual({ kind: 'rows', ids: ['a1'] });
    expect(refreshPlan(['assets.list', { caseId: 'c2' }], update)).toEqual({ kind: 'none' });
    // An aggregate cannot be patched by row: it is read again.
    expect(refreshPlan(['dashboard.totals', { filters: {} }], update)).toEqual({ kind: 'all' });
    expect(refreshPlan(['dashboard.assets', { filters: {} }], [{ ...update[0], created: true }])).toEqual({ kind: 'all' });
    expect(refreshPlan(['assets.list', { caseId: 'c1' }], [...update, { entity: 'custody_event', caseId: 'c1', ids: ['e1'] }])).toEqual({ kind: 'all' });
    expect(refreshPlan(['dashboard.assets', { filters: {} }], [{ entity: 'asset', caseId: 'c1' }])).toEqual({ kind: 'all' });
    expect(refreshPlan(['transactions.list', { caseId: 'c1' }], update)).toEqual({ kind: 'none' });
  });

  it('a paged grid updates its rows in place only while nothing moved in, out or around', () => {
    const row = (id: string, seizedOn: string, net = '100'): DashboardAssetRow =>
      ({ id, seizedOn, netMinor: net, valueSeizedMinor: net, status: 'seized', caseNumber: 'X' }) as DashboardAssetRow;
    const shown = new Map([row('a', '2024-01-01'), row('b', '2024-02-01'), row('c', '2024-03-01')].map((r) => [r.id, r]));
    const range = { first: shown.get('a')!, last: shown.get('c')! };
    const order = drillOrder('seizedOn', false);
    const get = (id: string) => shown.get(id);
    expect(patchPage(get, range, 10, { rows: [row('b', '2024-02-01', '90')], total: 10 }, ['b'], order)).toEqual({ kind: 'update', rows: [row('b', '2024-02-01', '90')] });
    expect(patchPage(get, range, 10, { rows: [row('b', '2024-02-01')], total: 11 }, ['b'], order)).toEqual({ kind: 'reload' });
    expect(patchPage(get, range, 10, { rows: [], total: 10 }, ['b'], order)).toEqual({ kind: 'reload' });
    expect(patchPage(get, range, 10, { rows: [row('b', '2024-04-01')], total: 10 }, ['b'], order)).toEqual({ kind: 'reload' });
    // Not shown, but it sorts among the shown rows: the pages must be read again to place it.
    expect(patchPage(get, range, 10, { rows: [row('z', '2024-02-15')], total: 10 }, ['z'], order)).toEqual({ kind: 'reload' });
    expect(patchPage(get, range, 10, { rows: [row('z', '2025-01-01')], total: 10 }, ['z'], order)).toEqual({ kind: 'update', rows: [] });
    // Sorted by net, descending: a net that changed moves the row.
    expect(patchPage(get, range, 10, { rows: [row('b', '2024-02-01', '90')], total: 10 }, ['b'], drillOrder('net', true))).toEqual({ kind: 'reload' });
  });

  it('a whole list is patched in place, loses a row that left its filter, and is read again when a row came in', () => {
    const order = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const list = [{ id: 'a', v: 1 }, { id: 'b', v: 1 }];
    expect(patchList(list, [{ id: 'b', v: 2 }], ['b'], order)).toEqual([{ id: 'a', v: 1 }, { id: 'b', v: 2 }]);
    expect(patchList(list, [], ['b'], order)).toEqual([{ id: 'a', v: 1 }]);
    expect(patchList(list, [{ id: 'c', v: 1 }], ['c'], order)).toBeUndefined();
  });

  it('on a real file: a change by another process is noticed with its asset, and that asset alone is re-read under the filter', async () => {
    const t = tempCore('row-refresh');
    const other = new Core({ dbPath: t.dbPath, actor: { user: 'cli', agency: 'Test Agency' } });
    cleanup = () => { other.close(); t.cleanup(); };
    const c = await t.core.call('cases.create', { number: 'TF-R-1', title: 'Rows' });
    const made = [];
    for (const d of ['boat', 'car', 'watch']) made.push(await t.core.call('assets.create', { caseId: c.id, type: 'other', description: d, seizedOn: '2024-02-01', currency: 'USD', valueSeized: '1000.00' }));
    const seen: Change[][] = [];
    const stop = t.core.onChanges((x) => seen.push(x));
    await other.call('assets.update', { id: made[1].id, costs: '250.00' });
    await new Promise<void>((resolve) => { const i = setInterval(() => { if (seen.length) { clearInterval(i); resolve(); } }, 20); });
    stop();
    expect(seen.flat()).toEqual([{ entity: 'asset', caseId: c.id, ids: [made[1].id] }]);
    const plan = refreshPlan(['dashboard.assets', { filters: {} }], seen.flat());
    expect(plan).toEqual({ kind: 'rows', ids: [made[1].id] });
    const reread = await t.core.call('dashboard.assetsByIds', { filters: {}, ids: [made[1].id] });
    expect(reread.total).toBe(3);
    expect(reread.rows.map((r) => [r.description, r.costsMinor, r.netMinor])).toEqual([['car', '25000', '75000']]);
    // Under a filter it does not pass, the row is not returned: the grid knows it left.
    const usdOnly = await t.core.call('dashboard.assetsByIds', { filters: { currencies: ['EUR'] }, ids: [made[1].id] });
    expect(usdOnly).toEqual({ rows: [], total: 0 });
    const listed = await t.core.call('assets.list', { caseId: c.id, ids: [made[1].id, made[2].id] });
    expect(listed.map((a) => a.description).sort()).toEqual(['car', 'watch']);
  });
});
