import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { bundles, keyring, signingKeys } from '../../db/schema/index.js';
import { mutation, preparedMutation, query } from '../contract.js';
import type { Ctx } from '../context.js';
import { conflictOn, fail, filePathsRefused, invalidField, invalidFields, issue, ProceedsError, type ErrorKey, type FieldIssue } from '../errors.js';
import { discardStaged, newOutput, resolveFile } from '../files.js';
import { newId } from '../ids.js';
import { getCase } from '../cases/methods.js';
import { rawPublicKey, readKeyringFile } from '../keys/keyring.js';
import { fingerprint } from '../keys/minisign.js';
import { decryptSecretKey, keyFileRefusal, parseSecretKeyFile, type SigningKey } from '../keys/secret-key.js';
import { dbKeyring, unlockSigningKey } from '../keys/store.js';
import { checkCheckpoint, receiveBundleAnchor } from '../audit/anchor.js';
import { writeBundle } from './export.js';
import { isSealed, unsealToTemp, type LocalIdentity, type Unsealed } from './seal.js';
import { identityToRecipient } from 'age-encryption';
import { AGE_IDENTITY } from '../keys/age-keys.js';
import { chainCheck } from './chain.js';
import { assertBundleInScope } from './import-scope.js';
import { loadBundle } from './load.js';
import type { VerifyReport } from './report.js';
import type { ExportAnchor } from '../audit/anchor.js';
import { callReview, closeReview, openReview, reviewInfo } from './review.js';
import { BundleExport, BundleFile, BundleList, ReviewCall, ReviewRef } from './schemas.js';
import { openVerifiedBundle, type VerifiedBundle } from './verify.js';

const trustedPath = (ctx: Ctx, field: string) => {
  if (!ctx.trusted) throw filePathsRefused(field);
};

async function signingKey(ctx: Ctx, input: z.output<typeof BundleExport>) {
  if (input.keyId) return unlockSigningKey(ctx, input.keyId, input.passphrase);
  trustedPath(ctx, 'keyFile');
  if (!fs.existsSync(input.keyFile!)) throw fail('NotFound', 'keys.keyFileNotFound', { file: input.keyFile! }, [issue('keyFile', 'keys.keyFileNotFound', { file: input.keyFile! })]);
  if (!input.passphrase) throw invalidField('passphrase', 'keys.keyFilePassphraseRequired');
  try {
    return await decryptSecretKey(parseSecretKeyFile(fs.readFileSync(input.keyFile!, 'utf8')), input.passphrase);
  } catch (e) {
    throw keyFileRefusal(e);
  }
}

