import fs from 'node:fs';
import iconv from 'iconv-lite';
import path from 'node:path';
import { invalid, ProceedsError } from '../errors.js';

/** Bytes read from the head of a file for detection and preview. */
export const SAMPLE_BYTES = 256 * 1024;

export function readHead(file: string, bytes = SAMPLE_BYTES): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** Canonical iconv-lite name for what the user or the file said, or an error naming the field. */
export function checkEncoding(name: string, path = 'encoding'): string {
  const n = name.trim().toLowerCase().replace(/^(windows|cp)[-_ ]?(\d+)$/, 'cp$2').replace(/^utf8$/, 'utf-8');
  const canonical = n === 'cp1252' ? 'windows-1252' : n;
  if (!iconv.encodingExists(canonical)) throw invalid(path, `unknown text encoding "${name}"`);
  return canonical;
}

/** True when the bytes are valid UTF-8, ignoring a multi-byte sequence cut off at the end of the sample. */
function isUtf8(buf: Buffer, truncated: boolean): boolean {
  let end = buf.length;
  if (truncated) {
    // Back off to the start of the last (possibly incomplete) sequence.
    let i = end - 1;
    while (i > 0 && end - i < 4 && (buf[i] & 0xc0) === 0x80) i--;
    end = i;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** What the file's own header says its charset is (OFX CHARSET:, XML encoding=""). */
function declaredCharset(head: string): string | undefined {
  const xml = /<\?xml[^>]*encoding=["']([\w.:-]+)["']/i.exec(head)?.[1];
  if (xml) return xml;
  const ofx = /^\s*CHARSET:\s*([\w-]+)/im.exec(head)?.[1];
  if (ofx && /^OFXHEADER/im.test(head)) {
    if (/^1252$/.test(ofx)) return 'windows-1252';
    if (/^8859-?1$|^ISO-8859-1$/i.test(ofx)) return 'iso-8859-1';
    if (/^NONE$/i.test(ofx)) return undefined;
    return ofx;
  }
  return undefined;
}

/**
 * Detects the text encoding: a BOM wins, then NUL patterns (UTF-16 without BOM), then valid UTF-8,
 * then what the file declares, else Windows-1252 (which can decode any byte).
 */
export function detectEncoding(head: Buffer, fileSize: number): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const n = Math.min(head.length, 4096) & ~1;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  if (n > 0 && oddNul > n / 8 && evenNul === 0) return 'utf-16le';
  if (n > 0 && evenNul > n / 8 && oddNul === 0) return 'utf-16be';
  const ascii = head.toString('latin1', 0, Math.min(head.length, 2048));
  const declared = declaredCharset(ascii);
  const utf8 = isUtf8(head, head.length < fileSize);
  if (declared && iconv.encodingExists(declared) && !(utf8 && /^utf-?8$/i.test(declared))) {
    // A file that declares a single-byte charset but is valid UTF-8 with non-ASCII text was re-saved as UTF-8.
    const hasHighBytes = head.some((b) => b > 0x7f);
    if (!(utf8 && hasHighBytes)) return checkEncoding(declared);
  }
  return utf8 ? 'utf-8' : 'windows-1252';
}

/** Decodes a sample the way the stream would (BOM dropped). */
export function decodeSample(head: Buffer, encoding: string): string {
  return stripBom(iconv.decode(head, encoding));
}

export const stripBom = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

/**
 * Turns CR LF and lone CR into LF, so records split on LF only and line numbers match what an editor
 * shows (CR, LF and CR LF each end a line). A CR at the end of a chunk waits for the next chunk.
 */
export function newlineNormaliser(): (chunk: string, last: boolean) => string {
  let pendingCr = false;
  return (chunk, last) => {
    let s = (pendingCr ? '\r' : '') + chunk;
    pendingCr = !last && s.endsWith('\r');
    if (pendingCr) s = s.slice(0, -1);
    return s.indexOf('\r') === -1 ? s : s.replace(/\r\n?/g, '\n');
  };
}

export const normaliseNewlines = (s: string) => s.replace(/\r\n?/g, '\n');

/** Incremental decoder for a file's bytes: native TextDecoder for UTF-8, iconv-lite for the rest. BOM dropped. */
export function textDecoder(encoding: string): { write(b: Uint8Array): string; end(): string } {
  if (/^utf-?8$/i.test(encoding)) {
    const d = new TextDecoder('utf-8');
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  }
  const d = iconv.getDecoder(encoding, { stripBOM: true });
  return { write: (b) => d.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), end: () => d.end() ?? '' };
}

/**
 * The largest OFX, camt or MT940 file read whole (they are parsed in one piece). Real statements
 * are a few megabytes; past this it is not a statement, or it needs splitting, not 4 GB of memory.
 */
export const MAX_WHOLE_FILE_BYTES = 256 * 1024 * 1024;

/** Reads a whole (small) statement file as text: OFX, camt and MT940 files are parsed in one piece. */
export function readText(file: string, encoding: string): string {
  const size = fs.statSync(file).size;
  if (size > MAX_WHOLE_FILE_BYTES)
    throw new ProceedsError('Invalid', `${path.basename(file)} is ${Math.ceil(size / (1 << 20))} MB; OFX, camt and MT940 statements are read whole, up to ${MAX_WHOLE_FILE_BYTES / (1 << 20)} MB: split it by period; nothing was imported`, [
      { path: 'file', message: 'file too large for its format' },
    ]);
  return normaliseNewlines(stripBom(iconv.decode(fs.readFileSync(file), encoding)));
}
