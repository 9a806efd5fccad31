import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Connection } from '../db/connection.js';
import { api, type Api, type MethodName } from './api.js';
import type { CallOptions } from './contract.js';
import type { Actor, Ctx } from './context.js';
import { appendAudit } from './audit/chain.js';
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
  }

  actor(): Actor {
    const get = (k: string) =>
      (this.writer.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(k) as { value: string } | undefined)?.value;
    return {
      user: this.actorOverride.user ?? get('user.name') ?? os.userInfo().username,
      agency: this.actorOverride.agency ?? get('user.agency') ?? 'local',
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
    const prepared = def.prepare ? await def.prepare(parsed.data as never, this.ctx(method, false, opts)) : undefined;
    return this.lock.run(() => this.inTransaction(method, parsed.data, opts, prepared));
  }

  private async inTransaction(method: MethodName, input: unknown, opts: CallContext, prepared: unknown): Promise<any> {
    const sqlite = this.writer.sqlite;
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const result = await (api as any)[method].handler(input, this.ctx(method, true, opts), prepared);
      if (opts.signal?.aborted) throw new ProceedsError('Cancelled', 'cancelled: nothing was saved');
      sqlite.exec('COMMIT');
      return result;
    } catch (e) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw e;
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