/** Opens and verifies the bundle the input names, against the keyring file (CLI) or this installation's keyring. */
async function verified(ctx: Ctx, input: z.output<typeof BundleFile>): Promise<VerifiedBundle | { report: VerifyReport }> {
  const file = resolveFile(ctx, input.file);
  if (input.keyringFile) trustedPath(ctx, 'keyringFile');
  let keyring;
  try {
    keyring = input.keyringFile ? readKeyringFile(input.keyringFile) : dbKeyring(ctx);
  } catch (e) {
    throw new ProceedsError('Invalid', `keyringFile: ${(e as Error).message}`, [{ path: 'keyringFile', message: (e as Error).message }]);
  }
  // An upload has no neighbour: its detached signature comes as a second upload, or not at all.
  const beside = (p: string) => `${p.replace(/\.age$/, '')}.minisig`;
  const detached = input.minisig ? resolveFile(ctx, input.minisig).path : 'path' in input.file ? (fs.existsSync(beside(file.path)) ? beside(file.path) : 'skip') : 'skip';
  let r: VerifiedBundle | { report: VerifyReport };
  if (isSealed(file.path)) {
    // Opened with this agency's own key first; nothing else is read from a bundle sealed to others.
    if (input.identityFile) trustedPath(ctx, 'identityFile');
    const hashWith = detached === 'skip' ? (['sha256'] as const) : (['sha256', 'blake2b512'] as const);
    const unsealed = await unsealToTemp(file.path, await localIdentities(ctx, input.identityFile), path.join(ctx.dataDir, 'tmp'), hashWith);
    if (!unsealed.ok) return { report: sealedFailure(file, unsealed) };
    try {
      r = await openVerifiedBundle(unsealed.file, { keyring, detached, displayName: file.name, progress: (p) => ctx.progress(p), signal: ctx.signal, wholeFileDigests: unsealed.digests });
    } catch (e) {
      unsealed.cleanup();
      throw e;
    }
    r.report.sealed = true;
    const named = r.report.bundle?.sealedTo ?? [];
    if (r.report.opened && !named.some((x) => x.ageRecipient === unsealed.recipient)) {
      r.report.problems.push({
        code: 'recipient-not-named',
        message: `the bundle was sealed to our key, but its signed statement names other recipients (${named.map((x) => x.agency).join(', ') || 'none'}): someone re-sealed it to us`,
      });
      r.report.ok = false;
      r.report.state = 'invalid';
    }
    if ('close' in r && !r.report.ok) {
      await r.close();
      r = { report: r.report };
    }
    if ('close' in r) {
      const inner = r.close;
      r.close = async () => {
        await inner();
        unsealed.cleanup();
      };
    } else unsealed.cleanup();
  } else r = await openVerifiedBundle(file.path, { keyring, detached, displayName: file.name, progress: (p) => ctx.progress(p), signal: ctx.signal });
  const b = r.report.bundle;
  if (r.report.opened && r.report.signer && b && !input.keyringFile)
    r.report.chain = chainCheck(ctx.sqlite, { bundleId: b.bundleId, caseNumber: b.caseNumber, agency: r.report.signer.agencyName, previousBundleId: b.previousBundleId, createdAt: b.createdAt });
  if ('close' in r) {
    const signerKey = keyring.find((k) => k.fingerprint === r.report.signer?.fingerprint);
    r.report.auditLog = signerKey ? anchorCheck(ctx, r.statement.predicate.auditLog, rawPublicKey(signerKey), input.acceptOutOfOrder) : null;
    if (r.report.auditLog && !r.report.auditLog.ok && r.report.auditLog.kind !== 'shorter') {
      // A history that does not extend what was seen from its sender is not opened any further.
      r.report.problems.push({ code: `audit-log-${r.report.auditLog.kind}`, message: r.report.auditLog.message });
      r.report.ok = false;
      r.report.state = 'invalid';
      await r.close();
      return { report: r.report };
    }
  }
  return r;
}

/**
 * The sender's checkpoint against the last one kept from its log (read only: import keeps it).
 * A shorter log is not refused here: an older bundle may arrive late, and import takes it only when
 * the user accepts it out of order, as for the bundle chain.
 */
function anchorCheck(ctx: Ctx, anchor: ExportAnchor | undefined, publicKey: Buffer, allowOlder: boolean): NonNullable<VerifyReport['auditLog']> {
  if (!anchor) return { ok: true, message: 'the bundle carries no audit checkpoint (made before checkpoints existed): its sender\'s log was not checked' };
  const c = checkCheckpoint(ctx.sqlite, anchor, publicKey, { allowOlder });
  if (!c.ok) return { ok: false, kind: c.kind, origin: c.origin, message: c.message };
  return {
    ok: true, origin: c.origin, size: c.size,
    message: c.extends === null
      ? `the sender's audit log has ${c.size} entries (root ${c.fingerprint}); the first checkpoint seen from ${c.origin}`
      : `the sender's audit log of ${c.size} entries (root ${c.fingerprint}) extends the ${c.extends} entries seen before`,
  };
}

/**
 * This installation's age identities: its signing keys' (each named by its signing key's
 * fingerprint), or those of an identity file (from the CLI), each with the recipient it opens.
 */
