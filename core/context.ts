import type { Db, Sqlite } from '../db/connection.js';
import type { Progress } from './contract.js';

export interface Actor {
  user: string;
  agency: string;
  /** The person's role (investigator, analyst, evidence officer...); '' when not given. */
  role?: string;
  /** False until someone has said who they are (first launch): user/agency are then fallbacks. */
  configured?: boolean;
}

export interface AuditChange {
  entity: string;
  entityId: string;
  caseId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** What a handler gets besides its input. */
export interface Ctx {
  db: Db;
  sqlite: Sqlite;
  actor: Actor;
  /** The app's data directory: exhibits, staged files, outputs. */
  dataDir: string;
  /** The key of the files beside an encrypted database (exhibits, staged uploads, outputs); absent for a plain one. */
  fileCipher?: import('./encryption/file-cipher.js').FileCipher;
  /**
   * Runs `cleanup` when the call ends (`ok`: it succeeded and, for a mutation, committed): plain
   * working copies of encrypted files never outlive the call (core/files.ts).
   */
  defer?(cleanup: (ok: boolean) => void | Promise<void>): void;
  /** The deep verification the app ran as it opened the database (undefined when it did not run). */
  openCheck?: import('./audit/integrity.js').IntegrityReport;
  /** Name of the contract method being run (recorded in the audit log). */
  method: string;
  /** Appends an audit row in the current transaction. Only valid in mutations. */
  audit(change: AuditChange): void;
  progress: (p: Progress) => void;
  signal: AbortSignal;
  /** Whether the caller is a trusted transport (CLI, Electron main) rather than a renderer. */
  trusted: boolean;
  now(): string;
  /** What the method's `prepare` returned, before the write lock was taken (mutations only). */
  prepared?: unknown;
  /**
   * Opens another Core of this build over another database file (a bundle under review runs in
   * one). Handed through the context so that no method module imports the contract it is part of.
   */
  openCore(opts: { dbPath: string; dataDir: string; actor: Partial<Actor> }): SiblingCore;
}

/** What a method may do with a Core it opened: call the contract on it, write its file directly, close it. */
export interface SiblingCore {
  readonly dataDir: string;
  /** The writer connection, for loading records inside one transaction of the caller's making. */
  readonly writerSqlite: Sqlite;
  /** How the contract declares a method, or undefined for a name it does not have. */
  methodInfo(method: string): { mutates: boolean; trustedOnly?: boolean } | undefined;
  call(method: string, input: unknown, opts: { trusted: boolean }): Promise<unknown>;
  close(): void;
}
