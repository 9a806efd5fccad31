import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { importFile, newCase } from './helpers.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

describe('inputs that are not statements are refused before reading or locking', () => {
  it('devices, FIFOs and folders by type; zip, PDF and SQLite files by their first bytes; NUL content at detection', async () => {
    env = tempCore('not-a-statement');
    const c = await newCase(env.core);
    const fifo = path.join(env.dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const write = (name: string, data: Buffer | string) => {
      const p = path.join(env.dir, name);
      fs.writeFileSync(p, data);
      return p;
    };
    const cases: [string, string][] = [
      ['/dev/zero', '/dev/zero is a device, not a file'],
      [fifo, `${fifo} is a named pipe (FIFO), not a file`],
      [env.dir, `${env.dir} is a folder, not a file`],
      [write('statement.zip', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)])), 'statement.zip is a zip archive (or an Office document), not a bank statement'],
      [write('statement.pdf', '%PDF-1.7\n...'), 'statement.pdf is a PDF document, not a bank statement'],
      [env.dbPath, 'proceeds.sqlite is an SQLite database, not a bank statement'],
      [write('ledger.csv', Buffer.concat([Buffer.from('date,from_account,to_account,amount,currency\n2024-01-01,A,B,1.00,USD\n'), Buffer.alloc(4096)])), 'ledger.csv holds binary content (a NUL byte at offset 69)'],
    ];
    for (const [file, message] of cases) {
      const err = await importFile(env.core, c.id, file).catch((e) => e);
      expect(err.message, file).toContain(message);
      expect(err.issues[0].path).toBe('file');
    }
    expect((env.core.writer.sqlite.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n).toBe(0);
  });
});

describe('records have a size limit', () => {
  it('a ledger whose second record never ends is refused with its line, nothing imported', async () => {
    env = tempCore('record-limit');
    const c = await newCase(env.core);
    const file = path.join(env.dir, 'endless.csv');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, 'date,from_account,to_account,amount,currency\n2024-01-01,A,B,1.00,USD\n2024-01-02,A,B,2.00,USD,');
    // 3 MB of text without a line end: past the limit, beyond the detection sample.
    for (let i = 0; i < 3; i++) fs.writeSync(fd, 'x'.repeat(1 << 20));
    fs.closeSync(fd);
    const err = await importFile(env.core, c.id, file).catch((e) => e);
    expect(err.code).toBe('Invalid');
    expect(err.message).toMatch(/line 3: a record longer than 1048576 characters/);
    expect((env.core.writer.sqlite.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n).toBe(0);
  });
});