async function localIdentities(ctx: Ctx, identityFile?: string): Promise<LocalIdentity[]> {
  if (identityFile) {
    const bad = (message: string) => new ProceedsError('Invalid', `identityFile: ${message}`, [{ path: 'identityFile', message }]);
    if (!fs.existsSync(identityFile)) throw bad(`${identityFile} does not exist`);
    const ids = fs.readFileSync(identityFile, 'utf8').split('\n').map((l) => l.trim()).filter((l) => AGE_IDENTITY.test(l));
    if (ids.length === 0) throw bad(`${identityFile} holds no age identity (a line AGE-SECRET-KEY-1...)`);
    return Promise.all(ids.map(async (identity) => {
      const recipient = await identityToRecipient(identity);
      return { identity, recipient, label: recipient };
    }));
  }
  return ctx.db.select({ identity: signingKeys.ageIdentity, recipient: signingKeys.ageRecipient, fingerprint: signingKeys.fingerprint }).from(signingKeys).all()
    .filter((k) => Boolean(k.identity && k.recipient))
    .map((k) => ({ identity: k.identity!, recipient: k.recipient!, label: `${k.fingerprint} (${k.recipient})` }));
}

function sealedFailure(file: { name: string; path: string }, failure: Extract<Unsealed, { ok: false }>): VerifyReport {
  const { code, message } = failure;
  return {
    ok: false, state: code === 'sealed-not-for-us' ? 'not-for-us' : 'invalid', opened: false, sealed: true,
    file: { name: file.name, size: fs.statSync(file.path).size, sha256: null },
    checks: [{ id: 'structure', ok: false, detail: `sealed (age): ${message}` }],
    problems: [{ code, message }], notes: [], signer: null, claimedSigner: null, bundle: null, verifiedAt: new Date().toISOString(),
    ...(failure.sealedFor ? { sealedFor: failure.sealedFor } : {}),
  };
}

/** Each problem keeps the verifier's detailed English (digests, fingerprints) and is coded by its kind for the reader's language. */
const failed = (report: VerifyReport) =>
  fail(
    'Invalid',
    'bundle.failedVerification',
    { count: report.problems.length, details: report.problems.slice(0, 5).map((p) => p.message).join('; ') },
    report.problems.map((p) => ({ path: p.entry ?? p.code, message: p.message, key: `bundle.problem.${p.code}` as ErrorKey })),
  );

const safeName = (s: string) => s.replace(/[^\w.-]+/g, '_');

/** Each named recipient's age key: from a confirmed, unrevoked keyring entry of that agency. */
function sealRecipients(ctx: Ctx, names: string[]): { agency: string; ageRecipient: string }[] {
  const rows = ctx.db.select().from(keyring).all();
  const norm = (x: string) => x.trim().toLowerCase();
  const issues: FieldIssue[] = [];
  const out = names.map((name, i) => {
    const k = rows.find((r) => norm(r.agencyName) === norm(name) && r.confirmedAt && !r.revokedAt && r.ageRecipient);
    if (!k) issues.push(issue(`recipients.${i}`, 'bundle.noRecipientKey', { agency: name }));
    return { agency: name, ageRecipient: k?.ageRecipient ?? '' };
  });
  if (issues.length) throw invalidFields(issues);
  return out;
}

/**
 * Writes the case's bundle signed with `key` and records it as sent (bundles.export; "Share with the
 * hub", which also needs where the file is, whoever calls).
 */
