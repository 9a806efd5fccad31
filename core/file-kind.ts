import fs from 'node:fs';
import { ProceedsError } from './errors.js';

/**
 * What a path really is, told before a single byte is read: a device such as /dev/zero never
 * ends, a FIFO blocks until someone writes, a folder gives a raw EISDIR.
 */
export function nonRegularKind(st: fs.Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Stats a path a user gave us and refuses anything but an existing regular file, naming the path. */
export function assertRegularFile(file: string, field = 'file'): fs.Stats {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ProceedsError('NotFound', `file not found: ${file}`, [{ path: field, message: 'file not found' }]);
    if (code === 'EACCES' || code === 'EPERM') throw new ProceedsError('Forbidden', `no permission to read ${file}`, [{ path: field, message: 'no permission to read' }]);
    throw e;
  }
  const kind = nonRegularKind(st);
  if (kind) throw new ProceedsError('Invalid', `${file} is ${kind}, not a file`, [{ path: field, message: `${kind}, not a file` }]);
  return st;
}

/** Magic numbers of the files most often picked by mistake, for "this is a zip, not a statement". */
const MAGIC: [string, (b: Buffer) => boolean][] = [
  ['an SQLite database', (b) => b.subarray(0, 16).toString('latin1') === 'SQLite format 3\u0000'],
  ['a zip archive (or an Office document)', (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x05, 0x06]))],
  ['a PDF document', (b) => b.subarray(0, 5).toString('latin1') === '%PDF-'],
  ['a gzip archive', (b) => b[0] === 0x1f && b[1] === 0x8b],
  ['a 7-Zip archive', (b) => b.subarray(0, 6).equals(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]))],
  ['a PNG image', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['a JPEG image', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['an old Office document (OLE)', (b) => b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))],
  ['a sealed bundle (age)', (b) => b.subarray(0, 21).toString('latin1') === 'age-encryption.org/v1'],
];

/** The kind of a binary file, from its first bytes; undefined when it is not one we recognise. */
export function binaryKind(head: Buffer): string | undefined {
  return MAGIC.find(([, test]) => test(head))?.[0];
}
