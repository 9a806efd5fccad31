import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Progress } from '../contract.js';
import { ProceedsError, fail } from '../errors.js';
import type { TrustedKey } from '../keys/keyring.js';
import { parsePublicKey, verifyDetached } from '../keys/minisign.js';
import type { Problem } from './bagit.js';
import * as F from './format.js';
import { checkedTap, hashFileInWorker, type HashResult } from '../hash/index.js';
import type { ReportCheck, VerifyReport } from './report.js';
import type { Statement } from './statement.js';
import { bagRootOf, inventoryProblems, manifestProblems, tagFileProblems } from './verify-bag.js';
import { checkSignature, type SignatureOutcome } from './verify-signature.js';
import { Deadline } from './deadline.js';
import { SafeZip } from './zipread.js';

export interface VerifyOptions {
  keyring: TrustedKey[];
  limits?: Partial<F.Limits>;
  /** The detached minisign signature: a path, 'auto' (FILE.minisig if present) or 'skip'. */
  detached?: string;
  /** The name to report (the user's name for an uploaded file). */
  displayName?: string;
  now?: Date;
  progress?: (p: Progress) => void;
  signal?: AbortSignal;
  /**
   * The file's whole digests when its writer computed them as it wrote it (a bundle just decrypted
   * into a private temporary file): not read again. SHA-256, and BLAKE2b-512 for a detached signature.
   */
  wholeFileDigests?: HashResult | null;
}

/** A bundle that passed verification, kept open so its contents can be read (import, review). */
export interface VerifiedBundle {
  report: VerifyReport;
  statement: Statement;
  /** Streams an entry (path inside the bag); the stream fails if its bytes no longer match the signed digest. */
  read(name: string): Promise<Readable>;
  names(): string[];
  close: () => Promise<void>;
}

const CHECK_LABELS: Record<ReportCheck['id'], string> = {
  structure: 'zip structure and limits (before inflating anything)',
  signature: 'signature by a trusted, unexpired, unrevoked key',
  contents: 'entries = signed statement = manifests',
  bagit: 'bagit.txt and bag-info.txt (RFC 8493)',
  digests: 'SHA-256 and size of every file',
  detached: 'detached minisign signature of the zip',
};

/** Verifies and closes: the report is all the caller gets. */
export async function verifyBundle(file: string, opts: VerifyOptions): Promise<VerifyReport> {
  const r = await openVerifiedBundle(file, opts);
  if ('close' in r) await r.close();
  return r.report;
}

/**
 * Runs every check on the zip in place (nothing is extracted): structure and limits, the signature,
 * the inventory, the tag files, every digest, and the detached signature. Returns the open bundle
 * only when nothing is wrong.
 */
