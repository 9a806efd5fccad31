import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { HubDb } from '../../db/hub/connection.js';
import { hubAlerts, hubAssets, hubBundles, hubCheckpoints, hubIdentifiers, hubRecords } from '../../db/hub/schema.js';
import { judgeCheckpoint, type SeenCheckpoint } from '../audit/anchor.js';
import { parseCheckpoint } from '../audit/checkpoint.js';
import type { Problem } from '../bundle/bagit.js';
import * as F from '../bundle/format.js';
import { bundleRecordProblems } from '../bundle/import-scope.js';
import { readRecords } from '../bundle/records-reader.js';
import { openVerifiedBundle, type VerifiedBundle } from '../bundle/verify.js';
import { rawPublicKey } from '../keys/keyring.js';
import { appendAudit, receiptFor, type HubReceipt } from './audit-log.js';
import type { HubKey } from './hub-key.js';
import { accountKeys, subjectKeys, type IdentifierKey } from './identifiers.js';
import { members, type HubMember } from './keyring.js';

/**
 * Taking a bundle: verified exactly as the desktop verifies one (signature by a key of the hub's
 * keyring, bag, digests, every record), its sender's checkpoint witnessed, then stored with its
 * provenance in one transaction. A refusal stores nothing but the hub's audit entry (and an alert
 * when the sender's history was rewritten).
 */

export interface HubContext {
  db: HubDb;
  key: HubKey;
  name: string;
  /** Where bundle files are kept, by SHA-256. */
  dataDir: string;
}

export interface IngestResult {
  status: 'stored' | 'duplicate';
  bundleId: string;
  sha256: string;
  agency: string;
  caseNumber: string;
  records: number;
  witness: { origin: string; size: number; extends: number | null } | null;
  receipt: HubReceipt;
}

/** A bundle the hub does not take: the HTTP status, and the same problems the desktop would list. */
export class HubRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Problem[] = [],
    /** The agency the bundle is from, once its signature said so. */
    public agency: string | null = null,
  ) {
    super(message);
  }
}

/** `sender`: the agency whose key signed the request (null for the drop folder: the bundle's signer speaks). */
export async function ingestBundle(hub: HubContext, file: string, o: { sha256: string; size: number; sender: HubMember | null; displayName?: string }): Promise<IngestResult> {
  const dup = await duplicateOf(hub, o.sha256, o.sender);
  if (dup) return dup;
  const keyring = (await members(hub.db)).filter((m) => m.role === 'agency').map((m) => m.key);
  const r = await openVerifiedBundle(file, { keyring, detached: 'skip', displayName: o.displayName });
  if (!('close' in r)) throw new HubRefusal(422, 'bundle-invalid', `the bundle was refused: ${r.report.problems.map((p) => p.message).join('; ')}`, r.report.problems);
  try {
    const signer = r.report.signer!;
    if (o.sender && signer.agencyName !== o.sender.name)
      throw new HubRefusal(403, 'sender-mismatch', `the bundle is signed by ${signer.agencyName}, but the request by ${o.sender.name}: an agency pushes its own bundles`);
    // Records of this case at the hub are replaced by the bundle's, so references resolve inside it.
    const scope = await bundleRecordProblems({ caseOf: () => undefined, caseLabel: (id) => id }, r);
    if (scope.total > 0)
      throw new HubRefusal(422, 'records-invalid', `the bundle's records were refused (${scope.total} problem${scope.total === 1 ? '' : 's'}): ${scope.problems.slice(0, 5).map((p) => `${p.where}: ${p.message}`).join('; ')}`,
        scope.problems.map((p) => ({ code: 'record-invalid', entry: p.where, message: p.message })));
    const publicKey = rawPublicKey(keyring.find((k) => k.fingerprint === signer.fingerprint)!);
    const stored = await keepFile(hub.dataDir, file, o.sha256);
    try {
      return await hub.db.transaction(async (tx) => store(hub, tx as unknown as HubDb, r, { ...o, agency: signer.agencyName, signerFingerprint: signer.fingerprint, publicKey }));
    } catch (e) {
      if (stored.created) fs.rmSync(stored.path, { force: true });
      throw e;
    }
  } catch (e) {
    if (e instanceof HubRefusal) e.agency ??= r.report.signer?.agencyName ?? null;
    throw e;
  } finally {
    await r.close();
  }
}

