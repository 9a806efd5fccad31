import type { FileHandle } from 'node:fs/promises';

/**
 * Byte-level checks yauzl leaves to its callers: the end-of-central-directory records must agree
 * with what was read, and the local records must tile the file exactly up to the central directory.
 * A gap hides bytes no check reads; an overlap is how the "better zip bomb" reuses one payload.
 */

export interface LocalSpan {
  name: string;
  start: number;
  end: number;
}

export function tilingProblems(spans: LocalSpan[], centralDirectoryOffset: number): string[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const problems: string[] = [];
  let cursor = 0;
  for (const s of sorted) {
    if (s.start < cursor) problems.push(`entry ${JSON.stringify(s.name)} overlaps the entry before it (at byte ${s.start})`);
    else if (s.start > cursor) problems.push(`${s.start - cursor} unaccounted bytes before entry ${JSON.stringify(s.name)} (at byte ${cursor})`);
    cursor = Math.max(cursor, s.end);
  }
  if (cursor > centralDirectoryOffset) problems.push('the last entry runs into the central directory');
  else if (cursor < centralDirectoryOffset) problems.push(`${centralDirectoryOffset - cursor} unaccounted bytes before the central directory`);
  return problems;
}

const readAt = async (fh: FileHandle, position: number, length: number) => {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
};

/**
 * The tail after the central directory: [zip64 EOCD record, zip64 locator,] EOCD, with no comment.
 * Every count and offset in it must match the central directory actually read.
 */
export async function tailProblems(
  fh: FileHandle,
  o: { fileSize: number; cdOffset: number; cdEnd: number; entryCount: number },
): Promise<string[]> {
  const tail = await readAt(fh, o.cdEnd, Math.min(o.fileSize - o.cdEnd, 200));
  const problems: string[] = [];
  const eocdAt = tail.length - 22;
  if (eocdAt < 0 || tail.readUInt32LE(eocdAt) !== 0x06054b50) return ['the end-of-central-directory record is not at the end of the file (trailing bytes or an archive comment)'];
  const eocd = tail.subarray(eocdAt);
  const cdSize = o.cdEnd - o.cdOffset;
  const zip64 = eocdAt !== 0;
  if (eocd.readUInt16LE(4) !== 0 || eocd.readUInt16LE(6) !== 0) problems.push('multi-disk fields are not zero');
  if (zip64) {
    if (eocdAt !== 76) return [...problems, `${eocdAt} unexpected bytes between the central directory and its end record`];
    const rec = tail.subarray(0, 56);
    const loc = tail.subarray(56, 76);
    if (rec.readUInt32LE(0) !== 0x06064b50 || loc.readUInt32LE(0) !== 0x07064b50) return [...problems, 'malformed zip64 end records'];
    if (Number(rec.readBigUInt64LE(4)) !== 44) problems.push('zip64 end record has an unexpected size');
    if (rec.readUInt32LE(16) !== 0 || rec.readUInt32LE(20) !== 0) problems.push('zip64 multi-disk fields are not zero');
    if (Number(rec.readBigUInt64LE(24)) !== o.entryCount || Number(rec.readBigUInt64LE(32)) !== o.entryCount) problems.push('zip64 entry counts disagree');
    if (Number(rec.readBigUInt64LE(40)) !== cdSize) problems.push('zip64 central directory size disagrees');
    if (Number(rec.readBigUInt64LE(48)) !== o.cdOffset) problems.push('zip64 central directory offset disagrees');
    if (loc.readUInt32LE(4) !== 0 || Number(loc.readBigUInt64LE(8)) !== o.cdEnd || loc.readUInt32LE(16) !== 1) problems.push('zip64 locator disagrees');
  }
  const field = (value: number, actual: number) => value === actual || (zip64 && (value === 0xffff || value === 0xffffffff));
  if (!field(eocd.readUInt16LE(8), o.entryCount) || !field(eocd.readUInt16LE(10), o.entryCount) || eocd.readUInt16LE(8) !== eocd.readUInt16LE(10))
    problems.push('entry counts in the end record disagree with the central directory');
  if (!field(eocd.readUInt32LE(12), cdSize)) problems.push('central directory size in the end record is wrong');
  if (!field(eocd.readUInt32LE(16), o.cdOffset)) problems.push('central directory offset in the end record is wrong');
  if (eocd.readUInt16LE(20) !== 0) problems.push('the archive has a comment');
  return problems;
}

export interface DescriptorCheck {
  length: number;
  problem?: string;
}

/** The data descriptor after an entry's data (general-purpose bit 3): CRC and sizes must match the central record. */
export async function checkDataDescriptor(
  fh: FileHandle,
  at: number,
  zip64: boolean,
  expected: { crc32: number; compressedSize: number; uncompressedSize: number },
): Promise<DescriptorCheck> {
  const buf = await readAt(fh, at, 24);
  let off = buf.length >= 4 && buf.readUInt32LE(0) === 0x08074b50 ? 4 : 0;
  const need = off + (zip64 ? 20 : 12);
  if (buf.length < need) return { length: 0, problem: 'the data descriptor is cut off' };
  const crc = buf.readUInt32LE(off);
  off += 4;
  const csize = zip64 ? Number(buf.readBigUInt64LE(off)) : buf.readUInt32LE(off);
  const usize = zip64 ? Number(buf.readBigUInt64LE(off + 8)) : buf.readUInt32LE(off + 4);
  const problem =
    crc !== expected.crc32 || csize !== expected.compressedSize || usize !== expected.uncompressedSize
      ? 'the data descriptor disagrees with the central directory (CRC or sizes)'
      : undefined;
  return { length: need, problem };
}
