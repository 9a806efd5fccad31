import fs from 'node:fs';
import yauzl from 'yauzl';
import yazl from 'yazl';

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
