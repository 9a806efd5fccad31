import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The layer rules of .dependency-cruiser.cjs (run by `npm test` as `npm run lint:layers`) catch
 * what they say: a small tree that breaks each rule once, cruised with the project's own config.
 */
const root = path.resolve('.');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'proceeds-layers-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function tree(files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(tmp, name)), { recursive: true });
    fs.writeFileSync(path.join(tmp, name), text);
  }
}

function cruise(config: string, dirs: string[]): { rule: string; from: string; to: string }[] {
  const bin = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const r = spawnSync(process.execPath, [bin, ...dirs, '--config', path.join(root, config), '--output-type', 'json', '--no-cache'], { cwd: tmp, encoding: 'utf8' });
  const out = JSON.parse(r.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return out.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

tree({
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', allowJs: true } }),
  'db/schema/t.ts': 'export const TABLE = 1;\n',
  'renderer/src/view.ts': "import { TABLE } from '../../db/schema/t';\nimport fs from 'node:fs';\nimport { helper } from '../../core/helper';\nexport const v = [TABLE, fs, helper];\n",
  'core/helper.ts': "import { TABLE } from '../db/schema/t';\nexport const helper = TABLE;\n",
  'core/uses-ui.ts': "import { v } from '../renderer/src/view';\nimport { icon } from '../assets/icon';\nexport const u = [v, icon];\n",
  'assets/icon.ts': 'export const icon = 1;\n',
  'core/cases/schemas.ts': "import path from 'node:path';\nexport const s = path.sep;\n",
  'core/p.ts': "import { q } from './q';\nexport const p = () => q;\n",
  'core/q.ts': "import { p } from './p';\nexport const q = () => p;\n",
});

describe('layer rules (dependency-cruiser)', () => {
  const found = cruise('.dependency-cruiser.cjs', ['core', 'db', 'renderer/src']);
  const rules = new Set(found.map((v) => v.rule));

  it('the renderer imports no db/ and no Node built-in', () => {
    expect(found).toContainEqual({ rule: 'renderer-not-db', from: 'renderer/src/view.ts', to: 'db/schema/t.ts' });
    expect(rules).toContain('renderer-not-node');
  });
  it('core/ imports no renderer and no top-level assets/', () => {
    expect(found).toContainEqual({ rule: 'core-not-ui-or-shell', from: 'core/uses-ui.ts', to: 'renderer/src/view.ts' });
    expect(found).toContainEqual({ rule: 'core-not-top-level-assets', from: 'core/uses-ui.ts', to: 'assets/icon.ts' });
  });
  it('core/*/schemas.ts imports no Node module', () => {
    expect(found.find((v) => v.rule === 'schemas-no-node')?.from).toBe('core/cases/schemas.ts');
  });
  it('no cycles', () => {
    expect(found.some((v) => v.rule === 'no-circular' && ['core/p.ts', 'core/q.ts'].includes(v.from))).toBe(true);
  });
  it('nothing reachable from the renderer brings in db/ or Node (through core/)', () => {
    const reach = cruise('.dependency-cruiser.renderer.cjs', ['renderer/src']);
    expect(reach.map((v) => v.rule)).toContain('renderer-reaches-no-db');
    expect(reach.map((v) => v.rule)).toContain('renderer-reaches-no-node');
  });
});
