import fs from 'node:fs';
import path from 'node:path';
import { ProceedsError } from '../errors.js';
import { newId } from '../ids.js';
import { outboxDir } from '../files.js';
import { pipeline } from 'node:stream/promises';
import { encryptStream, type FileCipher } from '../encryption/file-cipher.js';
import type { Progress } from '../contract.js';
import type { Ctx, SiblingCore } from '../context.js';
import { loadBundle, type LoadResult } from './load.js';
import type { VerifyReport } from './report.js';
import type { VerifiedBundle } from './verify.js';

/**
 * Read-only review of a verified bundle: its records are loaded into a throw-away database of its
 * own (a temp directory, a Core of its own), and the app's ordinary read methods are served from
 * it. The local database is never opened for writing, and no write method reaches the review.
 */

interface Review {
  core: SiblingCore;
  dir: string;
  caseId: string;
  report: VerifyReport;
}

const reviews = new Map<string, Review>();
/** Reviews kept open at once; opening another closes the oldest. */
const MAX_OPEN = 3;

export const reviewsDir = (dataDir: string) => path.join(dataDir, 'review');

export async function openReview(ctx: Pick<Ctx, 'dataDir' | 'openCore'>, vb: VerifiedBundle, progress?: (p: Progress) => void): Promise<{ reviewId: string; caseId: string; load: LoadResult }> {
  const dataDir = ctx.dataDir;
  sweepStale(dataDir);
  while (reviews.size >= MAX_OPEN) closeReview([...reviews.keys()][0]);
  const reviewId = newId();
  const dir = path.join(reviewsDir(dataDir), reviewId);
  fs.mkdirSync(dir, { recursive: true });
  const sender = vb.report.signer?.agencyName ?? 'sender';
  const core = ctx.openCore({ dbPath: path.join(dir, 'review.sqlite'), dataDir: path.join(dir, 'data'), actor: { user: 'review', agency: sender } });
  const sqlite = core.writerSqlite;
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    const load = await loadBundle(sqlite, core.dataDir, vb, { origin: null, auditInto: 'audit_log', progress });
    sqlite.exec('COMMIT');
    reviews.set(reviewId, { core, dir, caseId: load.caseId, report: vb.report });
    return { reviewId, caseId: load.caseId, load };
  } catch (e) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Methods a review may not serve: anything that writes, takes paths, or is about bundles and keys. */
const FORBIDDEN = /^(bundles|keys|keyring|demo|backup|db)\./;

export async function callReview(reviewId: string, method: string, input: unknown, local?: { dataDir: string; fileCipher?: FileCipher }): Promise<unknown> {
  const r = reviews.get(reviewId);
  if (!r) throw new ProceedsError('NotFound', 'this review was closed; open the bundle again');
  const def = r.core.methodInfo(method);
  if (!def) throw new ProceedsError('NotFound', `unknown method "${method}"`);
  if (def.mutates || def.trustedOnly || FORBIDDEN.test(method))
    throw new ProceedsError('Forbidden', `a bundle under review is read-only: "${method}" is not available`);
  const result = await r.core.call(method, input, { trusted: false });
  if (local) await moveOutput(result, r.core.dataDir, local.dataDir, local.fileCipher);
  return result;
}

/**
 * A read method may write an output (an exhibit to open, a custody report PDF) into the review's own
 * outbox; move it to the local outbox, the one the transports serve downloads from.
 */
async function moveOutput(result: unknown, reviewDataDir: string, localDataDir: string, cipher: FileCipher | undefined): Promise<void> {
  const outputId = (result as { outputId?: unknown } | null)?.outputId;
  if (typeof outputId !== 'string' || !/^[0-9a-f-]{36}$/.test(outputId)) return;
  const from = path.join(outboxDir(reviewDataDir), outputId);
  if (!fs.existsSync(from)) return;
  const to = path.join(outboxDir(localDataDir), outputId);
  fs.mkdirSync(outboxDir(localDataDir), { recursive: true });
  if (!cipher) return void fs.renameSync(from, to);
  // An encrypted database's outbox holds only encrypted files, whoever wrote them.
  fs.mkdirSync(to, { recursive: true });
  try {
    for (const f of fs.readdirSync(from)) await pipeline(fs.createReadStream(path.join(from, f)), encryptStream(cipher), fs.createWriteStream(path.join(to, f), { mode: 0o600 }));
  } finally {
    fs.rmSync(from, { recursive: true, force: true });
  }
}

export function reviewInfo(reviewId: string) {
  const r = reviews.get(reviewId);
  if (!r) throw new ProceedsError('NotFound', 'this review was closed; open the bundle again');
  return { reviewId, caseId: r.caseId, report: r.report };
}

export function closeReview(reviewId: string): boolean {
  const r = reviews.get(reviewId);
  if (!r) return false;
  reviews.delete(reviewId);
  r.core.close();
  fs.rmSync(r.dir, { recursive: true, force: true });
  return true;
}

/**
 * Review directories left by a run that stopped without closing them. Only old ones: another
 * process (the CLI beside the app) may have a review of its own open in the same data directory.
 */
function sweepStale(dataDir: string) {
  const root = reviewsDir(dataDir);
  if (!fs.existsSync(root)) return;
  const open = new Set([...reviews.values()].map((r) => r.dir));
  const cutoff = Date.now() - 12 * 3600_000;
  for (const d of fs.readdirSync(root)) {
    const full = path.join(root, d);
    if (!open.has(full) && fs.statSync(full).mtimeMs < cutoff) fs.rmSync(full, { recursive: true, force: true });
  }
}

process.once('exit', () => {
  for (const id of [...reviews.keys()]) closeReview(id);
});
