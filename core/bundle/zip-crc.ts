import zlib from 'node:zlib';
import { createRequire } from 'node:module';

/**
 * yazl computes CRC-32 with the pure-JS `buffer-crc32` (about 400 MB/s here); Node 20's native
 * zlib.crc32 does the same sum at over 2 GB/s, and the CRC is the slowest step of writing a
 * stored gigabyte. yazl looks the function up on the module object at every chunk, so swapping
 * that property is enough. The unzip -t test in tests/unit/bundle checks the CRCs stay right.
 * Where the module cannot be reached (a bundled build), yazl keeps its own: slower, still correct.
 */
let done = false;

export function useNativeCrc32(): void {
  if (done || typeof zlib.crc32 !== 'function') return;
  done = true;
  try {
    // Resolved from yazl's own location, so it is the very module instance yazl loaded.
    const req = createRequire(import.meta.url);
    const crc = createRequire(req.resolve('yazl'))('buffer-crc32') as { unsigned: (buf: Buffer | string, prev?: number) => number };
    crc.unsigned = (buf, prev) => zlib.crc32(typeof buf === 'string' ? Buffer.from(buf) : buf, prev ?? 0);
  } catch {
    // Not reachable: leave yazl as it is.
  }
}
