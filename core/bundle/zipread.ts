import fs from 'node:fs';
import zlib from 'node:zlib';
import { Readable, Transform } from 'node:stream';
import yauzl from 'yauzl';
import type { Problem } from './bagit.js';
import type { Limits } from './format.js';
import { ZipEntryError, type Deadline } from './deadline.js';
import { collisionKey, entryNameProblem } from './paths.js';
import { checkDataDescriptor, tailProblems, tilingProblems, type LocalSpan } from './zip-layout.js';
import { Digests } from '../hash/index.js';

/**
 * Reads a received zip without extracting anything: every structural check runs on the central
 * directory and local headers before a single byte is inflated, and entries are then streamed.
 */

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  stored: boolean;
  dataStart: number;
  entry: yauzl.Entry;
}

/** Stop listing after this many problems: a hostile zip can have a million bad entries. */
const MAX_PROBLEMS = 200;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

function decodeName(e: yauzl.Entry): { name: string; problem?: string } {
  const raw = e.fileName as unknown as Buffer;
  if (e.generalPurposeBitFlag & 0x800) {
    try {
      return { name: new TextDecoder('utf-8', { fatal: true }).decode(raw) };
    } catch {
      return { name: raw.toString('latin1'), problem: 'is not valid UTF-8' };
    }
  }
  // Without the UTF-8 flag the name is CP437; only its ASCII subset reads the same everywhere.
  if (raw.some((b) => b >= 0x80)) return { name: raw.toString('latin1'), problem: 'has non-ASCII characters but is not marked UTF-8' };
  return { name: raw.toString('latin1') };
}

/**
 * Unix mode bits live in the high half of the external attributes whatever host the "made by"
 * field names: Info-ZIP's unzip honours a symlink type from hosts 2, 5, 16 and 30 too, so any
 * non-zero mode must be a plain regular file, and Unix-made entries must carry one.
 */
function kindProblem(e: yauzl.Entry): string | null {
  const host = e.versionMadeBy >> 8;
  const mode = e.externalFileAttributes >>> 16;
  if (mode !== 0 || host === 3) {
    const type = mode & S_IFMT;
    if (type === S_IFLNK) return `is a symbolic link (made by host ${host})`;
    if (type !== S_IFREG) return `is not a regular file (mode ${mode.toString(8)}, made by host ${host})`;
    if (mode & 0o7000) return `has set-user-id, set-group-id or sticky bits (mode ${mode.toString(8)})`;
  }
  if (e.externalFileAttributes & 0x10) return 'is a directory';
  if (e.externalFileAttributes & 0x08) return 'is a volume label';
  if (e.externalFileAttributes & 0x400) return 'is a reparse point (link)';
  return null;
}

const isZip64Extra = (f: { id: number }) => f.id === 0x0001;
const extrasWithoutZip64 = (buf: Buffer) => {
  try {
    return Buffer.concat(yauzl.parseExtraFields(buf).filter((f) => !isZip64Extra(f)).map((f) => {
      const head = Buffer.alloc(4);
      head.writeUInt16LE(f.id, 0);
      head.writeUInt16LE(f.data.length, 2);
      return Buffer.concat([head, f.data]);
    }));
  } catch {
    return null;
  }
};

export class SafeZip {
  private constructor(
    readonly file: string,
    private readonly fh: fs.promises.FileHandle,
    private readonly zip: yauzl.ZipFile,
    readonly size: number,
    readonly entries: Map<string, ZipEntryInfo>,
    private readonly raw: yauzl.Entry[],
    private readonly cdOffset: number,
  ) {}

