import type { DbKey } from '../db/cipher.js';
import type { z } from 'zod';
import type { Actor, Ctx } from './context.js';

/**
 * One method of the contract: its input schema and its handler.
 * `mutates` methods run alone, inside one SQLite transaction, with their audit rows.
 */
export interface MethodDef<S extends z.ZodType = z.ZodType, R = unknown> {
  input: S;
  mutates: boolean;
  /** Long work (import, export, trace) reports progress and can be cancelled. */
  long?: boolean;
  /** Only trusted transports (CLI, Electron main) may call it, e.g. methods taking file paths. */
  trustedOnly?: boolean;
  /**
   * Mutations only: slow work that needs no lock (hashing, reading a file, a key derivation), run
   * before the write lock is taken so other writers are not kept waiting for it; its result is
   * `ctx.prepared` and the handler's third argument.
   */
  prepare?: (input: z.output<S>, ctx: Ctx) => unknown;
  handler: (input: z.output<S>, ctx: Ctx, prepared?: unknown) => R | Promise<R>;
  /**
   * Runs with the database closed in this process (a restore replaces the file): after every
   * write and query in flight, before any that follow; the core reopens the file afterwards.
   * `handler` then takes an `ExclusiveCtx` instead of a `Ctx`.
   */
  exclusive?: boolean;
}

/** What an exclusive method gets: the file's whereabouts and who is calling, never a connection. */
export interface ExclusiveCtx {
  dbPath: string;
  /** The key of an encrypted database (absent for a plain one): what the method opens the file with. */
  key?: DbKey;
  dataDir: string;
  /** Taken before the file was closed: the file key of an encrypted database (core/files.ts). */
  fileCipher?: import('./encryption/file-cipher.js').FileCipher;
  defer?(cleanup: (ok: boolean) => void | Promise<void>): void;
  /** The key the file has from now on (a rekey): the core reopens with it. */
  setKey?(key: DbKey): void;
  actor: Actor;
  trusted: boolean;
  method: string;
  now(): string;
  progress: (p: Progress) => void;
  signal: AbortSignal;
}

type Options<S extends z.ZodType> = { long?: boolean; trustedOnly?: boolean; prepare?: (input: z.output<S>, ctx: Ctx) => unknown };

export function query<S extends z.ZodType, R>(
  input: S,
  handler: (input: z.output<S>, ctx: Ctx) => R | Promise<R>,
  opts: Options<S> = {},
): MethodDef<S, R> {
  return { input, handler, mutates: false, ...opts };
}

export function mutation<S extends z.ZodType, R>(
  input: S,
  handler: (input: z.output<S>, ctx: Ctx) => R | Promise<R>,
  opts: Options<S> = {},
): MethodDef<S, R> {
  return { input, handler, mutates: true, ...opts };
}

/** A mutation whose slow, read-only first step runs before the writer is taken (see `prepare`). */
export function preparedMutation<S extends z.ZodType, P, R>(
  input: S,
  prepare: (input: z.output<S>, ctx: Ctx) => Promise<P>,
  handler: (input: z.output<S>, ctx: Ctx, prepared: P) => R | Promise<R>,
  opts: Options<S> = {},
): MethodDef<S, R> {
  // The core hands the handler what prepare returned: the one place P is known to match.
  return { input, handler: handler as MethodDef<S, R>['handler'], prepare, mutates: true, ...opts };
}

/** A method that needs the database file to itself (see `exclusive`). */
export function exclusive<S extends z.ZodType, R>(
  input: S,
  handler: (input: z.output<S>, x: ExclusiveCtx) => Promise<R>,
  opts: Options<S> = {},
): MethodDef<S, R> {
  return { input, handler: handler as unknown as MethodDef<S, R>['handler'], mutates: true, exclusive: true, ...opts };
}

/** Any method's definition, whatever its input and result: what the maps hold before the intersection types them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a constraint over every MethodDef<S, R>: handler inputs are contravariant, so no `unknown` instance admits them all
export type MethodMap = Record<string, MethodDef<any, any>>;

/** Merges the domains' method maps; a method name declared twice is an error at start-up. */
export function mergeMethods<T extends MethodMap[]>(...maps: T): UnionToIntersection<T[number]> {
  const out: MethodMap = {};
  for (const map of maps) {
    for (const [name, def] of Object.entries(map)) {
      if (name in out) throw new Error(`contract: method "${name}" is declared twice`);
      out[name] = def;
    }
  }
  return out as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

/** The typed client of a method map: one async function per method. */
export type ClientOf<M extends MethodMap> = {
  [K in keyof M]: (input: z.input<M[K]['input']>, opts?: CallOptions) => Promise<Awaited<ReturnType<M[K]['handler']>>>;
};

export interface Progress {
  /** What is being done, for the label: "reading", "importing", "hashing"... */
  phase: string;
  done: number;
  total?: number;
  bytesDone?: number;
  bytesTotal?: number;
  /** Seconds left, estimated by the core. */
  etaSeconds?: number;
  message?: string;
}

export interface CallOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}
