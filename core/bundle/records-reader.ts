import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { ProceedsError } from '../errors.js';
import { RECORD_SCHEMA } from './format.js';

/**
 * Reads a records file of the bag line by line: a header line (schema, table, count) and one JSON
 * object a line. Errors name the file and the line, as an editor numbers them.
 */
export async function* readRecords(
  stream: Readable,
  file: string,
  table: string,
): AsyncGenerator<{ line: number; row: Record<string, unknown> }> {
  const rl = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  let expected: number | undefined;
  let rows = 0;
  const fail = (message: string) => new ProceedsError('Invalid', `${file} line ${line}: ${message}`, [{ path: `${file}:${line}`, message }]);
  for await (const text of rl) {
    line++;
    if (text === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw fail(`not JSON (${(e as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('not a JSON object');
    const obj = value as Record<string, unknown>;
    if (line === 1) {
      if (obj.schema !== RECORD_SCHEMA) throw fail(`unknown record schema ${JSON.stringify(obj.schema)} (this version reads ${RECORD_SCHEMA})`);
      if (obj.table !== table) throw fail(`holds table ${JSON.stringify(obj.table)}, expected ${table}`);
      if (obj.count !== undefined) expected = Number(obj.count);
      continue;
    }
    rows++;
    yield { line, row: obj };
  }
  if (line === 0) throw fail('the file is empty (no header line)');
  if (expected !== undefined && rows !== expected) throw new ProceedsError('Invalid', `${file}: the header says ${expected} records, the file has ${rows}`);
}
