import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { xlsxSheets } from '../helpers/xlsx-closing.js';
import { demoWithVictims } from '../helpers/demo-marked.js';
import { openApp, closeBrowser, e2eEnabled, waitForText, waitUntil, type App } from './harness.js';

afterAll(closeBrowser);

interface GraphHook {
  nodePoint(id: string): [number, number] | null;
  graphPosition(id: string): [number, number] | null;
}
const hook = (app: App) => ({
  point: (id: string) => app.page.evaluate((i) => (window as unknown as { __proceedsGraph: GraphHook }).__proceedsGraph.nodePoint(i), id),
  position: (id: string) => app.page.evaluate((i) => (window as unknown as { __proceedsGraph: GraphHook }).__proceedsGraph.graphPosition(i), id),
});
const esc = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

async function openTrail(app: App, number: string) {
  const { page } = app;
  await page.getByRole('button', { name: 'Cases' }).click();
  await page.getByTestId('cases-grid').getByText(number).click();
  await page.getByRole('tab', { name: 'Money trail' }).click();
  await page.locator('[data-testid=trail-graph][data-layout=done]').waitFor({ timeout: 60_000 });
}

describe.runIf(e2eEnabled)('The analyst works in the chart, saves a layout, exports the views, in Chromium', () => {
  let app: App;
  afterAll(async () => app?.close());

  it('moves and pins a node, annotates, saves a layout that survives a reload; exports the graph SVG and the transactions XLSX', { timeout: 400_000 }, async () => {
    let loaded!: Awaited<ReturnType<typeof demoWithVictims>>;
    app = await openApp({ width: 1600, height: 1000, prepare: async (core) => void (loaded = await demoWithVictims(core)) });
    const { page } = app;
    await openTrail(app, loaded.number);
    // The chart shows the case's busiest currency: its nodes are the ones drawn.
    const drawn = new Set(await page.evaluate(() => (window as unknown as { __proceedsGraph: { nodeIds(): string[] } }).__proceedsGraph.nodeIds()));
    const all = await app.core.call('graph.flows', { caseId: loaded.caseId });
    const flows = { nodes: all.nodes.filter((n) => drawn.has(n.id)), edges: all.edges.filter((e) => drawn.has(e.source) && drawn.has(e.target)) };
    expect(flows.nodes.length).toBe(drawn.size);
    const volume = new Map<string, bigint>();
    for (const e of flows.edges) if (e.kind === 'flow') for (const n of [e.source, e.target]) volume.set(n, (volume.get(n) ?? 0n) + BigInt(e.totalMinor));
    const [moved, other] = flows.nodes.filter((n) => n.kind === 'account' && n.label).sort((a, b) => Number((volume.get(b.id) ?? 0n) - (volume.get(a.id) ?? 0n)));
    await app.screenshot('chart-01-graph');

    // Dragging a node moves that node only: another node stays put on screen (the chart did not pan).
    const box = (await page.getByTestId('trail-graph').boundingBox())!;
    const [sx, sy] = (await hook(app).point(moved.id))!;
    const otherBefore = (await hook(app).point(other.id))!;
    const before = (await hook(app).position(moved.id))!;
    await page.mouse.move(box.x + sx, box.y + sy);
    await page.mouse.down();
    for (let s = 1; s <= 8; s++) await page.mouse.move(box.x + sx + 15 * s, box.y + sy + 10 * s);
    await page.mouse.up();
    const after = (await hook(app).position(moved.id))!;
    expect(Math.hypot(after[0] - before[0], after[1] - before[1])).toBeGreaterThan(20);
    expect(await hook(app).point(other.id)).toEqual(otherBefore);

    // A click opens its detail panel; a dragged node is pinned there.
    const [mx, my] = (await hook(app).point(moved.id))!;
    await page.mouse.click(box.x + mx, box.y + my);
    const detail = page.getByTestId('node-detail');
    await waitForText(detail, moved.label);
    expect(await detail.getByRole('button', { name: 'Unpin' }).getAttribute('aria-pressed')).toBe('true');

    // Keyboard: into the chart, an arrow goes to another node (announced), Enter opens it.
    await page.getByTestId('trail-graph').focus();
    await page.keyboard.press('ArrowLeft');
    await waitUntil('the selected node announced', async () => (await page.getByTestId('graph-announce').innerText()).length > 0);
    const announced = await page.getByTestId('graph-announce').innerText();
    await page.keyboard.press('Enter');
    await waitForText(detail, announced.split(',')[0]);

    // A note, then the layout saved under a name (audited).
    await page.locator('input[name=annotationText]').fill('Cash courier route — ruta del efectivo');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('input[name=layoutName]').fill('For the prosecutor');
    await page.getByRole('button', { name: 'Save layout' }).click();
    await waitForText(page.getByTestId('chart-layouts'), 'Layout "For the prosecutor" saved.');
    const [layout] = await app.core.call('layout.list', { caseId: loaded.caseId });
    expect(layout.name).toBe('For the prosecutor');
    const saved = await app.core.call('layout.get', { id: layout.id });
    expect(saved.state.nodes[moved.id]).toEqual([expect.closeTo(after[0], 3), expect.closeTo(after[1], 3), 1]);
    expect(saved.state.annotations).toEqual([expect.objectContaining({ kind: 'note', text: 'Cash courier route — ruta del efectivo' })]);
    const audit = app.core.reader.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'chart_layout' AND entity_id = ?").get(layout.id) as { n: number };
    expect(audit.n).toBe(1);
    await app.screenshot('chart-02-moved-annotated');

    // After a reload the chart comes back as it was saved.
    await page.reload();
    await openTrail(app, loaded.number);
    await waitUntil('the saved position back after the reload', async () => {
      const p = await hook(app).position(moved.id);
      return p !== null && Math.abs(p[0] - after[0]) < 0.01 && Math.abs(p[1] - after[1]) < 0.01;
    }, 20_000);

    // The graph as SVG: every node named, the note in it.
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('graph-export').getByRole('button', { name: 'SVG' }).click()]);
    expect(svg.suggestedFilename()).toBe('money-trail-graph.svg');
    const svgText = fs.readFileSync((await svg.path())!, 'utf8');
    for (const n of flows.nodes.filter((x) => x.label)) expect(svgText).toContain(`<title>${esc(n.label)}</title>`);
    expect(svgText).toContain('Cash courier route');
    expect(svgText).toContain(`>${esc(moved.label.length > 28 ? moved.label.slice(0, 27) + '…' : moved.label)}</text>`);

    // The transactions as XLSX, read back by openpyxl: every row, in booked order, amounts as numbers.
    await page.getByRole('tab', { name: 'Transactions' }).click();
    const [xlsx] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('export-transactions').getByRole('button', { name: 'XLSX' }).click()]);
    const file = path.join(app.dir, 'transactions.xlsx');
    await xlsx.saveAs(file);
    const rows = xlsxSheets(file).Transactions;
    const { total, rows: first } = await app.core.call('transactions.list', { caseId: loaded.caseId, limit: 1 });
    expect(rows.length - 1).toBe(total);
    const head = rows[0] as string[];
    expect(rows[1][head.indexOf('Transaction id')]).toBe(first[0].id);
    expect(typeof rows[1][head.indexOf('Amount')]).toBe('number');
  });
});
