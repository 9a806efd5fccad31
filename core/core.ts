import { ChangeFeed, type Change } from './change-feed.js';
import path from 'node:path';
import { openDatabase, setAuditedWrite, type Connection } from '../db/connection.js';
import { api, type Api, type MethodName } from './api.js';
import type { CallOptions, ExclusiveCtx } from './contract.js';
import type { Actor, Ctx, SiblingCore } from './context.js';
import { appendAudit } from './audit/chain.js';
import { resolveActor } from './actor.js';
import { syncTree } from './audit/tree.js';
import { ProceedsError, fromZod, fail } from './errors.js';
import { Mutex } from './mutex.js';
import { beginImmediate, DEFAULT_WRITE_WAIT_MS, isBusy, leaveWriterNote } from './write-lock.js';
import { asDamaged } from '../db/open-guard.js';
import type { DbKey } from '../db/cipher.js';
import { changeKey, type ChangeKeyReport } from './encryption/change-key.js';
import { ensureFileKey, fileCipherOf } from './encryption/file-key.js';
import type { FileCipher } from './encryption/file-cipher.js';
import { checkIntegrity, integrityReason, type IntegrityReport } from './audit/integrity.js';
import { inReadSnapshot } from './audit/snapshot.js';
import { contentDigest, rememberVerified, verifiedAt, type VerifiedCache } from './audit/verified-cache.js';

export interface CoreOptions {
  dbPath: string;
  /** Exhibits, staged uploads and outputs live here; default: beside the database. */
  dataDir?: string;
  actor?: Partial<Actor>;
  /** May create a missing database file (default true); the CLI allows it only for creating commands. */
  create?: boolean;
  /** May create the missing folder of the database too: only for the app's default location. */
  createFolder?: boolean;
  /** The key of an encrypted database, or the key a new database is created with (db/cipher.ts). */
  key?: DbKey;
  /** How long a mutation waits for another process's write to finish before failing with Busy. */
  writeWaitMs?: number;
  /**
   * Where to remember that this database's exact content passed deep verification, so an open of
   * unchanged content skips the replay (the CLI passes the app's data folder; see verified-cache.ts).
   */
  verifiedCache?: VerifiedCache;
}

export interface CallContext extends CallOptions {
  /** CLI and Electron main are trusted (may pass file paths); renderers are not. */
  trusted?: boolean;
}

type Deferred = (ok: boolean) => void | Promise<void>;

/** Runs every clean-up, in reverse order, even when one fails (the first failure is then thrown). */
async function runDeferred(deferred: Deferred[], ok: boolean): Promise<void> {
  let failure: Error | undefined;
  for (const d of deferred.reverse()) {
    try {
      await d(ok);
    } catch (e) {
      failure ??= e instanceof Error ? e : new Error(String(e));
    }
  }
  if (failure) throw failure;
}

export type Result<M extends MethodName> = Awaited<ReturnType<Api[M]['handler']>>;

/**
 * The core: one database, the contract's methods, and the rules every call goes through
 * (input validation, one writer at a time, one transaction per change, audit rows in it).
 */
export class Core {
  /** Replaced when an exclusive method (a restore) reopens the file. */
  writer: Connection;
  reader: Connection;
  readonly dataDir: string;
  private readonly lock = new Mutex();
  private readonly actorOverride: Partial<Actor>;
  private readonly dbPath: string;
  private readonly writeWaitMs: number;
  /** The check on open (verifyOnOpen), when the app ran it. */
  private integrity: IntegrityReport | undefined;
  private readonly verifiedCache?: VerifiedCache;
  /** The writer's data_version when the content was verified: another connection's commit changes it. */
  private verifiedVersion?: number;
  /** This core committed a change since the check: its content must be noted again at close. */
  private wroteSinceCheck = false;
  private readonly create: boolean;
  private readonly createFolder: boolean;
  /** Set while an exclusive method has the file closed: queries wait for it. */
  private closedFor?: Promise<unknown>;
  /** Queries in progress: an exclusive method waits for them before closing the file. */
  private queriesRunning = 0;
  /** Set by an encryption or a rekey (changeKey). */
  private key: DbKey | undefined;

