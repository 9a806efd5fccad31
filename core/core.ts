import os from 'node:os';
import path from 'node:path';
import { openDatabase, setAuditedWrite, type Connection } from '../db/connection.js';
import { api, type Api, type MethodName } from './api.js';
import type { CallOptions } from './contract.js';
import type { Actor, Ctx } from './context.js';
import { appendAudit } from './audit/chain.js';
import { syncTree } from './audit/tree.js';
import { ProceedsError, fromZod } from './errors.js';
import { Mutex } from './mutex.js';

export interface CoreOptions {
  dbPath: string;
  /** Exhibits, staged uploads and outputs live here; default: beside the database. */
  dataDir?: string;
  actor?: Partial<Actor>;
}

export interface CallContext extends CallOptions {
  /** CLI and Electron main are trusted (may pass file paths); renderers are not. */
  trusted?: boolean;
}

export type Result<M extends MethodName> = Awaited<ReturnType<Api[M]['handler']>>;

/**
 * The core: one database, the contract's methods, and the rules every call goes through
 * (input validation, one writer at a time, one transaction per change, audit rows in it).
 */
export class Core {
  readonly writer: Connection;
  readonly reader: Connection;
  readonly dataDir: string;
  private readonly lock = new Mutex();
  private readonly actorOverride: Partial<Actor>;

  constructor(opts: CoreOptions) {
    this.writer = openDatabase(opts.dbPath);
    // A second connection for queries: under WAL it sees only committed data, so a long import
    // in progress is invisible to readers until it commits.
    this.reader = opts.dbPath === ':memory:' ? this.writer : openDatabase(opts.dbPath, { readonly: true });
    this.dataDir = opts.dataDir ?? path.join(path.dirname(path.resolve(opts.dbPath)), 'proceeds-data');
    this.actorOverride = opts.actor ?? {};
    // Databases from before the Merkle tree, or a tree behind its log, catch up once here. A log
    // with a gap cannot: the core still opens so that `audit verify` can say where the gap is.
    try {
      this.writer.sqlite.transaction(() => syncTree(this.writer.sqlite)).immediate();
    } catch {
      /* reported by audit.verify */
    }
  }

  /**
   * Signs a checkpoint as the app closes, when the agency key opens without a passphrase (OS
   * keychain). Never throws: closing must not fail because a key is locked or missing.
   */
  async checkpointOnClose(): Promise<{ written: boolean; reason?: string }> {
    const id = this.reader.sqlite.prepare("SELECT id FROM signing_keys WHERE protection = 'safeStorage' ORDER BY created_at DESC LIMIT 1").pluck().get() as string | undefined;
    if (!id) return { written: false, reason: 'no signing key that opens without a passphrase' };
    try {
      await this.call('audit.checkpoint', { keyId: id, reason: 'close' }, { trusted: true });
      return { written: true };
    } catch (e) {
      return { written: false, reason: (e as Error).message };
    }
  }

  actor(): Actor {
    const get = (k: string) =>
      (this.writer.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(k) as { value: string } | undefined)?.value;
    const name = this.actorOverride.user ?? get('user.name');
    return {
      user: name ?? os.userInfo().username,
      agency: this.actorOverride.agency ?? get('user.agency') ?? 'local',
      role: this.actorOverride.role ?? get('user.role') ?? '',
      configured: name !== undefined,
    };
  }

  async call<M extends MethodName>(method: M, input: unknown, opts: CallContext = {}): Promise<Result<M>> {
    const def = (api as Record<string, Api[MethodName]>)[method];
    if (!def || !Object.hasOwn(api, method)) throw new ProceedsError('NotFound', `unknown method "${method}"`);
    if (def.trustedOnly && !opts.trusted)
      throw new ProceedsError('Forbidden', `"${method}" can only be called from the command line or the desktop app`);
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) throw fromZod(parsed.error);
    if (!def.mutates) return (await def.handler(parsed.data as never, this.ctx(method, false, opts))) as Result<M>;
    return this.lock.run(() => this.inTransaction(method, parsed.data, opts));
  }

  private async inTransaction(method: MethodName, input: unknown, opts: CallContext): Promise<any> {
    const sqlite = this.writer.sqlite;
    sqlite.exec('BEGIN IMMEDIATE');
    setAuditedWrite(sqlite, true);
    try {
      const result = await (api as any)[method].handler(input, this.ctx(method, true, opts));
      if (opts.signal?.aborted) throw new ProceedsError('Cancelled', 'cancelled: nothing was saved');
      sqlite.exec('COMMIT');
      return result;
    } catch (e) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw e;
    } finally {
      setAuditedWrite(sqlite, false);
    }
  }

  private ctx(method: string, mutates: boolean, opts: CallContext): Ctx {
    const conn = mutates ? this.writer : this.reader;
    // Looked up on first use: most queries never ask who is calling, and the lookup costs two reads.
    let actor: Actor | undefined;
    const who = () => (actor ??= this.actor());
    const now = () => new Date().toISOString();
    return {
      db: conn.db,
      sqlite: conn.sqlite,
      get actor() {
        return who();
      },
      dataDir: this.dataDir,
      method,
      trusted: opts.trusted ?? false,
      now,
      signal: opts.signal ?? new AbortController().signal,
      progress: (p) => opts.onProgress?.(p),
      audit: (change) => {
        if (!mutates) throw new Error(`${method}: audit() called outside a mutation`);
        appendAudit(conn.sqlite, who(), method, change, now());
      },
    };
  }

  close(): void {
    if (this.reader !== this.writer) this.reader.close();
    this.writer.close();
  }
}

export const methodNames = (): MethodName[] => Object.keys(api) as MethodName[];
