import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Core } from '../../core/core.js';

/** A real Core on a real SQLite file in a fresh temp directory. */
export function tempCore(name = 'proceeds'): { core: Core; dir: string; dbPath: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const dbPath = path.join(dir, 'proceeds.sqlite');
  const core = new Core({ dbPath, actor: { user: 'tester', agency: 'Test Agency' } });
  return {
    core,
    dir,
    dbPath,
    cleanup: () => {
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a call and returns the ProceedsError it throws (fails the test if it does not throw). */
export async function callError(core: Core, method: string, input: unknown) {
  try {
    await core.call(method as never, input);
  } catch (e) {
    return e as { code: string; message: string; issues: { path: string; message: string }[] };
  }
  throw new Error(`${method} did not throw`);
}