  constructor(opts: CoreOptions) {
    this.dbPath = opts.dbPath;
    this.writeWaitMs = opts.writeWaitMs ?? DEFAULT_WRITE_WAIT_MS;
    this.create = opts.create ?? true;
    this.createFolder = opts.createFolder ?? true;
    this.dataDir = opts.dataDir ?? path.join(path.dirname(path.resolve(opts.dbPath)), 'proceeds-data');
    this.actorOverride = opts.actor ?? {};
    this.verifiedCache = this.dbPath === ':memory:' ? undefined : opts.verifiedCache;
    this.key = opts.key;
    [this.writer, this.reader] = this.open(this.create);
  }

  private open(create: boolean): [Connection, Connection] {
    const writer = openDatabase(this.dbPath, { create, createFolder: this.createFolder, key: this.key });
    // A second connection for queries: under WAL it sees only committed data, so a long import
    // in progress is invisible to readers until it commits.
    let reader = writer;
    try {
      if (this.dbPath !== ':memory:') reader = openDatabase(this.dbPath, { readonly: true, key: this.key });
    } catch (e) {
      writer.close();
      throw e;
    }
    // Databases from before the Merkle tree, or a tree behind its log, catch up once here. A log
    // with a gap cannot: the core still opens so that `audit verify` can say where the gap is.
    try {
      writer.sqlite.transaction(() => syncTree(writer.sqlite)).immediate();
    } catch {
      /* reported by audit.verify */
    }
    // An encrypted database keeps the key of its exhibit files (core/encryption/file-key.ts).
    if (writer.encrypted && !writer.readonlyReason) ensureFileKey(writer.sqlite);
    return [writer, reader];
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

  /**
   * Deep verification as the app opens the database (desktop, browser, CLI). On any finding the
   * core turns read-only: every mutation is refused with the findings, and the writer connection
   * itself refuses writes (query_only), so nothing is built on top of an edit made outside the app.
   */
  verifyOnOpen(): IntegrityReport {
    const r = this.verifiedCache ? this.verifyUnlessNoted(this.verifiedCache) : checkIntegrity(this.reader.sqlite);
    this.integrity = r;
    if (!r.ok) this.writer.sqlite.pragma('query_only = ON');
    return r;
  }

  /**
   * Deep verification unless the content, digested whole, is what a note says passed it before. One
   * read transaction on the writer: the digest, the check and the data_version describe one snapshot.
   */
  private verifyUnlessNoted(cache: VerifiedCache): IntegrityReport {
    const sqlite = this.writer.sqlite;
    return inReadSnapshot(sqlite, () => {
      this.verifiedVersion = sqlite.pragma('data_version', { simple: true }) as number;
      this.wroteSinceCheck = false;
      let digest: string;
      try {
        digest = contentDigest(sqlite);
      } catch {
        return checkIntegrity(sqlite);
      }
      const noted = verifiedAt(cache, this.dbPath, digest);
      if (noted) return { ok: true, checkedAt: noted, findings: [], total: 0, remembered: true };
      const r = checkIntegrity(sqlite);
      if (r.ok) rememberVerified(cache, this.dbPath, digest, r.checkedAt);
      return r;
    });
  }

  /**
   * Notes the content this core leaves behind as verified: it was verified at open and changed only
   * by this core's audited transactions since. The log is folded into the file first, so the bytes
   * noted are the bytes the next open finds. Skipped when another connection committed meanwhile
   * (data_version moved): that change was not this core's to vouch for.
   */
  private noteVerifiedOnClose(): void {
    const cache = this.verifiedCache;
    if (!cache || !this.wroteSinceCheck || !this.integrity?.ok || this.writer.readonlyReason) return;
    const sqlite = this.writer.sqlite;
    const unchanged = () => sqlite.pragma('data_version', { simple: true }) === this.verifiedVersion;
    try {
      const [folded] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (folded?.busy !== 0 || !unchanged()) return;
      const digest = contentDigest(sqlite);
      if (unchanged()) rememberVerified(cache, this.dbPath, digest, new Date().toISOString());
    } catch {
      /* the next open verifies deep */
    }
  }

  /** The result of verifyOnOpen, if it ran. */
  get openCheck(): IntegrityReport | undefined {
    return this.integrity;
  }

  /** Why this core cannot write (newer schema, read-only file, failed deep verification), or undefined when it can. */
  get readonlyReason(): string | undefined {
    return this.writer.readonlyReason ?? (this.integrity && !this.integrity.ok ? integrityReason(this.integrity) : undefined);
  }

  /** Whether opening this core created the database file. */
  get created(): boolean {
    return Boolean(this.writer.created);
  }

  actor(): Actor {
    return resolveActor(this.writer.sqlite, this.actorOverride);
  }

  async call<M extends MethodName>(method: M, input: unknown, opts: CallContext = {}): Promise<Result<M>> {
    const def = (api as Record<string, Api[MethodName]>)[method];
    if (!def || !Object.hasOwn(api, method)) throw new ProceedsError('NotFound', `unknown method "${method}"`);
    if (def.trustedOnly && !opts.trusted)
      throw new ProceedsError('Forbidden', `"${method}" can only be called from the command line or the desktop app`);
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) throw fromZod(parsed.error);
    // Clean-up the handler asked for (ctx.defer): run once the call has ended, told whether it succeeded.
    const deferred: Deferred[] = [];
    let ok = false;
    try {
      let result: unknown;
      if (def.exclusive) result = await this.lock.run(() => this.runExclusive(method, def, parsed.data, opts, deferred));
      else {
        // The map's union of handlers takes the intersection of their inputs; this method's own schema parsed this input.
        const handler = def.handler as (input: unknown, ctx: Ctx) => unknown;
        if (!def.mutates) result = await this.runQuery(() => handler(parsed.data, this.ctx(method, false, opts, undefined, deferred)));
        else {
          const readonly = this.readonlyReason;
          if (readonly) throw new ProceedsError('Forbidden', `${method}: nothing was changed: ${readonly}`);
          // Slow work that needs no lock (hashing an import) happens before queueing for it.
          const prepared = def.prepare ? await (def.prepare as (i: unknown, c: Ctx) => unknown)(parsed.data, this.ctx(method, false, opts, undefined, deferred)) : undefined;
          result = await this.lock.run(() => this.inTransaction(method, parsed.data, opts, Boolean(def.long), prepared, deferred));
        }
      }
      ok = true;
      return result as Result<M>;
    } catch (e) {
      throw this.plainError(e);
    } finally {
      await runDeferred(deferred, ok);
    }
  }