async function duplicateOf(hub: HubContext, sha256: string, sender: HubMember | null): Promise<IngestResult | null> {
  const [b] = await hub.db.select().from(hubBundles).where(eq(hubBundles.sha256, sha256));
  if (!b || (sender && b.agency !== sender.name)) return null;
  const [w] = await hub.db.select().from(hubCheckpoints).where(eq(hubCheckpoints.bundleId, b.bundleId));
  const [{ n }] = await hub.db.select({ n: sql<number>`count(*)::int` }).from(hubRecords).where(eq(hubRecords.bundleId, b.bundleId));
  return {
    status: 'duplicate', bundleId: b.bundleId, sha256, agency: b.agency, caseNumber: b.caseNumber, records: n,
    witness: w ? { origin: w.origin, size: w.treeSize, extends: null } : null,
    receipt: await receiptFor(hub.db, hub.key, hub.name, b.auditSeq),
  };
}

/** Copies the file into the store under its SHA-256 (content-addressed: a second copy is the same file). */
async function keepFile(dataDir: string, file: string, sha256: string) {
  const dir = path.join(dataDir, 'bundles');
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, `${sha256}.zip`);
  if (fs.existsSync(target)) return { path: target, created: false };
  const tmp = `${target}.${process.pid}.tmp`;
  await fs.promises.copyFile(file, tmp);
  fs.renameSync(tmp, target);
  return { path: target, created: true };
}

const BATCH = 500;