export async function writeCaseBundle(input: z.output<typeof BundleExport>, ctx: Ctx, key: SigningKey) {
  const c = getCase(ctx, input.caseId);
  if (input.out) trustedPath(ctx, 'out');
  const createdAt = ctx.now();
  const sealedTo = input.unencrypted ? [] : sealRecipients(ctx, input.recipients);
  const own = input.keyId ? ctx.db.select({ r: signingKeys.ageRecipient }).from(signingKeys).where(eq(signingKeys.id, input.keyId)).get()?.r : null;
  const zipName = input.fileName ?? (input.out ? path.basename(input.out).replace(/\.age$/, '') : `${safeName(c.number)}-${createdAt.slice(0, 10)}.zip`);
  const name = input.unencrypted ? zipName : `${zipName}.age`;
  const output = input.out ? { outputId: null, path: path.join(path.dirname(path.resolve(input.out)), name), name } : newOutput(ctx, name);
  const minisigPath = path.join(path.dirname(output.path), `${zipName}.minisig`);
  // The chain is per sender: the last bundle of this case sent from here, never one received.
  const previous = ctx.db.select({ id: bundles.id }).from(bundles).where(and(eq(bundles.caseNumber, c.number), eq(bundles.direction, 'sent'))).orderBy(desc(bundles.createdAt)).get();
  // Sealed as it is written: the plaintext zip never touches the disk.
  const result = await writeBundle({
    sqlite: ctx.sqlite, dataDir: ctx.dataDir, caseId: c.id, scope: input.scope, recipients: input.recipients, sealedTo, key,
    contact: `${ctx.actor.user} (${ctx.actor.agency})`, bundleId: newId(), createdAt, previousBundleId: previous?.id ?? null,
    out: output.path, fileName: zipName, minisigOut: minisigPath, progress: (p) => ctx.progress(p), signal: ctx.signal,
    seal: input.unencrypted ? undefined : [...sealedTo, ...(own ? [{ agency: key.agency, ageRecipient: own }] : [])],
  });
  const row = {
    id: result.bundleId, direction: 'sent' as const, caseNumber: c.number, caseId: c.id, fileName: output.name, sha256: result.sha256,
    size: result.size, senderAgency: key.agency, senderFingerprint: fingerprint(key.publicKey),
    recipients: JSON.stringify(input.recipients), previousBundleId: previous?.id ?? null,
    report: JSON.stringify({ scope: input.scope, recordCounts: result.recordCounts, exhibits: result.exhibits, sealedTo }), createdAt,
  };
  ctx.db.insert(bundles).values(row).run();
  ctx.audit({ entity: 'bundle', entityId: row.id, caseId: c.id, after: { ...row, report: undefined } });
  const answer = {
    ...result,
    sealed: !input.unencrypted,
    sealedTo,
    outputId: output.outputId,
    name: output.name,
    minisigName: `${zipName}.minisig`,
    file: ctx.trusted ? output.path : undefined,
    minisig: ctx.trusted ? minisigPath : undefined,
  };
  return { answer, path: output.path };
}