  private async runQuery<R>(run: () => R | Promise<R>): Promise<R> {
    while (this.closedFor) await this.closedFor;
    this.queriesRunning++;
    try {
      return await run();
    } finally {
      this.queriesRunning--;
    }
  }

  /** An exclusive method (a restore): run with the file closed in this process (see withFileClosed). */
  private async runExclusive(method: string, def: Api[MethodName], input: unknown, opts: CallContext, deferred: Deferred[]): Promise<unknown> {
    const actor = this.actor();
    const fileCipher = fileCipherOf(this.writer.sqlite);
    let nextKey: DbKey | undefined;
    return this.withFileClosed(async () => {
      const x: ExclusiveCtx = {
        dbPath: path.resolve(this.dbPath),
        key: this.key,
        dataDir: this.dataDir,
        fileCipher,
        defer: (c) => void deferred.push(c),
        setKey: (k) => void (nextKey = k),
        actor,
        trusted: opts.trusted ?? false,
        method,
        now: () => new Date().toISOString(),
        progress: (p) => opts.onProgress?.(p),
        signal: opts.signal ?? new AbortController().signal,
      };
      return await (def.handler as unknown as (i: unknown, x: ExclusiveCtx) => Promise<unknown>)(input, x);
    }, () => nextKey);
  }