export async function openVerifiedBundle(file: string, opts: VerifyOptions): Promise<VerifiedBundle | { report: VerifyReport }> {
  const limits = { ...F.DEFAULT_LIMITS, ...opts.limits };
  const now = opts.now ?? new Date();
  const problems: Problem[] = [];
  const notes: string[] = [];
  const checks = new Map<ReportCheck['id'], string>();
  const detachedPath = opts.detached === 'skip' ? null : opts.detached && opts.detached !== 'auto' ? opts.detached : `${file}.minisig`;
  const haveDetached = detachedPath !== null && fs.existsSync(detachedPath);
  const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  const deadline = new Deadline(limits.timeBudgetMs + (size / 2 ** 20) * limits.timeBudgetMsPerMiB);
  // Started once the signer is known: a stranger's file is not even hashed whole.
  let wholeFile: Promise<Awaited<ReturnType<typeof hashFileInWorker>> | null> = Promise.resolve(null);
  const hashWhole = () => {
    const given = opts.wholeFileDigests;
    if (given && given.size === size && (!haveDetached || given.digests.blake2b512)) wholeFile = Promise.resolve(given);
    else if (size > 0 && size <= limits.maxArchiveBytes) wholeFile = hashFileInWorker(file, haveDetached ? ['sha256', 'blake2b512'] : ['sha256']).catch(() => null);
  };
  let sig: SignatureOutcome | null = null;
  const report = (statement: Statement | null, signer: TrustedKey | null, sha256: string | null): VerifyReport => ({
    ok: problems.length === 0,
    state: problems.length === 0 ? 'valid' : sig?.unknownSigner ? 'unknown-signer' : sig?.signer && !sig.trusted ? 'untrusted-signer' : 'invalid',
    opened: checks.has('contents'),
    file: { name: opts.displayName ?? path.basename(file), size, sha256 },
    checks: (Object.keys(CHECK_LABELS) as ReportCheck['id'][])
      .filter((id) => checks.has(id))
      .map((id) => ({ id, ok: !problems.some((p) => checkOf(p.code) === id), detail: `${CHECK_LABELS[id]}: ${checks.get(id)}` })),
    problems,
    notes,
    signer: signer && { agencyName: signer.agencyName, fingerprint: signer.fingerprint, keyId: signer.keyId, validFrom: signer.validFrom, validTo: signer.validTo },
    claimedSigner: sig?.claimedSigner ?? null,
    bundle: statement && summarize(statement),
    verifiedAt: now.toISOString(),
  });

  const opened = await SafeZip.open(file, limits);
  problems.push(...opened.problems);
  checks.set('structure', opened.zip ? `${opened.zip.entries.size} entries, all regular files with safe names` : 'failed');
  if (!opened.zip) return { report: report(null, null, null) };
  const zip = opened.zip;
  try {
    const { root, problems: rootProblems } = bagRootOf([...zip.entries.keys()]);
    problems.push(...rootProblems);
    if (!root) {
      await zip.close();
      return { report: report(null, null, null) };
    }
    const full = (rel: string) => `${root}/${rel}`;
    const files = new Set([...zip.entries.keys()].map((n) => n.slice(root.length + 1)));
    const readTag = async (rel: string, max = limits.maxTagFileBytes) =>
      files.has(rel) ? (await zip.readWhole(full(rel), max).catch((e: Error) => (problems.push({ code: (e as { code?: string }).code ?? 'read-error', entry: rel, message: `${rel}: ${e.message}` }), Buffer.alloc(0)))).toString('utf8') : '';

    // The small signature envelope first: nothing else is inflated for a signer we do not trust.
    if (!files.has(F.SIGNATURE)) problems.push({ code: 'missing-file', entry: F.SIGNATURE, message: `${F.SIGNATURE} is missing: the bundle is not signed` });
    sig = checkSignature(await readTag(F.SIGNATURE, limits.maxEnvelopeBytes), opts.keyring, now);
    if (files.has(F.SIGNATURE)) problems.push(...sig.problems);
    checks.set('signature', sig.trusted ? `signed by ${sig.signer!.agencyName}, key ${sig.signer!.fingerprint}` : 'failed');
    if (!sig.trusted) {
      notes.push('nothing in the bundle was opened: its signer is not trusted here, so what it claims (shown) is unverified');
      await zip.close();
      return { report: report(sig.statement, sig.signer, null) };
    }
    const statement = sig.statement;
    hashWhole();
    problems.push(...(await zip.checkLayout(deadline)));
    if (problems.length > 0) {
      await zip.close();
      return { report: report(statement, sig.signer, (await wholeFile)?.digests.sha256 ?? null) };
    }

    problems.push(...inventoryProblems(files, statement));
    problems.push(...manifestProblems(await readTag(F.MANIFEST), await readTag(F.TAG_MANIFEST), files, statement));
    checks.set('contents', `${files.size} files`);
    const payload = [...files].filter((f) => f.startsWith('data/'));
    const payloadBytes = payload.reduce((a, f) => a + zip.entries.get(full(f))!.uncompressedSize, 0);
    problems.push(...tagFileProblems(await readTag(F.BAGIT_TXT), await readTag(F.BAG_INFO_TXT), { bytes: payloadBytes, files: payload.length }, statement));
    checks.set('bagit', `BagIt 1.0, Payload-Oxum ${payloadBytes}.${payload.length}`);

    await checkDigests(zip, root, files, statement, problems, opts, deadline);
    checks.set('digests', `${files.size - 1} files hashed`);

    const whole = await wholeFile;
    if (haveDetached) {
      const result = await checkDetachedSignature(detachedPath, whole?.digests.blake2b512, sig.signer, opts.keyring);
      if (result) problems.push(result);
      checks.set('detached', `${path.basename(detachedPath)}`);
    } else notes.push('no detached .minisig beside the zip: the signed statement inside the bag was checked; the zip container itself was checked only structurally');

    const final = report(statement, sig.signer, whole?.digests.sha256 ?? null);
    if (!final.ok || !statement) {
      await zip.close();
      return { report: final };
    }
    const digests = new Map(statement.subject.map((s) => [s.name, s.digest.sha256]));
    return {
      report: final,
      statement,
      names: () => [...files],
      read: async (name: string) => {
        const want = digests.get(name);
        if (!want) throw new ProceedsError('NotFound', `${name} is not in the bundle`);
        return rechecked(await zip.open(full(name)), want, name);
      },
      close: () => zip.close(),
    };
  } catch (e) {
    await zip.close();
    throw e;
  }
}