export const bundleMethods = {
  /** Exports a case (or a selection of it) as a signed bundle: the zip and its detached .minisig. */
  'bundles.export': preparedMutation(
    BundleExport,
    // The passphrase's scrypt runs before the writer is taken.
    (input, ctx) => signingKey(ctx, input),
    async (input, ctx, key) => (await writeCaseBundle(input, ctx, key)).answer,
    { long: true },
  ),

  /** Checks a received bundle in place, before anything in it is opened; never changes the database. */
  'bundles.verify': query(
    BundleFile,
    async (input, ctx) => {
      const r = await verified(ctx, input);
      if ('close' in r) await r.close();
      return r.report;
    },
    { long: true },
  ),

  /** Verifies, then merges the bundle into this database in one transaction, with provenance. */
  'bundles.import': mutation(
    BundleFile,
    async (input, ctx) => {
      const r = await verified(ctx, input);
      if (!('close' in r)) {
        const log = r.report.auditLog;
        // Said as the receiver's rule it is: refused because of what was seen before, not a damaged file.
        if (log && !log.ok && r.report.problems.length === 1) throw conflictOn('file', 'bundle.refused', { reason: log.message });
        throw failed(r.report);
      }
      try {
        const p = r.statement.predicate;
        const known = ctx.db.select().from(bundles).where(eq(bundles.id, p.bundleId)).get();
        if (known)
          throw known.direction === 'sent' ? conflictOn('file', 'bundle.madeHere', { id: p.bundleId }) : conflictOn('file', 'bundle.importedAlready', { id: p.bundleId, date: known.createdAt });
        const agency = r.report.signer!.agencyName;
        const chain = r.report.chain;
        if (chain && !chain.inOrder && !input.acceptOutOfOrder)
          throw fail('Conflict', 'bundle.outOfOrder', { reason: chain.message, agency }, [{ path: 'acceptOutOfOrder', message: chain.message }]);
        // Every record validated and every reference inside the bundle's case, before the first write.
        await assertBundleInScope(ctx.sqlite, r);
        const signerKey = [...dbKeyring(ctx), ...(input.keyringFile ? readKeyringFile(input.keyringFile) : [])].find((k) => k.fingerprint === r.report.signer!.fingerprint);
        if (signerKey) receiveBundleAnchor(ctx.sqlite, p.auditLog, rawPublicKey(signerKey), { bundleId: p.bundleId, now: ctx.now(), allowOlder: input.acceptOutOfOrder });
        ctx.db.insert(bundles).values({
          id: p.bundleId, direction: 'received', caseNumber: p.case.number, caseId: null, fileName: r.report.file.name,
          sha256: r.report.file.sha256 ?? '', size: r.report.file.size, senderAgency: agency, senderFingerprint: r.report.signer!.fingerprint,
          recipients: JSON.stringify(p.recipients), previousBundleId: p.previousBundleId, report: JSON.stringify(r.report), createdAt: ctx.now(),
        }).run();
        const outcome = await loadBundle(ctx.sqlite, ctx.dataDir, r, { origin: { bundleId: p.bundleId, agency }, auditInto: 'bundle_audit', scopeChecked: true, progress: (x) => ctx.progress(x), signal: ctx.signal });
        ctx.db.update(bundles).set({ caseId: outcome.caseId }).where(eq(bundles.id, p.bundleId)).run();
        ctx.audit({
          entity: 'bundle', entityId: p.bundleId, caseId: outcome.caseId,
          after: { bundleId: p.bundleId, from: agency, fingerprint: r.report.signer!.fingerprint, sha256: r.report.file.sha256, inserted: outcome.inserted, conflicts: outcome.conflictCount },
        });
        return { report: r.report, outcome };
      } finally {
        await r.close();
        // Imported or refused, the upload has served: a retry uploads again.
        discardStaged(ctx.dataDir, input.file, input.minisig);
      }
    },
    { long: true },
  ),

  'bundles.list': query(BundleList, (input, ctx) => {
    const q = ctx.db.select().from(bundles);
    const rows = (input.caseId ? q.where(eq(bundles.caseId, input.caseId)) : q).orderBy(desc(bundles.createdAt)).all();
    return rows.map((b) => ({ ...b, recipients: JSON.parse(b.recipients) as string[], report: undefined }));
  }),

  /** Where each merged record came from. */
  'bundles.provenance': query(z.object({ recordId: z.string().uuid() }), (input, ctx) =>
    ctx.sqlite
      .prepare('SELECT p.record_id AS recordId, p.table_name AS tableName, p.bundle_id AS bundleId, p.agency, p.created_at AS importedAt, b.file_name AS fileName FROM provenance p LEFT JOIN bundles b ON b.id = p.bundle_id WHERE p.record_id = ?')
      .get(input.recordId) ?? null,
  ),

  /** Verifies a received bundle and, if it holds, opens it read-only for review. */
  'bundles.reviewOpen': query(
    BundleFile,
    async (input, ctx) => {
      const r = await verified(ctx, input);
      if (!('close' in r)) return { report: r.report, reviewId: null, caseId: null };
      try {
        const opened = await openReview(ctx, r, (p) => ctx.progress(p));
        return { report: r.report, reviewId: opened.reviewId, caseId: opened.caseId, audit: opened.load.audit };
      } finally {
        await r.close();
      }
    },
    { long: true },
  ),

  'bundles.reviewInfo': query(ReviewRef, (input) => reviewInfo(input.reviewId)),

  /** A read method of the app, served from the bundle under review instead of the local database. */
  'bundles.reviewCall': query(ReviewCall, (input, ctx) => callReview(input.reviewId, input.method, input.input, { dataDir: ctx.dataDir, fileCipher: ctx.fileCipher })),

  'bundles.reviewClose': query(ReviewRef, (input) => ({ closed: closeReview(input.reviewId) })),
};