  /**
   * Closes both connections, runs `work` on the bare file, and reopens it, whatever happened: a
   * restore that was refused leaves the old file, one that succeeded the new one. Holding the
   * writer lock keeps mutations out; queries that arrive meanwhile wait for the reopen. `work`
   * may return the key the file has from then on (a rekey, an encryption).
   */
  private async withFileClosed<R>(work: () => Promise<R>, nextKey?: (r: R) => DbKey | undefined): Promise<R> {
    let reopened!: () => void;
    this.closedFor = new Promise<void>((r) => (reopened = r));
    try {
      while (this.queriesRunning > 0) await new Promise((r) => setTimeout(r, 5));
      this.close();
      try {
        const r = await work();
        if (nextKey) this.key = nextKey(r) ?? this.key;
        return r;
      } finally {
        [this.writer, this.reader] = this.open(false);
        // A restored file is a different file: check it as it was checked at open (a restore is
        // also how a database that failed deep verification becomes writable again).
        if (this.integrity) this.verifyOnOpen();
      }
    } finally {
      this.closedFor = undefined;
      reopened();
    }
  }

  /** The database file's absolute path. */
  get dbFile(): string {
    return path.resolve(this.dbPath);
  }

  /**
   * The key of the files beside an encrypted database (exhibits, staged uploads, outputs), for the
   * transports that stage uploads and hand outputs over; undefined for a plain database.
   */
  get fileCipher(): FileCipher | undefined {
    return fileCipherOf(this.writer.sqlite);
  }

  /** Whether the open database is encrypted. */
  get encrypted(): boolean {
    return this.writer.encrypted;
  }

  /**
   * Encrypts a plain database, or re-encrypts an encrypted one under `newKey`, with this process's
   * connections closed (see core/encryption/change-key.ts); then reopens with the new key. Not a
   * contract method: a key never travels through the bridge.
   */
  async changeKey(newKey: DbKey): Promise<ChangeKeyReport> {
    if (this.dbPath === ':memory:') throw new ProceedsError('Invalid', 'an in-memory database cannot be encrypted');
    const actor = this.actor();
    return this.lock.run(() =>
      this.withFileClosed(
        () => changeKey({ dbPath: path.resolve(this.dbPath), dataDir: this.dataDir, oldKey: this.key, newKey, actor }),
        () => newKey,
      ),
    );
  }

  /** SQLite's raw words ("database is locked", "disk image is malformed") never reach a user. */
  private plainError(e: unknown): unknown {
    if (e instanceof ProceedsError) return e;
    if (isBusy(e)) return new ProceedsError('Busy', `${path.resolve(this.dbPath)} is busy: another process is using it; nothing was saved, try again`);
    if (String((e as { code?: string }).code).startsWith('SQLITE_FULL'))
      return new ProceedsError('Internal', `the disk holding ${path.dirname(path.resolve(this.dbPath))} is full: nothing was saved; free some space and try again`);
    return asDamaged(e, this.dbPath);
  }

