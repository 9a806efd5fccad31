import { describe, expect, it } from 'vitest';
import { CHANNELS, APP_ENTRY } from '../../../electron/channels.js';
import { broadcastChanges, type ChangeTarget } from '../../../electron/changes.js';
import { buildPreloadApi } from '../../../electron/preload-api.js';
import { MockBrowserWindow, MockIpcRenderer } from '../../electron/electron-mock.js';
import { perTest } from '../../electron/desktop-chain.js';

const t = perTest();

/** Waits for the condition, polling; no fixed sleep. */
async function waitFor(check: () => boolean, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error('no change notice reached the page');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function windowAt(url: string) {
  const w = new MockBrowserWindow({});
  await w.loadURL(url);
  return w;
}

describe('live views in the desktop app', () => {
  it('main tells every window showing the app, and no window showing anything else, what changed', async () => {
    const a = await windowAt(APP_ENTRY);
    const b = await windowAt(APP_ENTRY);
    const elsewhere = await windowAt('https://example.org/');
    const closed = await windowAt(APP_ENTRY);
    closed.close();
    const told = broadcastChanges([a, b, elsewhere, closed] as unknown as ChangeTarget[], [{ entity: 'asset', caseId: 'c1' }]);
    expect(told).toBe(2);
    for (const w of [a, b]) expect(w.webContents.sent).toEqual([{ channel: CHANNELS.changed, args: [[{ entity: 'asset', caseId: 'c1' }]] }]);
    expect(elsewhere.webContents.sent).toEqual([]);
    // A malformed notice is dropped with a warning, never relayed.
    const warnings: string[] = [];
    expect(broadcastChanges([a] as unknown as ChangeTarget[], [{ entity: 'asset', caseId: 5, extra: 1 }], (m) => warnings.push(m))).toBe(0);
    expect(warnings[0]).toMatch(/malformed change notice/);
    expect(a.webContents.sent).toHaveLength(1);
    // The records a change touched ride along, so a grid can re-read just those rows.
    const rows = [{ entity: 'asset', caseId: 'c1', ids: ['a1', 'a2'], created: true }];
    expect(broadcastChanges([a] as unknown as ChangeTarget[], rows)).toBe(1);
    expect(a.webContents.sent[1]).toEqual({ channel: CHANNELS.changed, args: [rows] });
  });

  it('the preload hands the page plain, checked notices and lets it stop listening', () => {
    const ipc = new MockIpcRenderer();
    const api = buildPreloadApi(ipc, []);
    const got: unknown[] = [];
    const stop = api.onChanges((c) => got.push(c));
    ipc.emit(CHANNELS.changed, {}, [{ entity: 'case', caseId: null }]);
    ipc.emit(CHANNELS.changed, {}, [{ entity: 'case', caseId: { toString: 'x' } }]);
    ipc.emit(CHANNELS.changed, {}, 'everything');
    ipc.emit(CHANNELS.changed, {}, [{ entity: 'asset', caseId: 'c1', ids: ['a1', 7] }]);
    ipc.emit(CHANNELS.changed, {}, [{ entity: 'asset', caseId: 'c1', ids: ['a1'], removed: true, extra: 'dropped' }]);
    stop();
    ipc.emit(CHANNELS.changed, {}, [{ entity: 'asset', caseId: 'c2' }]);
    expect(got).toEqual([[{ entity: 'case', caseId: null }], [{ entity: 'asset', caseId: 'c1', ids: ['a1'], removed: true }]]);
  });

  it('a change committed by the core reaches the page through main, as {entity, caseId}', async () => {
    const chain = await t.chain();
    const got: { entity: string; caseId: string | null }[][] = [];
    chain.proceeds.onChanges((c) => got.push(c));
    const c = (await chain.proceeds.api['cases.create']({ number: 'TF-LIVE-1', title: 'Live' })) as { id: string };
    await waitFor(() => got.flat().some((x) => x.entity === 'case' && x.caseId === c.id));
    // Through the renderer's connection only: one notice per commit, not one per connection.
    expect(got.flat().filter((x) => x.entity === 'case' && x.caseId === c.id)).toEqual([{ entity: 'case', caseId: c.id, ids: [c.id], created: true }]);
  });
});
