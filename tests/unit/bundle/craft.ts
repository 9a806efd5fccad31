import fs from 'node:fs';
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { manifestTxt } from '../../../core/bundle/bagit.js';
import { BAG_INFO_TXT, BAGIT_TXT, MANIFEST, SIGNATURE, TAG_MANIFEST } from '../../../core/bundle/format.js';
import { signStatement, type Statement } from '../../../core/bundle/statement.js';
import { privateKeyFromSeed } from '../../../core/keys/ed25519.js';
import { keyIdHex } from '../../../core/keys/minisign.js';
import type { SigningKey } from '../../../core/keys/secret-key.js';

/** Tools to build hostile variants of a valid bundle, for the verifier's rejection tests. */

export interface Entry {
  name: string;
  data: Buffer;
  compress?: boolean;
  mode?: number;
}

export async function readEntries(zipPath: string): Promise<Entry[]> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
  const out: Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      zip.openReadStream(e, (err, s) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        s.on('data', (c: Buffer) => chunks.push(c));
        s.on('end', () => {
          out.push({ name: e.fileName, data: Buffer.concat(chunks), compress: e.compressionMethod === 8 });
          zip.readEntry();
        });
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  zip.close();
  return out;
}

/** Writes entries as a zip with yazl (so it is a well-formed zip; only the content is hostile). */
export async function writeZip(out: string, entries: Entry[], dirs: string[] = []): Promise<void> {
  const zip = new yazl.ZipFile();
  const done = new Promise<void>((resolve, reject) => {
    const ws = fs.createWriteStream(out);
    zip.outputStream.pipe(ws).on('finish', resolve).on('error', reject);
  });
  for (const e of entries) zip.addBuffer(e.data, e.name, { compress: e.compress ?? false, mode: e.mode ?? 0o100644, mtime: new Date('2026-01-01') });
  for (const d of dirs) zip.addEmptyDirectory(d);
  zip.end();
  await done;
}

/** Every offset where a name sits in a local header (kind 'local') or a central record ('central'). */
export function nameOffsets(buf: Buffer, name: string): { local: number[]; central: number[] } {
  const needle = Buffer.from(name, 'utf8');
  const local: number[] = [];
  const central: number[] = [];
  for (let i = buf.indexOf(needle); i !== -1; i = buf.indexOf(needle, i + 1)) {
    if (i >= 30 && buf.readUInt32LE(i - 30) === 0x04034b50 && buf.readUInt16LE(i - 4) === needle.length) local.push(i - 30);
    if (i >= 46 && buf.readUInt32LE(i - 46) === 0x02014b50 && buf.readUInt16LE(i - 18) === needle.length) central.push(i - 46);
  }
  return { local, central };
}

/** Renames an entry in place in both headers: the new name must have the same byte length. */
export function renameInPlace(buf: Buffer, from: string, to: string): Buffer {
  const a = Buffer.from(from, 'utf8');
  const b = Buffer.from(to, 'utf8');
  if (a.length !== b.length) throw new Error(`"${to}" must be ${a.length} bytes`);
  const out = Buffer.from(buf);
  const { local, central } = nameOffsets(buf, from);
  for (const o of local) b.copy(out, o + 30);
  for (const o of central) b.copy(out, o + 46);
  return out;
}

export type Row = Record<string, unknown>;

export interface Resign {
  /** Changes one table's rows (return the new list). */
  records?: (table: string, rows: Row[]) => Row[];
  /** Changes the signed statement's predicate in place. */
  predicate?: (p: Statement['predicate']) => void;
}

/**
 * A hostile bundle a trusted sender could make: the records changed, then every manifest, the
 * Payload-Oxum, the statement's subjects and the signature redone with the sender's real key. It
 * passes verification; only the importer's own checks can refuse it.
 */
export function resign(entries: Entry[], key: SigningKey, change: Resign): Entry[] {
  const root = entries[0].name.split('/')[0];
  const rel = (e: Entry) => e.name.slice(root.length + 1);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const envelope = JSON.parse(entries.find((e) => rel(e) === SIGNATURE)!.data.toString('utf8'));
  const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as Statement;
  const out = entries.map((e) => {
    const m = /^data\/records\/(\w+)\.jsonl$/.exec(rel(e));
    if (!m || !change.records) return { ...e };
    const [header, ...rows] = e.data.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const next = change.records(m[1], rows);
    statement.predicate.recordCounts[m[1]] = next.length;
    const text = [{ ...header, count: next.length }, ...next].map((r) => JSON.stringify(r)).join('\n') + '\n';
    return { ...e, data: Buffer.from(text, 'utf8') };
  });
  const byRel = (r: string) => out.find((e) => rel(e) === r)!;
  const payload = out.filter((e) => rel(e).startsWith('data/'));
  const oxum = `${payload.reduce((a, e) => a + e.data.length, 0)}.${payload.length}`;
  const info = byRel(BAG_INFO_TXT);
  info.data = Buffer.from(info.data.toString('utf8').replace(/^Payload-Oxum: .*$/m, `Payload-Oxum: ${oxum}`), 'utf8');
  byRel(MANIFEST).data = Buffer.from(manifestTxt(payload.map((e) => ({ path: rel(e), sha256: sha(e.data) }))), 'utf8');
  byRel(TAG_MANIFEST).data = Buffer.from(manifestTxt([BAGIT_TXT, BAG_INFO_TXT, MANIFEST].map((r) => ({ path: r, sha256: sha(byRel(r).data) }))), 'utf8');
  statement.subject = out.filter((e) => rel(e) !== SIGNATURE).map((e) => ({ name: rel(e), digest: { sha256: sha(e.data) }, annotations: { size: e.data.length } }));
  change.predicate?.(statement.predicate);
  const signed = signStatement(statement, privateKeyFromSeed(key.seed), keyIdHex(key.keyId));
  byRel(SIGNATURE).data = Buffer.from(JSON.stringify(signed, null, 2) + '\n', 'utf8');
  return out;
}

/** Sets the "made by" host and the external attributes' mode of an entry's central record. */
export function setHostAndMode(buf: Buffer, name: string, host: number, mode: number, dosAttrs = 0): Buffer {
  const out = Buffer.from(buf);
  for (const o of nameOffsets(buf, name).central) {
    out.writeUInt8(host, o + 5);
    out.writeUInt32LE(((mode << 16) | dosAttrs) >>> 0, o + 38);
  }
  return out;
}

/**
 * Turns a stored entry into a deflated one whose compressed data is `deflated` (a deflate stream,
 * perhaps with bytes after its end): method, CRC and uncompressed size are set for `plain`, in the
 * local header and the central record. The entry must have been written stored with `deflated` as
 * its data, so the compressed size and the layout already fit.
 */
export function markDeflated(buf: Buffer, name: string, plain: Buffer): Buffer {
  const out = Buffer.from(buf);
  const { local, central } = nameOffsets(buf, name);
  const crc = zlib.crc32(plain);
  for (const o of local) {
    out.writeUInt16LE(8, o + 8);
    if ((out.readUInt16LE(o + 6) & 0x8) === 0) {
      out.writeUInt32LE(crc, o + 14);
      out.writeUInt32LE(plain.length, o + 22);
    }
  }
  for (const o of central) {
    out.writeUInt16LE(8, o + 10);
    out.writeUInt32LE(crc, o + 16);
    out.writeUInt32LE(plain.length, o + 24);
  }
  return out;
}
