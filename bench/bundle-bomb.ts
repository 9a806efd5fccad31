import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { randomBytes } from 'node:crypto';
import yazl from 'yazl';
import yauzl from 'yauzl';
import { Core } from '../core/core.js';
import { newId } from '../core/ids.js';

/**
 * The bomb: a bundle signed by a key the receiver does not know, about 6 MB on disk, with one
 * deflated entry that inflates to ~3.96 GB (the verifier once inflated such a file for 110 s). Built
 * from a real tiny bundle signed by `keyFile`, plus the bomb entry and 2 MB of random padding.
 */
export async function buildBomb(dir: string, keyFile: string, passphrase: string): Promise<{ file: string; inflatesTo: number }> {
  const core = new Core({ dbPath: path.join(dir, 'stranger.sqlite'), actor: { user: 'stranger', agency: 'Stranger' } });
  const small = path.join(dir, 'stranger.zip');
  try {
    const caseId = newId();
    core.writer.sqlite.prepare("INSERT INTO cases (id, number, title, status) VALUES (?, 'BOMB-1', 'A bomb', 'open')").run(caseId);
    await core.call('bundles.export', { caseId, recipients: ['Victim Agency'], keyFile, passphrase, out: small, unencrypted: true }, { trusted: true });
  } finally {
    core.close();
  }
  const entries = await readAll(small);
  const root = entries[0].name.split('/')[0];
  // Non-final deflate blocks of zeros, repeated: every back-reference still points at zeros.
  const CHUNK = 64 << 20;
  const zeros = Buffer.alloc(CHUNK);
  const block = zlib.deflateRawSync(zeros, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const repeats = 59;
  const final = zlib.deflateRawSync(Buffer.alloc(0));
  const bomb = Buffer.concat([...Array.from({ length: repeats }, () => block), final]);
  let crc = 0;
  for (let i = 0; i < repeats; i++) crc = zlib.crc32(zeros, crc);
  const inflatesTo = repeats * CHUNK;
  const bombName = `${root}/data/exhibits/${'b'.repeat(64)}`;
  const file = path.join(dir, 'bomb.zip');
  await writeStored(file, [...entries, { name: bombName, data: bomb }, { name: `${root}/data/exhibits/${'c'.repeat(64)}`, data: randomBytes(2 << 20) }]);
  // The bomb entry was written stored: mark it deflated, with the size and CRC of what it inflates to.
  const buf = fs.readFileSync(file);
  const needle = Buffer.from(bombName);
  for (let i = buf.indexOf(needle); i !== -1; i = buf.indexOf(needle, i + 1)) {
    if (i >= 46 && buf.readUInt32LE(i - 46) === 0x02014b50) {
      buf.writeUInt16LE(8, i - 46 + 10);
      buf.writeUInt32LE(crc >>> 0, i - 46 + 16);
      buf.writeUInt32LE(inflatesTo, i - 46 + 24);
    }
    if (i >= 30 && buf.readUInt32LE(i - 30) === 0x04034b50) buf.writeUInt16LE(8, i - 30 + 8);
  }
  fs.writeFileSync(file, buf);
  return { file, inflatesTo };
}

async function readAll(file: string): Promise<{ name: string; data: Buffer }[]> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const out: { name: string; data: Buffer }[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) =>
      zip.openReadStream(e, (err, s) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        s.on('data', (c: Buffer) => chunks.push(c)).on('end', () => (out.push({ name: e.fileName, data: Buffer.concat(chunks) }), zip.readEntry()));
      }),
    );
    zip.on('end', resolve).on('error', reject);
    zip.readEntry();
  });
  zip.close();
  return out;
}

async function writeStored(out: string, entries: { name: string; data: Buffer }[]): Promise<void> {
  const zip = new yazl.ZipFile();
  const done = new Promise<void>((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(out)).on('finish', resolve).on('error', reject));
  for (const e of entries) zip.addBuffer(e.data, e.name, { compress: false, mode: 0o100644, mtime: new Date('2026-01-01') });
  zip.end();
  await done;
}