  private async inTransaction(method: MethodName, input: unknown, opts: CallContext, long: boolean, prepared: unknown, deferred: Deferred[]): Promise<unknown> {
    const sqlite = this.writer.sqlite;
    // Waits on timers, not in SQLite's busy handler: the event loop (the bridge's reads) stays free.
    await beginImmediate(sqlite, {
      dbPath: this.dbPath,
      signal: opts.signal,
      maxWaitMs: this.writeWaitMs,
      // Indeterminate (no total): how long the other writer needs is unknown; the message says who it is.
      onWait: (w) => opts.onProgress?.({ phase: 'waiting', done: Math.round(w.waitedMs / 1000), message: w.message }),
    });
    // Long writers say who they are, so a process that must wait can tell its user.
    const removeNote = long ? leaveWriterNote(this.dbPath, method) : () => undefined;
    // Evidence tables accept changes only inside this audited transaction (db/guards.ts).
    setAuditedWrite(sqlite, true);
    try {
      const handler = (api as Record<string, Api[MethodName]>)[method].handler as (input: unknown, ctx: Ctx, prepared: unknown) => unknown;
      const result = await handler(input, this.ctx(method, true, opts, prepared, deferred), prepared);
      if (opts.signal?.aborted) throw fail('Cancelled', 'cancelled.nothingSaved');
      sqlite.exec('COMMIT');
      this.wroteSinceCheck = true;
      // A large import leaves a WAL as big as itself; fold it back and shrink it while nobody reads.
      if (long) this.truncateWal();
      return result;
    } catch (e) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      // A rolled-back import leaves a WAL as large as what it wrote (a full disk stays full).
      if (long) this.truncateWal();
      throw e;
    } finally {
      setAuditedWrite(sqlite, false);
      removeNote();
    }
  }

  private truncateWal(): void {
    if (this.dbPath === ':memory:') return;
    const sqlite = this.writer.sqlite;
    const previous = sqlite.pragma('busy_timeout', { simple: true }) as number;
    sqlite.pragma('busy_timeout = 0');
    try {
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Readers or another writer are active: SQLite's automatic checkpoints finish the job later.
    } finally {
      sqlite.pragma(`busy_timeout = ${previous}`);
    }
  }

  private ctx(method: string, mutates: boolean, opts: CallContext, prepared?: unknown, deferred?: Deferred[]): Ctx {
    const conn = mutates ? this.writer : this.reader;
    // Looked up on first use: most queries never ask who is calling, and the lookup costs two reads.
    let actor: Actor | undefined;
    const who = () => (actor ??= this.actor());
    const now = () => new Date().toISOString();
    let signal: AbortSignal | undefined;
    return {
      db: conn.db,
      sqlite: conn.sqlite,
      get actor() {
        return who();
      },
      dataDir: this.dataDir,
      get fileCipher() {
        return fileCipherOf(conn.sqlite);
      },
      defer: deferred ? (c) => void deferred.push(c) : undefined,
      openCheck: this.integrity,
      method,
      trusted: opts.trusted ?? false,
      now,
      prepared,
      // Made on first use: a query that never checks for cancellation should not pay for a controller.
      get signal() {
        return (signal ??= opts.signal ?? new AbortController().signal);
      },
      progress: (p) => opts.onProgress?.(p),
      audit: (change) => {
        if (!mutates) throw new Error(`${method}: audit() called outside a mutation`);
        appendAudit(conn.sqlite, who(), method, change, now());
      },
      openCore: (o) => siblingOf(new Core(o)),
    };
  }

  private feed: ChangeFeed | undefined;

  /** Calls `listener` with what each committed change touched, whoever wrote it (this process or another). */
  onChanges(listener: (changes: Change[]) => void): () => void {
    this.feed ??= new ChangeFeed(() => this.reader.sqlite);
    return this.feed.subscribe(listener);
  }

  close(): void {
    this.noteVerifiedOnClose();
    if (this.reader !== this.writer) this.reader.close();
    this.writer.close();
  }
}

export const methodNames = (): MethodName[] => Object.keys(api) as MethodName[];

function siblingOf(core: Core): SiblingCore {
  return {
    dataDir: core.dataDir,
    writerSqlite: core.writer.sqlite,
    methodInfo: (method) => (Object.hasOwn(api, method) ? (api as Record<string, { mutates: boolean; trustedOnly?: boolean }>)[method] : undefined),
    call: (method, input, opts) => core.call(method as MethodName, input, opts),
    close: () => core.close(),
  };
}
