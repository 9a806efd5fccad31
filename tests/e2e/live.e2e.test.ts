import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, it } from 'vitest';
import { openApp, closeBrowser, e2eEnabled, waitForText, type App } from './harness.js';

afterAll(closeBrowser);
const run = promisify(execFile);

describe.runIf(e2eEnabled)('live views (Chromium)', () => {
  let app: App;
  afterAll(async () => app?.close());

  it('a case created by the CLI, a separate process on the same file, appears in the open window within a second', async () => {
    app = await openApp({ prepare: async (core) => void (await core.call('cases.create', { number: 'TF-2026-501', title: 'Operation Window' })) });
    const { page } = app;
    const grid = page.getByTestId('cases-grid');
    await grid.getByText('Operation Window').waitFor();
    await run(process.execPath, [path.resolve('cli/proceeds.mjs'), '--db', path.join(app.dir, 'proceeds.sqlite'), 'case', 'create', '--number', 'TF-2026-502', '--title', 'Operation Relay']);
    // No reload, no click: the core noticed the other process's commit and the list refreshed itself.
    await waitForText(grid, 'Operation Relay', 1000);
    await app.screenshot('live-cli-case');
  });
});
