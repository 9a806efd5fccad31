// Interop tests run the standard tools (minisign, age, unzip, sqlite3, pdftotext, xmllint) on what we write.
// Without a tool, a developer's run skips those tests with a warning; CI (CI=true) fails them: the
// tool is installed by .ci/run, and a silent skip there would hide a broken interop check.
import { spawnSync } from 'node:child_process';
import { it } from 'vitest';

/** The tool's path on PATH, or undefined. */
export function tool(name: string): string | undefined {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim() || undefined;
}

/** The tool's path; throws (failing the test) when it is missing. */
export function requireTool(name: string): string {
  const found = tool(name);
  if (!found) throw new Error(`${name} is required for this test (apt-get install -y ${name === 'pdftotext' ? 'poppler-utils' : name === 'xmllint' ? 'libxml2-utils' : name}; .ci/run installs it)`);
  return found;
}

/** `it` for a test that needs `name`: skipped with a warning without it, except in CI, where it fails. */
export function itWithTool(name: string): typeof it {
  if (tool(name) || process.env.CI) return it;
  console.warn(`${name} is not installed: its interop tests are skipped (they fail in CI)`);
  return it.skip as typeof it;
}
