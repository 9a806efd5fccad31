import fs from 'node:fs';
import os from 'node:os';
import type { DbKey } from '../db/cipher.js';
import { givenWithoutAsking, readPassphrase, type PassphraseSource } from './passphrase.js';
import path from 'node:path';
import type { Core, Result } from '../core/core.js';
import type { MethodName } from '../core/api.js';
import type { Progress } from '../core/contract.js';
import { ProceedsError } from '../core/errors.js';
import { localizeError, messageLanguage } from '../core/i18n/localize.js';
import { renderMessage, type MessageLang } from '../core/i18n/render.js';
import { renderProgress, clearProgress } from './progress.js';
import { stringifyExact } from '../core/json-exact.js';

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
  /** --create: any command may create a missing database (otherwise only creating commands may). */
  create?: boolean;
  /** --wait: seconds to wait for another process writing to the database. */
  wait?: string;
  /** --passphrase-fd: the file descriptor to read the database passphrase from. */
  passphraseFd?: string;
}

/** What a command says about itself when it asks for the context. */
export interface CommandNeeds {
  /** The command makes something new (a case, the demo, an imported bundle): it may create the database. */
  creates?: boolean;
  /** The command is about the profile itself: no hint to set it. */
  profile?: boolean;
}

/** What a command needs: the core, output helpers that respect --json, progress on a terminal. */
export class CliContext {
  private core?: Core;
  /** Set by creating commands before the core is opened. */
  mayCreate = false;
  /** Set by the profile commands: they need no hint to set the profile. */
  aboutProfile = false;
  constructor(readonly opts: GlobalOptions) {}

  get json(): boolean {
    return Boolean(this.opts.json);
  }

  /**
   * Opens the database. A mistyped --db must not create anything: only creating commands (or
   * --create) may create the file, and only the app's own default location gets its folder made.
   */
  async getCore(): Promise<Core> {
    if (this.core) return this.core;
    // Loaded on first use: `--help` and usage errors never pay for the whole contract.
    const { Core } = await import('../core/core.js');
    const dbPath = this.opts.db ?? defaultDbPath();
    const waitSeconds = this.opts.wait ?? process.env.PROCEEDS_WRITE_WAIT_SECONDS;
    const writeWaitMs = waitSeconds === undefined ? undefined : Number(waitSeconds) * 1000;
    if (writeWaitMs !== undefined && !(writeWaitMs >= 0)) throw new ProceedsError('Invalid', `--wait: not a number of seconds: ${waitSeconds}`, [{ path: 'wait', message: 'not a number of seconds' }]);
    const create = this.mayCreate || Boolean(this.opts.create);
    const key = await this.databaseKey(dbPath, create);
    // Verification on open is remembered in the user's data folder: unchanged content skips the replay (docs/audit-log.md).
    this.core = new Core({ dbPath, create, createFolder: create && this.opts.db === undefined, writeWaitMs, key, verifiedCache: { dir: defaultDataDir() } });
    if (this.core.created) process.stderr.write(`created a new database at ${path.resolve(dbPath)}\n`);
    // Deep verification on open (skipped for content noted as verified): a file edited outside the app is used read-only, and said so.
    const check = this.core.verifyOnOpen();
    if (!check.ok) {
      const shown = check.findings.slice(0, 10).map((f) => `  ${f}\n`).join('');
      process.stderr.write(
        `warning: this database failed deep verification and is open READ-ONLY (${check.total} finding${check.total === 1 ? '' : 's'}):\n${shown}` +
          `${check.total > 10 ? `  ... and ${check.total - 10} more: proceeds audit verify --deep\n` : ''}`,
      );
    } else if (this.core.readonlyReason) process.stderr.write(`note: ${this.core.readonlyReason}\n`);
    // A nudge, never a failure: scripts keep working, and the person learns what entries will say.
    // Not under --json: stderr then carries only the JSON error a script parses.
    const who = this.core.actor();
    if (!who.configured && !this.aboutProfile && !this.json)
      process.stderr.write(`hint: no profile set, so entries name "${who.user}" of "${who.agency}": run proceeds profile set --name "Your Name" --agency "Your Agency" --role "Your role"\n`);
    return this.core;
  }

  /**
   * The key for the database: asked for when the file is encrypted; for a file about to be created,
   * only when a passphrase is given without asking (fd or file), which creates it encrypted.
   * A plain database opens without one ("proceeds db encrypt" converts it).
   */
  async databaseKey(dbPath: string, creating: boolean): Promise<DbKey | undefined> {
    const { keyFromPassphrase, looksEncrypted } = await import('../db/cipher.js');
    const src = this.passphraseSource();
    const fresh = !fs.existsSync(dbPath) || fs.statSync(dbPath).size === 0;
    if (looksEncrypted(dbPath) || (fresh && creating && givenWithoutAsking(src))) return keyFromPassphrase(dbPath, await this.passphrase());
    return undefined;
  }

  private passphraseText?: string;

  /** The database passphrase, read once (a file descriptor can be read only once). */
  async passphrase(): Promise<string> {
    return (this.passphraseText ??= await readPassphrase(this.passphraseSource()));
  }

  passphraseSource(): PassphraseSource {
    const db = path.resolve(this.opts.db ?? defaultDbPath());
    return { fd: this.opts.passphraseFd, fileEnv: 'PROCEEDS_PASSPHRASE_FILE', prompt: `passphrase for ${db}` };
  }

  /** Calls the contract as a trusted caller, with a progress bar when stderr is a terminal. */
  async call<M extends MethodName>(method: M, input: unknown, opts: { signal?: AbortSignal } = {}): Promise<Result<M>> {
    const tty = process.stderr.isTTY && !this.json;
    let toldWaiting = false;
    // PROCEEDS_PROGRESS=json: every progress event as one JSON line on stderr, for scripts (and the
    // tests that act at a given point of a long import).
    const jsonProgress = process.env.PROCEEDS_PROGRESS === 'json';
    const onProgress = (p: Progress) => {
      if (jsonProgress) process.stderr.write(JSON.stringify({ progress: p }) + '\n');
      // Waiting for another process is said in words, on a terminal or not: the user must know why nothing moves.
      if (p.phase === 'waiting' && !toldWaiting) {
        toldWaiting = true;
        if (tty) clearProgress();
        process.stderr.write(`${p.message} (Ctrl-C to give up; nothing is saved until then)\n`);
      }
      if (tty) renderProgress(p);
    };
    try {
      return await (await this.getCore()).call(method, input, { trusted: true, onProgress, signal: opts.signal });
    } finally {
      if (tty) clearProgress();
    }
  }

  /** Machine output with --json, otherwise the human text. */
  print(value: unknown, human?: string | (() => string)): void {
    if (this.json) process.stdout.write(stringifyExact(value, 2) + '\n');
    else process.stdout.write((typeof human === 'function' ? human() : human ?? JSON.stringify(value, null, 2)) + '\n');
  }

  close(): void {
    this.core?.close();
  }
}

/**
 * An error for the terminal, in the language of PROCEEDS_LANG / LC_ALL / LC_MESSAGES / LANG (English
 * by default, word for word the core's message); --json carries the code, key and params for scripts.
 */
export function errorText(e: unknown, lang: MessageLang = messageLanguage()): { text: string; json: unknown } {
  if (e instanceof ProceedsError) {
    const said = lang === 'en' ? e.message : localizeError(e, lang).join('\n');
    return { text: `${renderMessage(lang, 'cli.error')} (${e.code}): ${said}`, json: { error: e.toJSON() } };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { text: `error: ${message}`, json: { error: { code: 'Internal', message, issues: [] } } };
}
