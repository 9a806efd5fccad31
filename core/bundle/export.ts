import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { ZipFile } from '../vendor/yazl/index.js';
import type { Sqlite } from '../../db/connection.js';
import type { Progress } from '../contract.js';
import { ProceedsError, fail } from '../errors.js';
import { privateKeyFromSeed } from '../keys/ed25519.js';
import { fingerprint, keyIdHex, publicKeyBlob, signPrehashed } from '../keys/minisign.js';
import type { SigningKey } from '../keys/secret-key.js';
import { auditHead } from '../audit/chain.js';
import { exportAnchor } from '../audit/anchor.js';
import { bagInfoTxt, bagitTxt, manifestTxt } from './bagit.js';
import { exhibitFile } from './exhibit-store.js';
import { openExhibit } from '../exhibits/store.js';
import { fileCipherOf } from '../encryption/file-key.js';
import * as F from './format.js';
import { hashTap, StreamHasher } from '../hash/index.js';
import { sealingStream, type SealTarget } from './seal.js';
import { dropSelection, iterateAuditSegment, iterateSelected, selectRecords } from './select.js';
import { isWholeCase, type BundleScope } from './scope.js';
import { SOFTWARE } from './software.js';
import { signStatement, type Statement, type Subject } from './statement.js';

export interface ExportInput {
  sqlite: Sqlite;
  dataDir: string;
  caseId: string;
  scope: BundleScope;
  recipients: string[];
  /** The recipients' age keys, named in the signed statement; the caller seals the zip to them. */
  sealedTo: { agency: string; ageRecipient: string }[];
  key: SigningKey;
  /** Contact-Name in bag-info.txt: who made the bundle. */
  contact: string;
  bundleId: string;
  createdAt: string;
  previousBundleId: string | null;
  /** The file written: the zip, or (with `seal`) the sealed zip. */
  out: string;
  /** Seal the zip as it is written (age), for these recipients: no plaintext zip touches the disk. */
  seal?: SealTarget[];
  /** Where the detached signature goes (default `${out}.minisig`). */
  minisigOut?: string;
  /** The zip's name for the detached signature's comment, when `out` is a temporary path. */
  fileName?: string;
  progress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export interface ExportResult {
  bundleId: string;
  file: string;
  minisig: string;
  size: number;
  sha256: string;
  payloadOxum: string;
  recordCounts: Record<string, number>;
  exhibits: { files: number; bytes: number };
}

interface Written {
  path: string;
  sha256: string;
  size: number;
}

const cancelled = () => fail('Cancelled', 'cancelled.export');

/** Lines of JSON (rows come serialised already), batched into ~256 KiB chunks so the zip sees few, large writes. */
function jsonLines(header: unknown, rows: Iterable<string>, signal?: AbortSignal, onRow?: () => void): Readable {
  return Readable.from(
    (function* () {
      let batch = JSON.stringify(header) + '\n';
      for (const row of rows) {
        if (signal?.aborted) throw cancelled();
        batch += row + '\n';
        onRow?.();
        if (batch.length > 1 << 18) {
          yield Buffer.from(batch, 'utf8');
          batch = '';
        }
      }
      if (batch) yield Buffer.from(batch, 'utf8');
    })(),
    { objectMode: false },
  );
}

/** Writes the bundle: payload first (hashed as it streams into the zip), then the tag files, the signature last. */
export async function writeBundle(o: ExportInput): Promise<ExportResult> {
  const caseRow = o.sqlite.prepare('SELECT id, number, title FROM cases WHERE id = ?').get(o.caseId) as { id: string; number: string; title: string } | undefined;
  if (!caseRow) throw new ProceedsError('NotFound', `case not found: ${o.caseId}`);
  const counts = selectRecords(o.sqlite, o.caseId, o.scope);
  const root = F.bagRoot(o.bundleId);
  const mtime = new Date(o.createdAt);
  const zip = new ZipFile();
  // The whole zip's SHA-256 (for the record) and BLAKE2b (for the .minisig) on the other core.
  const whole = new StreamHasher(['sha256', 'blake2b512']);
  const partial = `${o.out}.partial`;
  fs.mkdirSync(path.dirname(path.resolve(o.out)), { recursive: true });
  const sink = fs.createWriteStream(partial, o.seal ? { mode: 0o600 } : undefined);
  let zipBytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _e, cb) {
      zipBytes += chunk.length;
      whole.update(chunk).then(() => cb(null, chunk), cb);
    },
  });
  // Sealed: the zip's bytes are hashed (for the signatures) and then encrypted on their way out.
  const sealing = o.seal ? await sealingStream(o.seal) : null;
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve);
    sink.on('error', reject);
    tap.on('error', reject);
    sealing?.on('error', reject);
  });
  // A failed write must also end the wait for the entry being written.
  const failed = finished.then(() => new Promise<never>(() => undefined));
  failed.catch(() => undefined);
  if (sealing) zip.outputStream.pipe(tap).pipe(sealing).pipe(sink);
  else zip.outputStream.pipe(tap).pipe(sink);

  const add = async (name: string, source: Readable, opts: { compress: boolean; size?: number }): Promise<Written> => {
    const hashed = hashTap();
    const done = new Promise<void>((resolve, reject) => {
      hashed.stream.on('end', resolve);
      hashed.stream.on('error', reject);
      source.on('error', reject);
    });
    zip.addReadStream(source.pipe(hashed.stream), `${root}/${name}`, { compress: opts.compress, compressionLevel: opts.compress ? 1 : 0, size: opts.size, mtime, mode: 0o100644 });
    await Promise.race([done, failed]);
    return { path: name, sha256: hashed.sha256(), size: hashed.size() };
  };
  const addBuffer = (name: string, text: string) => add(name, Readable.from([Buffer.from(text, 'utf8')]), { compress: true });

  try {
    const payload: Written[] = [];
    const totalRows = Object.values(counts).reduce((a, b) => a + b, 0);
    const exhibitRows = o.sqlite
      .prepare(`SELECT sha256, max(size) AS size, min(file_name) AS file_name FROM exhibits WHERE id IN (SELECT id FROM temp.bundle_sel_exhibits) GROUP BY sha256 ORDER BY sha256`)
      .all() as { sha256: string; size: number; file_name: string }[];
    const exhibitBytes = exhibitRows.reduce((a, r) => a + r.size, 0);
    let rowsDone = 0;
    let bytesDone = 0;
    const report = (phase: string) =>
      o.progress?.({ phase, done: rowsDone, total: totalRows, bytesDone, bytesTotal: exhibitBytes });

    const tag = await addBuffer(F.BAGIT_TXT, bagitTxt());
    payload.push(await addBuffer(F.CASE_JSON, JSON.stringify({ schema: F.RECORD_SCHEMA, bundleId: o.bundleId, caseId: o.caseId, scope: o.scope, counts }, null, 2) + '\n'));
    for (const t of F.RECORD_TABLES) {
      const header = { schema: F.RECORD_SCHEMA, table: t, count: counts[t] };
      const onRow = () => {
        if (++rowsDone % 5000 === 0) report('records');
      };
      payload.push(await add(F.recordsPath(t), jsonLines(header, iterateSelected(o.sqlite, t), o.signal, onRow), { compress: true }));
    }
    report('records');
    const head = auditHead(o.sqlite);
    payload.push(await add(F.AUDIT_JSONL, jsonLines({ schema: F.RECORD_SCHEMA, table: 'audit_log' }, iterateAuditSegment(o.sqlite, o.caseId, isWholeCase(o.scope)), o.signal), { compress: true }));
    payload.push(await addBuffer(F.AUDIT_HEAD_JSON, JSON.stringify({ schema: F.RECORD_SCHEMA, seq: head.seq, hash: head.hash }) + '\n'));

    const cipher = fileCipherOf(o.sqlite);
    for (const ex of exhibitRows) {
      if (o.signal?.aborted) throw cancelled();
      const src = exhibitFile(o.dataDir, ex.sha256);
      if (!fs.existsSync(src))
        throw new ProceedsError('NotFound', `exhibit "${ex.file_name}" (${ex.sha256}) is missing from the content store at ${src}`);
      const ext = /\.([A-Za-z0-9]{1,10})$/.exec(ex.file_name)?.[1]?.toLowerCase() ?? '';
      // The store may be encrypted at rest: the bundle carries the plain bytes, which the hash below checks.
      const stream = openExhibit(o.dataDir, ex.sha256, cipher);
      stream.on('data', (c: Buffer) => {
        bytesDone += c.length;
        report('exhibits');
      });
      const w = await add(F.exhibitPath(ex.sha256, ext), stream, { compress: false, size: ex.size });
      if (w.sha256 !== ex.sha256) throw new ProceedsError('Conflict', `exhibit "${ex.file_name}" in the content store no longer hashes to ${ex.sha256}`);
      payload.push(w);
    }

    o.progress?.({ phase: 'signing', done: totalRows, total: totalRows, bytesDone: exhibitBytes, bytesTotal: exhibitBytes });
    const oxum = `${payload.reduce((a, p) => a + p.size, 0)}.${payload.length}`;
    const fp = fingerprint(o.key.publicKey);
    const info = await addBuffer(F.BAG_INFO_TXT, bagInfoTxt([
      ['Source-Organization', o.key.agency],
      ['Contact-Name', o.contact],
      ['External-Identifier', caseRow.number],
      ['Bagging-Date', o.createdAt.slice(0, 10)],
      ['Payload-Oxum', oxum],
      ['Bundle-Id', o.bundleId],
      ['Bag-Software-Agent', `${SOFTWARE.name} ${SOFTWARE.version}`],
      ['Signing-Key-Fingerprint', fp],
    ]));
    const manifest = await addBuffer(F.MANIFEST, manifestTxt(payload));
    const tagFiles = [tag, info, manifest];
    const tagManifest = await addBuffer(F.TAG_MANIFEST, manifestTxt(tagFiles));
    const subject: Subject[] = [...payload, ...tagFiles, tagManifest].map((w) => ({ name: w.path, digest: { sha256: w.sha256 }, annotations: { size: w.size } }));
    const statement: Statement = {
      _type: F.STATEMENT_TYPE,
      subject,
      predicateType: F.PREDICATE_TYPE,
      predicate: {
        formatVersion: F.FORMAT_VERSION,
        bundleId: o.bundleId,
        case: { id: caseRow.id, number: caseRow.number, title: caseRow.title },
        sendingAgency: { name: o.key.agency, keyId: keyIdHex(o.key.keyId), fingerprint: fp, publicKey: publicKeyBlob(o.key.keyId, o.key.publicKey) },
        recipients: o.recipients,
        sealedTo: o.sealedTo,
        createdAt: o.createdAt,
        software: SOFTWARE,
        previousBundleId: o.previousBundleId,
        scope: o.scope,
        recordCounts: counts,
        auditLog: exportAnchor(o.sqlite, o.key, o.createdAt),
      },
    };
    const secret = privateKeyFromSeed(o.key.seed);
    const envelope = signStatement(statement, secret, keyIdHex(o.key.keyId));
    await addBuffer(F.SIGNATURE, JSON.stringify(envelope, null, 2) + '\n');
    zip.end();
    await finished;
    const hashes = await whole.digest();
    if (hashes.size !== zipBytes) throw new Error('the zip was not hashed completely');
    const minisig = signPrehashed({
      secretKey: secret,
      keyId: o.key.keyId,
      blake2b: Buffer.from(hashes.digests.blake2b512, 'hex'),
      trustedComment: `timestamp:${Math.floor(mtime.getTime() / 1000)}\tfile:${o.fileName ?? path.basename(o.out)}\thashed\tbundle:${o.bundleId}\tcase:${caseRow.number}\tagency:${o.key.agency}`,
      untrustedComment: `signature from ${o.key.agency} (key ${keyIdHex(o.key.keyId)})`,
    });
    const minisigOut = o.minisigOut ?? `${o.out}.minisig`;
    fs.renameSync(partial, o.out);
    fs.writeFileSync(minisigOut, minisig);
    return {
      bundleId: o.bundleId,
      file: o.out,
      minisig: minisigOut,
      size: zipBytes,
      sha256: hashes.digests.sha256,
      payloadOxum: oxum,
      recordCounts: counts,
      exhibits: { files: exhibitRows.length, bytes: exhibitBytes },
    };
  } catch (e) {
    whole.abort();
    zip.outputStream.unpipe();
    sink.destroy();
    fs.rmSync(partial, { force: true });
    throw e;
  } finally {
    dropSelection(o.sqlite);
  }
}
