import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Review shows the bundle through the views of the app, so every view must read through the one
 * client of its context (useClient / useApi): a view holding the module-level client would read the
 * local database during a review and show "No Rows To Show" for a case of thousands of rows. Only
 * the bundle screens themselves talk to the local core on purpose (receive, export, the review shell).
 */
const ALLOWED = new Set(['bundles/ReceivePanel.tsx', 'bundles/ExportPanel.tsx', 'bundles/ReviewWorkspace.tsx', 'bundles/reviewClient.ts']);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

describe('views read through the context client', () => {
  it('no view outside the bundle screens imports the module-level client', () => {
    const root = path.resolve('renderer/src/views');
    const offenders = files(root)
      .map((f) => path.relative(root, f))
      .filter((rel) => !ALLOWED.has(rel) && /import\s*\{[^}]*\bclient\b[^}]*\}\s*from\s*'[./]*api\/client'/.test(fs.readFileSync(path.join(root, rel), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
