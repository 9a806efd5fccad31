/**
 * Runs in headless Chromium (bundled by bench/grid.ts): the app's transactions grid (the Grid
 * component, its columns, the infinite row model paging 500 rows at a time as the tab does) and a
 * plain HTML list of the very same rows as text, each scrolled by the same script; reports the
 * time between animation frames.
 */
import { createRoot } from 'react-dom/client';
import type { IDatasource } from 'ag-grid-community';
import { Grid } from '../renderer/src/components/Grid';
import { transactionColumns } from '../renderer/src/views/transactions/columns';
import { sharedHolders } from '../renderer/src/views/transactions/account-label';
import type { TransactionRow } from '../core/transactions/methods';
import { gridRows } from './grid-data';

export interface ScrollReport {
  intervals: number[];
}

const rows = gridRows();
const ROW = 42;
const HEIGHT = 700;

/** Scrolls `el` by `step` px a frame for `frames` frames, wrapping near the end; frame intervals. */
function scrollLoop(el: HTMLElement, frames: number, step: number): Promise<ScrollReport> {
  return new Promise((resolve) => {
    const intervals: number[] = [];
    let last = 0;
    let i = 0;
    const tick = (now: number) => {
      if (last) intervals.push(now - last);
      last = now;
      if (i++ >= frames) return resolve({ intervals });
      const max = el.scrollHeight - el.clientHeight;
      el.scrollTop = el.scrollTop + step > max ? 0 : el.scrollTop + step;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

const waitFor = async <T,>(f: () => T | null | undefined): Promise<T> => {
  for (;;) {
    const v = f();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
};

let root: ReturnType<typeof createRoot> | undefined;
function reset(): HTMLElement {
  root?.unmount();
  root = undefined;
  document.body.innerHTML = '';
  const host = document.createElement('div');
  host.style.width = '1400px';
  document.body.appendChild(host);
  return host;
}

async function runGrid(opts: { frames: number; step: number }): Promise<ScrollReport> {
  const host = reset();
  const shared = sharedHolders(rows.map((r) => ({ holderName: r.fromLabel ?? '', identifier: r.fromIdentifier ?? '' })));
  const t = (key: string) => key.split('.').pop()!;
  // As the tab's datasource: pages answered asynchronously, as the contract's client does.
  const datasource: IDatasource = {
    getRows: (p) => void Promise.resolve().then(() => p.successCallback(rows.slice(p.startRow, p.endRow), rows.length)),
  };
  root = createRoot(host);
  root.render(
    <Grid<TransactionRow> rowModelType="infinite" datasource={datasource} cacheBlockSize={500} columnDefs={transactionColumns(t, shared)} defaultColDef={{ sortable: false, filter: false }} height={HEIGHT} getRowId={(p) => p.data.id} />,
  );
  await waitFor(() => document.querySelector('.ag-row .ag-cell'));
  // The element that scrolls the rows (its class has changed between ag-grid versions): the tallest scrollable one.
  const viewport = await waitFor(() =>
    [...host.querySelectorAll<HTMLElement>('*')]
      .filter((e) => e.scrollHeight > e.clientHeight + 1000 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowY))
      .sort((a, b) => b.scrollHeight - a.scrollHeight)[0],
  );
  return scrollLoop(viewport, opts.frames, opts.step);
}

/** The baseline: every row in the DOM as one line of text, no virtualisation, no framework. */
async function runList(opts: { frames: number; step: number }): Promise<ScrollReport> {
  const host = reset();
  const list = document.createElement('div');
  list.style.cssText = `height:${HEIGHT}px;overflow:auto;font:13px system-ui,sans-serif`;
  const html: string[] = [];
  for (const r of rows)
    html.push(`<div style="height:${ROW}px;line-height:${ROW}px;white-space:nowrap;border-bottom:1px solid #dde2ea">${[r.occurredAt, r.fromLabel ?? r.counterpartyName, r.toLabel ?? r.counterpartyName, r.amountMinor, r.method, r.reference, r.counterpartyName, r.memo].join(' | ')}</div>`);
  list.innerHTML = html.join('');
  host.appendChild(list);
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return scrollLoop(list, opts.frames, opts.step);
}

(window as unknown as Record<string, unknown>).bench = { runGrid, runList, rowCount: rows.length };
