import os from 'node:os';
import path from 'node:path';
import { Core, type Result } from '../core/core.js';
import type { MethodName } from '../core/api.js';
import type { Progress } from '../core/contract.js';
import { ProceedsError } from '../core/errors.js';
import { renderProgress, clearProgress } from './progress.js';
import { minorsAsIntegers, stringifyExact } from '../core/json-exact.js';

/** The app's data directory, as Electron's app.getPath('userData') would have it. */
export function defaultDataDir(): string {
  if (process.env.PROCEEDS_HOME) return process.env.PROCEEDS_HOME;
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Proceeds');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Proceeds');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Proceeds');
}

export const defaultDbPath = () => path.join(defaultDataDir(), 'proceeds.sqlite');

export interface GlobalOptions {
  db?: string;
  json?: boolean;
}

/** What a command needs: the core, output helpers that respect --json, progress on a terminal. */
export class CliContext {
  private core?: Core;
  constructor(readonly opts: GlobalOptions) {}

  get json(): boolean {
    return Boolean(this.opts.json);
  }

  getCore(): Core {
    this.core ??= new Core({ dbPath: this.opts.db ?? defaultDbPath() });
    return this.core;
  }

  /** Calls the contract as a trusted caller, with a progress bar when stderr is a terminal. */
  async call<M extends MethodName>(method: M, input: unknown, opts: { signal?: AbortSignal } = {}): Promise<Result<M>> {
    const onProgress = process.stderr.isTTY && !this.json ? (p: Progress) => renderProgress(p) : undefined;
    try {
      return await this.getCore().call(method, input, { trusted: true, onProgress, signal: opts.signal });
    } finally {
      if (onProgress) clearProgress();
    }
  }

  /** Machine output with --json, otherwise the human text. */
  print(value: unknown, human?: string | (() => string)): void {
    if (this.json) process.stdout.write(stringifyExact(minorsAsIntegers(value), 2) + '\n');
    else process.stdout.write((typeof human === 'function' ? human() : human ?? JSON.stringify(value, null, 2)) + '\n');
  }

  close(): void {
    this.core?.close();
  }
}

export function errorText(e: unknown): { text: string; json: unknown } {
  if (e instanceof ProceedsError) {
    const lines = [`error (${e.code}): ${e.message}`];
    return { text: lines.join('\n'), json: { error: e.toJSON() } };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { text: `error: ${message}`, json: { error: { code: 'Internal', message, issues: [] } } };
}
