import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Sqlite } from '../db/connection.js';
import { ProceedsError, fail } from './errors.js';

/**
 * Taking SQLite's write lock without blocking the event loop. better-sqlite3's busy_timeout waits
 * synchronously, which froze the served app for 5 s per write while a CLI import held the file and
 * then failed with a raw "database is locked". Here the lock is tried without waiting, and a busy
 * file is retried on timers, so the bridge keeps answering reads (WAL snapshots) meanwhile.
 */

/** Who holds the write lock, as far as we know: long writers leave a note beside the database. */
export interface WriterNote {
  pid: number;
  host: string;
  method: string;
  since: string;
}

export interface WaitInfo {
  waitedMs: number;
  maxWaitMs: number;
  holder?: WriterNote;
  /** A sentence for people: why we wait and for whom. */
  message: string;
}

export interface BeginOptions {
  dbPath: string;
  signal?: AbortSignal;
  maxWaitMs: number;
  /** Called when waiting starts and about once a second after. */
  onWait?: (w: WaitInfo) => void;
}

/** Ten minutes: long enough for a large import in another process to finish. */
export const DEFAULT_WRITE_WAIT_MS = 10 * 60_000;

export const isBusy = (e: unknown) => String((e as { code?: string }).code ?? '').startsWith('SQLITE_BUSY');

const notePath = (dbPath: string) => `${path.resolve(dbPath)}-writer.json`;

export function readWriterNote(dbPath: string): WriterNote | undefined {
  try {
    const note = JSON.parse(fs.readFileSync(notePath(dbPath), 'utf8')) as WriterNote;
    // A note from a process that died is stale (a killed import rolled back already).
    if (note.host === os.hostname()) process.kill(note.pid, 0);
    return note;
  } catch {
    return undefined;
  }
}

/** Leaves a note saying who writes, for others who must wait; returns its remover. */
export function leaveWriterNote(dbPath: string, method: string): () => void {
  if (dbPath === ':memory:') return () => undefined;
  const file = notePath(dbPath);
  const note: WriterNote = { pid: process.pid, host: os.hostname(), method, since: new Date().toISOString() };
  try {
    fs.writeFileSync(file, JSON.stringify(note));
  } catch {
    return () => undefined;
  }
  return () => {
    try {
      const current = JSON.parse(fs.readFileSync(file, 'utf8')) as WriterNote;
      if (current.pid === process.pid && current.since === note.since) fs.rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
  };
}

function describe(holder: WriterNote | undefined): string {
  if (!holder) return 'another process (the desktop app, "proceeds serve" or another proceeds command)';
  return `another process (pid ${holder.pid}, running ${holder.method} since ${holder.since.slice(11, 19)} UTC)`;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });

/**
 * `BEGIN IMMEDIATE`, waiting asynchronously while another process writes. Throws `Busy` after
 * `maxWaitMs`, `Cancelled` when the signal fires; in both cases nothing was started.
 */
export async function beginImmediate(sqlite: Sqlite, opts: BeginOptions): Promise<void> {
  const started = Date.now();
  let lastReport = -Infinity;
  for (let delay = 5; ; delay = Math.min(delay * 2, 250)) {
    if (opts.signal?.aborted) throw fail('Cancelled', 'cancelled.waiting');
    const previous = sqlite.pragma('busy_timeout', { simple: true }) as number;
    sqlite.pragma('busy_timeout = 0');
    try {
      sqlite.exec('BEGIN IMMEDIATE');
      return;
    } catch (e) {
      if (!isBusy(e)) throw e;
    } finally {
      sqlite.pragma(`busy_timeout = ${previous}`);
    }
    const waitedMs = Date.now() - started;
    const holder = readWriterNote(opts.dbPath);
    if (waitedMs >= opts.maxWaitMs)
      throw new ProceedsError(
        'Busy',
        `${path.resolve(opts.dbPath)} is being written by ${describe(holder)}; waited ${Math.round(waitedMs / 1000)} s (the limit) for it to finish: nothing was saved, try again when it is done`,
      );
    if (waitedMs - lastReport >= 1000) {
      lastReport = waitedMs;
      opts.onWait?.({
        waitedMs,
        maxWaitMs: opts.maxWaitMs,
        holder,
        message: `waiting for ${describe(holder)} to finish writing to ${path.resolve(opts.dbPath)}; this continues by itself when it is done`,
      });
    }
    await sleep(delay, opts.signal);
  }
}