async function checkDigests(zip: SafeZip, root: string, files: Set<string>, statement: Statement | null, problems: Problem[], opts: VerifyOptions, deadline: Deadline) {
  const subjects = new Map(statement?.subject.map((s) => [s.name, s]) ?? []);
  const todo = [...files].filter((f) => f !== F.SIGNATURE);
  const bytesTotal = todo.reduce((a, f) => a + zip.entries.get(`${root}/${f}`)!.uncompressedSize, 0);
  let bytesDone = 0;
  for (const [i, f] of todo.entries()) {
    if (opts.signal?.aborted) throw fail('Cancelled', 'cancelled.verification');
    if (deadline.passed()) {
      problems.push({ code: 'time-budget', message: deadline.message() });
      return;
    }
    let d: Awaited<ReturnType<SafeZip['digest']>>;
    try {
      d = await zip.digest(`${root}/${f}`, deadline);
    } catch (e) {
      problems.push({ code: (e as { code?: string }).code ?? 'read-error', entry: f, message: `${f} cannot be read: ${(e as Error).message}` });
      continue;
    }
    bytesDone += d.size;
    opts.progress?.({ phase: 'verifying', done: i + 1, total: todo.length, bytesDone, bytesTotal });
    if (!d.crcOk) problems.push({ code: 'crc-mismatch', entry: f, message: `${f}: CRC-32 does not match the zip directory` });
    const s = subjects.get(f);
    if (!s) continue;
    if (s.digest.sha256 !== d.sha256) problems.push({ code: 'digest-mismatch', entry: f, message: `${f}: SHA-256 is ${d.sha256}, the signed statement says ${s.digest.sha256}` });
    if (s.annotations.size !== d.size) problems.push({ code: 'size-mismatch', entry: f, message: `${f}: ${d.size} bytes, the signed statement says ${s.annotations.size}` });
  }
}

async function checkDetachedSignature(file: string, blake2bHex: string | undefined, signer: TrustedKey | null, keyring: TrustedKey[]): Promise<Problem | null> {
  const text = fs.readFileSync(file, 'utf8').slice(0, 4096);
  if (!blake2bHex) return { code: 'detached-signature-invalid', message: 'the zip could not be hashed for its detached signature' };
  const candidates = signer ? [signer] : keyring;
  let reason = 'no key in the keyring verifies it';
  for (const k of candidates) {
    const result = await verifyDetached(text, parsePublicKey(k.publicKey), {
      blake2b: () => Promise.resolve(Buffer.from(blake2bHex, 'hex')),
      bytes: () => Promise.reject(new Error('legacy (non-prehashed) signatures of whole bundles are not accepted')),
    }).catch((e: Error) => ({ ok: false as const, reason: e.message }));
    if (result.ok) return null;
    reason = result.reason;
  }
  return { code: 'detached-signature-invalid', entry: path.basename(file), message: `the detached signature ${path.basename(file)} does not verify: ${reason}` };
}

/** Re-hashes an entry while it is read after verification: a file changed in between fails the read. */
function rechecked(source: Readable, sha256: string, name: string): Readable {
  const t = checkedTap(sha256, () => new ProceedsError('Conflict', `${name} changed after it was verified; nothing was imported`));
  source.on('error', (e) => t.destroy(e));
  return source.pipe(t);
}

const CODE_CHECK: [RegExp, ReportCheck['id']][] = [
  [/^(signature|signer|sender|statement-malformed)/, 'signature'],
  [/^(missing-file|unlisted-file|fetch-txt|manifest)/, 'contents'],
  [/^(bagit|bag-info|payload-oxum)/, 'bagit'],
  [/^(digest|size-mismatch|crc|read-error|deflate|time-budget)/, 'digests'],
  [/^detached/, 'detached'],
];
const checkOf = (code: string): ReportCheck['id'] => CODE_CHECK.find(([re]) => re.test(code))?.[1] ?? 'structure';

function summarize(s: Statement) {
  const p = s.predicate;
  const payload = s.subject.filter((x) => x.name.startsWith('data/'));
  return {
    bundleId: p.bundleId,
    caseId: p.case.id,
    caseNumber: p.case.number,
    caseTitle: p.case.title,
    sendingAgency: p.sendingAgency.name,
    recipients: p.recipients,
    sealedTo: p.sealedTo ?? [],
    createdAt: p.createdAt,
    software: `${p.software.name} ${p.software.version}`,
    previousBundleId: p.previousBundleId,
    scope: p.scope,
    recordCounts: p.recordCounts,
    files: s.subject.length + 1,
    payloadBytes: payload.reduce((a, x) => a + x.annotations.size, 0),
  };
}