  /** Opens and checks the structure; returns the zip only when the structure is sound. */
  static async open(file: string, limits: Limits): Promise<{ zip: SafeZip | null; problems: Problem[] }> {
    const problems: Problem[] = [];
    const add = (code: string, message: string, entry?: string) => {
      if (problems.length < MAX_PROBLEMS) problems.push({ code, message, entry });
    };
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(file);
    } catch (e) {
      return { zip: null, problems: [{ code: 'read-error', message: `cannot read the file: ${(e as Error).message}` }] };
    }
    if (!stat.isFile()) return { zip: null, problems: [{ code: 'not-a-zip', message: 'not a regular file' }] };
    if (stat.size > limits.maxArchiveBytes)
      return { zip: null, problems: [{ code: 'archive-too-large', message: `the archive is ${stat.size} bytes; the limit is ${limits.maxArchiveBytes}` }] };
    // yauzl owns one descriptor (closing the zip closes it); raw header reads use another.
    const fh = await fs.promises.open(file, 'r');
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false });
    } catch (e) {
      await fh.close();
      return { zip: null, problems: [{ code: 'not-a-zip', message: `not a readable zip archive (truncated or not a zip): ${(e as Error).message}` }] };
    }
    const cdOffset = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
    const close = async () => {
      zip.close();
      await fh.close();
    };
    if (zip.entryCount > limits.maxEntries) {
      await close();
      return { zip: null, problems: [{ code: 'too-many-entries', message: `${zip.entryCount} entries; the limit is ${limits.maxEntries}` }] };
    }
    const raw: yauzl.Entry[] = [];
    try {
      for (;;) {
        const e = await nextEntry(zip);
        if (!e) break;
        raw.push(e);
      }
    } catch (e) {
      const message = (e as Error).message;
      add(/encrypt/i.test(message) ? 'encrypted-entry' : 'zip-structure', `the central directory is damaged: ${message}`);
      await close();
      return { zip: null, problems };
    }
    const cdEnd = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
    const entries = new Map<string, ZipEntryInfo>();
    const seen = new Map<string, string>();
    let total = 0;
    for (const e of raw) {
      const { name, problem } = decodeName(e);
      const label = JSON.stringify(name);
      if (problem) add('entry-name', `entry ${label} ${problem}`, name);
      const np = entryNameProblem(name);
      if (np) add('entry-name', `entry ${label} ${np}`, name);
      if (entries.has(name)) add('duplicate-entry', `entry ${label} appears twice`, name);
      else {
        const key = collisionKey(name);
        const other = seen.get(key);
        if (other !== undefined) add('name-collision', `entries ${JSON.stringify(other)} and ${label} collide after Unicode normalisation or case folding`, name);
        seen.set(key, name);
      }
      if (e.extraFields.some((f) => f.id === 0x7075)) add('entry-name', `entry ${label} carries a second (Info-ZIP Unicode) name`, name);
      const kp = kindProblem(e);
      if (kp) add('not-regular-file', `entry ${label} ${kp}`, name);
      if (e.generalPurposeBitFlag & 0x41) add('encrypted-entry', `entry ${label} is encrypted`, name);
      if (e.compressionMethod !== 0 && e.compressionMethod !== 8) add('compression-method', `entry ${label} uses compression method ${e.compressionMethod}`, name);
      if (e.uncompressedSize > limits.maxEntryBytes) add('entry-too-large', `entry ${label} is ${e.uncompressedSize} bytes; the limit is ${limits.maxEntryBytes}`, name);
      if (e.compressionMethod === 0 && e.compressedSize !== e.uncompressedSize) add('zip-structure', `stored entry ${label} has different compressed and uncompressed sizes`, name);
      const ratio = e.uncompressedSize / Math.max(e.compressedSize, 1);
      if (e.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio)
        add('compression-ratio', `entry ${label} expands ${Math.round(ratio)}x (limit ${limits.maxRatio}x): a zip bomb`, name);
      total += e.uncompressedSize;
      if (!entries.has(name))
        entries.set(name, { name, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize, crc32: e.crc32, stored: e.compressionMethod === 0, dataStart: -1, entry: e });
    }
    if (total > limits.maxTotalBytes) add('total-too-large', `entries expand to ${total} bytes; the limit is ${limits.maxTotalBytes}`);
    // Judged on the whole archive, small entries included: a bomb of many small entries has no big one.
    if (total > limits.ratioFloorBytes && total / Math.max(stat.size, 1) > limits.maxArchiveRatio)
      add('compression-ratio', `the entries expand to ${total} bytes, ${Math.round(total / Math.max(stat.size, 1))}x the ${stat.size}-byte file (limit ${limits.maxArchiveRatio}x): a zip bomb`);
    for (const p of await tailProblems(fh, { fileSize: stat.size, cdOffset, cdEnd, entryCount: raw.length })) add('zip-layout', p);
    if (problems.length > 0) {
      await close();
      return { zip: null, problems };
    }
    return { zip: new SafeZip(file, fh, zip, stat.size, entries, raw, cdOffset), problems };
  }

  /**
   * Every local header against its central record, and the tiling of the file. Separate from
   * `open` so a bundle from an unknown signer is refused on its central directory and signature
   * alone, before a read per entry.
   */
  async checkLayout(deadline?: Deadline): Promise<Problem[]> {
    const problems: Problem[] = [];
    const add = (code: string, message: string, entry?: string) => {
      if (problems.length < MAX_PROBLEMS) problems.push({ code, message, entry });
    };
    await checkLocalHeaders(this.zip, this.fh, this.raw, this.entries, this.cdOffset, add, deadline);
    return problems;
  }

  /** A whole small entry (tag files, the signature), refused above `max` bytes. */
  async readWhole(name: string, max: number): Promise<Buffer> {
    const info = this.entries.get(name);
    if (!info) throw new Error(`${name} is missing`);
    if (info.uncompressedSize > max) throw new Error(`${name} is ${info.uncompressedSize} bytes; at most ${max} expected`);
    const chunks: Buffer[] = [];
    for await (const c of await this.open(name)) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  /**
   * The entry's bytes. Stored entries (exhibits) are read straight from their verified byte range in
   * large blocks; deflated ones go through yauzl, which stops as soon as the output exceeds the
   * declared size.
   */
  async open(name: string): Promise<Readable> {
    const info = this.entries.get(name);
    if (!info) throw new Error(`${name} is missing`);
    if (info.stored && info.dataStart >= 0) {
      if (info.uncompressedSize === 0) return Readable.from([]);
      return fs.createReadStream(this.file, { start: info.dataStart, end: info.dataStart + info.uncompressedSize - 1, highWaterMark: 1 << 20 });
    }
    if (info.stored) return this.zip.openReadStreamPromise(info.entry);
    return inflateExactly(await this.zip.openReadStreamPromise(info.entry, { decompress: false }), info);
  }

  /** SHA-256, size and CRC-32 of an entry's bytes, streamed. */
  async digest(name: string, deadline?: Deadline): Promise<{ sha256: string; size: number; crcOk: boolean }> {
    const info = this.entries.get(name)!;
    const h = new Digests(['sha256']);
    let crc = 0;
    for await (const c of await this.open(name)) {
      if (deadline?.passed()) throw new ZipEntryError('time-budget', deadline.message());
      h.update(c as Buffer);
      crc = zlib.crc32(c as Buffer, crc);
    }
    const { hex, size } = h.result();
    return { sha256: hex, size, crcOk: crc === info.crc32 };
  }

  async close(): Promise<void> {
    this.zip.close();
    await this.fh.close().catch(() => undefined);
  }
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (e: yauzl.Entry) => (cleanup(), resolve(e));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (err: Error) => (cleanup(), reject(err));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** Every local header must repeat its central record exactly; then the records must tile the file. */
async function checkLocalHeaders(
  zip: yauzl.ZipFile,
  fh: fs.promises.FileHandle,
  raw: yauzl.Entry[],
  entries: Map<string, ZipEntryInfo>,
  cdOffset: number,
  add: (code: string, message: string, entry?: string) => void,
  deadline?: Deadline,
): Promise<void> {
  const spans: LocalSpan[] = [];
  for (const e of raw) {
    if (deadline?.passed()) return add('time-budget', deadline.message());
    const name = decodeName(e).name;
    const label = JSON.stringify(name);
    let local: yauzl.LocalFileHeader;
    try {
      local = await zip.readLocalFileHeaderPromise(e);
    } catch (err) {
      add('local-header-mismatch', `entry ${label}: ${(err as Error).message}`, name);
      continue;
    }
    const mismatch: string[] = [];
    if (!Buffer.from(local.fileName).equals(e.fileName as unknown as Buffer)) mismatch.push('file name');
    const hasDescriptor = (local.generalPurposeBitFlag & 0x8) !== 0;
    const zip64 = [local.extraField, e.extraFieldRaw].some((b) => {
      try {
        return yauzl.parseExtraFields(b).some(isZip64Extra);
      } catch {
        return false;
      }
    });
    for (const f of ['generalPurposeBitFlag', 'compressionMethod', 'lastModFileTime', 'lastModFileDate'] as const)
      if (local[f] !== e[f]) mismatch.push(f);
    // A zip64 central record may need a later version than its local header (yazl writes 45 vs 20).
    if (local.versionNeededToExtract !== e.versionNeededToExtract && !(zip64 && local.versionNeededToExtract < e.versionNeededToExtract))
      mismatch.push('versionNeededToExtract');
    // Local extra fields may be absent (yazl keeps timestamps in the central record only); if present they must agree.
    const localExtra = extrasWithoutZip64(local.extraField);
    const centralExtra = extrasWithoutZip64(e.extraFieldRaw);
    if (!localExtra || !centralExtra || (localExtra.length > 0 && !localExtra.equals(centralExtra))) mismatch.push('extra fields');
    if (!hasDescriptor) {
      if (local.crc32 !== e.crc32) mismatch.push('CRC-32');
      const sizesMatch = (l: number, c: number) => l === c || (l === 0xffffffff && zip64);
      if (!sizesMatch(local.compressedSize, e.compressedSize) || !sizesMatch(local.uncompressedSize, e.uncompressedSize)) mismatch.push('sizes');
    } else if ((local.crc32 !== 0 && local.crc32 !== e.crc32) || (local.compressedSize !== 0 && local.compressedSize !== e.compressedSize)) {
      mismatch.push('CRC-32 or sizes');
    }
    let end = local.fileDataStart + e.compressedSize;
    if (hasDescriptor) {
      const d = await checkDataDescriptor(fh, end, zip64, e);
      if (d.problem) mismatch.push(d.problem);
      end += d.length;
    }
    if (mismatch.length) add('local-header-mismatch', `entry ${label}: the local header disagrees with the central directory (${mismatch.join(', ')})`, name);
    const info = entries.get(name);
    if (info && info.entry === e) info.dataStart = local.fileDataStart;
    spans.push({ name, start: e.relativeOffsetOfLocalHeader, end });
  }
  for (const p of tilingProblems(spans, cdOffset)) add('zip-layout', p);
}

/**
 * Inflates an entry's raw deflate data and holds it to the central directory: never more than the
 * declared size, exactly that size at the end, and the deflate stream must end exactly where the
 * compressed data ends (bytes after its final block are data no check would ever read).
 */
function inflateExactly(raw: Readable, info: ZipEntryInfo): Readable {
  const inflate = zlib.createInflateRaw();
  let out = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _e, cb) {
      out += chunk.length;
      if (out > info.uncompressedSize) cb(new ZipEntryError('size-mismatch', `inflates past its declared ${info.uncompressedSize} bytes`));
      else cb(null, chunk);
    },
    flush(cb) {
      if (inflate.bytesWritten !== info.compressedSize)
        cb(new ZipEntryError('deflate-trailing-data', `${info.compressedSize - inflate.bytesWritten} bytes follow the end of its deflate stream`));
      else if (out !== info.uncompressedSize) cb(new ZipEntryError('size-mismatch', `inflates to ${out} bytes, the directory says ${info.uncompressedSize}`));
      else cb();
    },
  });
  raw.on('error', (e) => guard.destroy(e));
  inflate.on('error', (e) => guard.destroy(new ZipEntryError('read-error', `its deflate data is damaged (${e.message})`)));
  return raw.pipe(inflate).pipe(guard);
}
