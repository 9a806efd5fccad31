import { formatMinor } from '../../core/money.js';
import { afterAll, describe, expect, it } from 'vitest';
import { demoWithVictims } from '../helpers/demo-marked.js';
import { openApp, closeBrowser, e2eEnabled, waitForText, waitUntil, afterPaint, type App } from './harness.js';

afterAll(closeBrowser);

const demo = demoWithVictims;

async function openTrail(app: App, number: string) {
  const { page } = app;
  await page.getByRole('button', { name: 'Cases' }).click();
  await page.getByTestId('cases-grid').getByText(number).click();
  await page.getByRole('tab', { name: 'Money trail' }).click();
}

/** Share of the canvas's pixels drawn in the trail's red: the highlighted path is really on screen. */
async function redShare(app: App): Promise<number> {
  return app.page.getByTestId('trail-graph').evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let red = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] > 150 && data[i + 1] < 90 && data[i + 2] < 90 && data[i + 3] > 100) red++;
    return red / (data.length / 4);
  });
}

describe.runIf(e2eEnabled)('tracing and the money trail, through the UI in Chromium', () => {
  let app: App;
  afterAll(async () => app?.close());

  it('marks victim payments in the Trace panel, runs a trace, saves it, and sees the trail highlighted on the graph', async () => {
    let loaded!: Awaited<ReturnType<typeof demo>>;
    app = await openApp({ prepare: async (core) => void (loaded = await demo(core)) });
    const { page } = app;
    await openTrail(app, loaded.number);
    const graph = page.getByTestId('trail-graph');
    await page.locator('[data-testid=trail-graph][data-layout=done]').waitFor({ timeout: 60_000 });
    expect(Number(await graph.getAttribute('data-tainted-edges'))).toBe(0);
    expect(await redShare(app)).toBeLessThan(0.0005);

    await page.getByRole('tab', { name: 'Trace' }).click();
    await page.getByPlaceholder('Search reference, memo, counterparty…').fill('Tech support renewal');
    const rows = page.getByTestId('mark-grid').locator('.ag-row');
    await rows.first().waitFor();
    for (let i = 0; i < 3; i++) await page.getByTestId('mark-grid').locator(`.ag-row[row-index="${i}"] input[type=checkbox]`).first().check();
    await page.locator('input[name=label]').fill('elder fraud');
    await page.getByRole('button', { name: 'Mark 3 selected' }).click();
    await waitForText(page.getByTestId('marked-count'), '3 marked');
    await waitForText(page.getByTestId('mark-grid'), 'elder fraud');

    await page.locator('select[name=method]').selectOption('fifo');
    await page.getByRole('button', { name: 'Run trace' }).click();
    await waitForText(page.getByTestId('trace-totals'), 'Conserved exactly');
    const totals = await page.getByTestId('trace-totals').innerText();
    const marked = (app.core.reader.sqlite.prepare('SELECT msum(t.amount_minor) AS s FROM taint_marks m JOIN transactions t ON t.id = m.transaction_id').get() as { s: string }).s;
    expect(totals).toContain(formatMinor(marked, 'USD').replace(/\B(?=(\d{3})+(?!\d)\.)/g, ','));
    await page.getByTestId('trace-accounts').locator('.ag-row').first().waitFor();
    await page.locator('input[name=traceName]').fill('Three victims, FIFO');
    await page.getByRole('button', { name: 'Save trace' }).click();
    await waitForText(page.getByTestId('saved-traces'), 'Three victims, FIFO');
    await page.getByTestId('saved-traces').getByRole('button', { name: 'Re-run' }).click();
    await waitForText(page.getByTestId('saved-traces'), 'identical result');
    const audit = app.core.reader.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'trace'").get() as { n: number };
    expect(audit.n).toBe(1);
    await app.screenshot('40-trace-panel');

    await page.getByRole('button', { name: 'Show on graph' }).click();
    await waitForText(page.getByTestId('trail-summary'), 'Three victims, FIFO');
    await page.locator('[data-testid=trail-graph][data-layout=done]').waitFor({ timeout: 60_000 });
    expect(Number(await graph.getAttribute('data-tainted-edges'))).toBeGreaterThan(0);
    // The highlight is painted on the canvas: wait for red pixels rather than for a while.
    await waitUntil('tainted edges painted red', async () => (await redShare(app)) > 0.001);
    await app.screenshot('41-trace-graph-highlighted');

    // The method filter: the same marks traced by LIBR, on the same graph.
    const fifoEdges = Number(await graph.getAttribute('data-tainted-edges'));
    await page.locator('select[name=traceMethod]').selectOption('libr');
    await waitForText(page.getByTestId('trail-summary'), 'Trace:');
    expect(await page.locator('select[name=traceMethod]').inputValue()).toBe('libr');
    const librEdges = Number(await graph.getAttribute('data-tainted-edges'));
    expect(librEdges).toBeGreaterThan(0);
    const runs = await app.core.call('trace.run', { caseId: loaded.caseId, method: 'libr' });
    expect(librEdges).toBe(runs.edges.filter((e) => e.currency === 'USD').length);
    expect(fifoEdges).toBeGreaterThan(0);
    await page.locator('select[name=traceMethod]').selectOption('fifo');
    await waitForText(page.getByTestId('trail-summary'), `${fifoEdges} flows`);

    // Drill down: click the first tainted flow, see its transactions in the grid.
    const edgeId = await page.evaluate(() => (window as unknown as { __proceedsGraph: { taintedEdges(): string[] } }).__proceedsGraph.taintedEdges()[0]);
    expect(edgeId).toBeTruthy();
    const point = await page.evaluate((id) => (window as unknown as { __proceedsGraph: { edgePoint(id: string): [number, number] } }).__proceedsGraph.edgePoint(id), edgeId!);
    const box = (await graph.boundingBox())!;
    await page.mouse.click(box.x + point[0], box.y + point[1]);
    await page.getByTestId('edge-drawer').waitFor();
    await page.getByTestId('edge-grid').locator('.ag-row').first().waitFor();
    await waitForText(page.getByTestId('edge-drawer'), 'Tainted:');
    await app.screenshot('42-trace-edge-drilldown');
  });

  it('shows the whole predicate offence traced on the demo case: graph, Sankey, timeline', async () => {
    await app?.close();
    let loaded!: Awaited<ReturnType<typeof demo>>;
    app = await openApp({
      width: 1600,
      height: 1000,
      prepare: async (core) => {
        loaded = await demo(core);
        await core.call('taint.mark', { caseId: loaded.caseId, transactionIds: loaded.victims, label: 'elder fraud' });
        await core.call('trace.save', { caseId: loaded.caseId, method: 'pro-rata', name: 'Elder fraud proceeds, pro-rata' });
      },
    });
    const { page } = app;
    await openTrail(app, loaded.number);
    await page.locator('[data-testid=trail-graph][data-layout=done]').waitFor({ timeout: 60_000 });
    await app.screenshot('43-trail-graph');

    await page.getByRole('tab', { name: 'Trace' }).click();
    await page.getByTestId('saved-traces').getByRole('button', { name: 'Open' }).click();
    await waitForText(page.getByTestId('trace-totals'), 'Conserved exactly');
    await page.getByRole('button', { name: 'Show Sankey' }).click();
    await page.getByTestId('sankey').locator('path.sankey__link').first().waitFor();
    expect(await page.getByTestId('sankey').locator('path.sankey__link').count()).toBeGreaterThan(5);
    await app.screenshot('44-trail-sankey');

    await page.getByRole('tab', { name: 'Graph' }).click();
    await page.locator('[data-testid=trail-graph][data-layout=done]').waitFor({ timeout: 60_000 });
    expect(Number(await page.getByTestId('trail-graph').getAttribute('data-tainted-edges'))).toBeGreaterThan(0);
    await waitUntil('the traced graph painted red', async () => (await redShare(app)) > 0.001);
    await app.screenshot('45-trail-graph-traced');

    // Brush a stretch of the timeline: the graph's date range follows.
    const chart = page.getByTestId('timeline').locator('svg');
    await chart.scrollIntoViewIfNeeded();
    const b = (await chart.boundingBox())!;
    await page.mouse.move(b.x + b.width * 0.35, b.y + b.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width * 0.6, b.y + b.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.locator('input[name=from]').inputValue()).not.toBe('');
    const from = await page.locator('input[name=from]').inputValue();
    const to = await page.locator('input[name=to]').inputValue();
    expect(from < to).toBe(true);
    await page.locator('[data-testid=trail-graph][data-layout=done]').waitFor({ timeout: 60_000 });
    await app.screenshot('46-trail-timeline-brushed');
  });
});