async function store(
  hub: HubContext,
  tx: HubDb,
  vb: VerifiedBundle,
  o: { sha256: string; size: number; agency: string; signerFingerprint: string; publicKey: Buffer },
): Promise<IngestResult> {
  const p = vb.statement.predicate;
  const now = new Date().toISOString();
  // One ingest at a time across every hub process: the witness compares against the last checkpoint.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('proceeds-hub-ingest'))`);
  const [same] = await tx.select().from(hubBundles).where(eq(hubBundles.bundleId, p.bundleId));
  if (same) throw new HubRefusal(409, 'bundle-id-reused', `bundle ${p.bundleId} was already taken with another content (SHA-256 ${same.sha256}): a bundle id names one file`);

  const witness = await witnessCheckpoint(hub, tx, vb, o);
  await tx.delete(hubRecords).where(and(eq(hubRecords.agency, o.agency), eq(hubRecords.caseId, p.case.id)));
  await tx.delete(hubAssets).where(and(eq(hubAssets.agency, o.agency), eq(hubAssets.caseId, p.case.id)));
  await tx.delete(hubIdentifiers).where(and(eq(hubIdentifiers.agency, o.agency), eq(hubIdentifiers.caseId, p.case.id)));

  let records = 0;
  const ids: (typeof hubIdentifiers.$inferInsert)[] = [];
  const names = vb.names();
  for (const table of F.RECORD_TABLES) {
    if (!F.hasRecords(names, table)) continue;
    let batch: (typeof hubRecords.$inferInsert)[] = [];
    const flush = async () => {
      if (batch.length) await insertRecords(tx, batch, o.agency);
      batch = [];
    };
    for await (const { row } of readRecords(await vb.read(F.recordsPath(table)), F.recordsPath(table), table)) {
      const recordId = String(row.id);
      batch.push({ agency: o.agency, tableName: table, recordId, caseId: p.case.id, bundleId: p.bundleId, row });
      const keys: IdentifierKey[] = table === 'accounts' ? accountKeys(row) : table === 'subjects' ? subjectKeys(row) : [];
      for (const k of keys) ids.push({ agency: o.agency, ...k, recordTable: table, recordId, caseId: p.case.id, caseNumber: p.case.number, bundleId: p.bundleId });
      records++;
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  }
  for (let i = 0; i < ids.length; i += BATCH) await tx.insert(hubIdentifiers).values(ids.slice(i, i + BATCH)).onConflictDoNothing();
  // Money stays exact: minor units as text into numeric(38,0), added by PostgreSQL.
  await tx.execute(sql`
    INSERT INTO hub_assets (agency, record_id, case_id, case_number, bundle_id, status, currency, value_seized_minor, value_realised_minor, seized_on)
    SELECT agency, record_id, case_id, ${p.case.number}, bundle_id, coalesce(row->>'status', 'seized'), row->>'currency',
           coalesce(row->>'value_seized_minor', '0')::numeric, (row->>'value_realised_minor')::numeric, row->>'seized_on'
    FROM hub_records WHERE agency = ${o.agency} AND case_id = ${p.case.id} AND table_name = 'assets'`);

  const seq = await appendAudit(tx, {
    agency: o.agency, action: 'bundle.push', status: 201,
    detail: { bundleId: p.bundleId, sha256: o.sha256, caseNumber: p.case.number, records, checkpoint: witness && { origin: witness.origin, size: witness.size } },
  }, now);
  await tx.insert(hubBundles).values({
    bundleId: p.bundleId, sha256: o.sha256, size: o.size, agency: o.agency, signerFingerprint: o.signerFingerprint, caseId: p.case.id, caseNumber: p.case.number,
    createdAt: p.createdAt, previousBundleId: p.previousBundleId, recordCounts: p.recordCounts, receivedAt: now, auditSeq: seq,
  });
  return { status: 'stored', bundleId: p.bundleId, sha256: o.sha256, agency: o.agency, caseNumber: p.case.number, records, witness, receipt: await receiptFor(tx, hub.key, hub.name, seq, now) };
}

/** A record id of this agency already held for another case: the bundle would write outside its case. */
async function insertRecords(tx: HubDb, batch: (typeof hubRecords.$inferInsert)[], agency: string) {
  const taken = await tx
    .insert(hubRecords)
    .values(batch)
    .onConflictDoNothing()
    .returning({ id: hubRecords.recordId });
  if (taken.length === batch.length) return;
  const got = new Set(taken.map((t) => t.id));
  const clash = batch.find((b) => !got.has(b.recordId))!;
  const [other] = await tx.select({ caseId: hubRecords.caseId }).from(hubRecords).where(and(eq(hubRecords.agency, agency), eq(hubRecords.tableName, clash.tableName), eq(hubRecords.recordId, clash.recordId)));
  throw new HubRefusal(422, 'records-invalid', `the bundle's records were refused: ${F.recordsPath(clash.tableName)}: id ${clash.recordId} is held for another case of ${agency} (${other?.caseId ?? 'twice in the bundle'})`);
}

/**
 * The sender's checkpoint must extend every one the hub kept from its log; kept, it becomes the
 * one the next bundle must extend. A history that does not extend it raises an alert (kept even
 * though the bundle is refused: the caller writes it after the rollback).
 */
async function witnessCheckpoint(hub: HubContext, tx: HubDb, vb: VerifiedBundle, o: { sha256: string; agency: string; publicKey: Buffer }) {
  const anchor = vb.statement.predicate.auditLog;
  if (!anchor) return null;
  let origin: string;
  try {
    origin = parseCheckpoint(anchor.checkpoint).origin;
  } catch (e) {
    throw new HubRefusal(422, 'audit-log-malformed', `the audit checkpoint is malformed: ${(e as Error).message}`);
  }
  const seen: SeenCheckpoint[] = (
    await tx
      .select({ size: hubCheckpoints.treeSize, root: hubCheckpoints.rootHash, time: sql<string>`min(${hubCheckpoints.time})` })
      .from(hubCheckpoints)
      .where(eq(hubCheckpoints.origin, origin))
      .groupBy(hubCheckpoints.treeSize, hubCheckpoints.rootHash)
      .orderBy(asc(hubCheckpoints.treeSize))
  ).map((s) => ({ size: Number(s.size), root: s.root, time: s.time }));
  const r = judgeCheckpoint(anchor, o.publicKey, () => seen);
  if (!r.ok) throw new HubRefusal(409, `audit-log-${r.kind}`, `bundle refused: ${r.message}`, [{ code: `audit-log-${r.kind}`, message: r.message }]);
  const p = vb.statement.predicate;
  await tx.insert(hubCheckpoints).values({
    agency: o.agency, origin: r.origin, treeSize: r.size, rootHash: r.parsed!.root.toString('hex'), time: r.parsed!.time, note: anchor.checkpoint, bundleId: p.bundleId, receivedAt: new Date().toISOString(),
  });
  return { origin: r.origin, size: r.size, extends: r.extends };
}

/** Kinds of refusal that say the sender's history changed: a supervisor must hear of them. */
export const ALERTING = new Set(['audit-log-rewritten', 'audit-log-shorter']);

export async function raiseAlert(db: HubDb, a: { agency: string; kind: string; message: string; bundleId: string | null; sha256: string }) {
  await db.insert(hubAlerts).values({ ...a, at: new Date().toISOString() });
}
