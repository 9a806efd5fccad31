import fs from 'node:fs';
import { invalidField } from '../errors.js';
import { binaryKind } from '../file-kind.js';
import { detectEncoding, readHead } from './text.js';

/**
 * Refuses, from the first bytes alone and before the file is hashed or the write lock is taken,
 * what cannot be a statement: a zip, PDF or SQLite file picked by mistake ("this is a zip, not a
 * statement" instead of a mapping error), or binary content (NUL bytes in text that is not UTF-16).
 */
export function refuseNonStatement(file: string, name: string, encoding?: string): void {
  const size = fs.statSync(file).size;
  const head = readHead(file);
  const kind = binaryKind(head);
  if (kind) throw invalidField('file', 'import.notAStatement', { name, kind });
  const enc = (encoding ?? detectEncoding(head, size)).toLowerCase();
  const wide = enc.startsWith('utf-16') || enc.startsWith('utf16') || enc.startsWith('ucs');
  const at = wide ? nulCodeUnit(head) : head.indexOf(0);
  if (at >= 0)
    throw invalidField('file', 'import.binary', { name, offset: at });
}

/** Offset of the first U+0000 in UTF-16 text, -1 if none. */
function nulCodeUnit(b: Buffer): number {
  for (let i = 0; i + 1 < b.length; i += 2) if (b[i] === 0 && b[i + 1] === 0) return i;
  return -1;
}
