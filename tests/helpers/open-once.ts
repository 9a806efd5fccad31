// One process, one open: waits until the file GO exists (so every process starts its open at the
// same moment), opens DB with openDatabase (creating and migrating it), and prints "ok" or "err MESSAGE".
import fs from 'node:fs';
import { openDatabase } from '../../db/connection.js';

const [db, go] = process.argv.slice(2);
process.stdout.write('ready\n');
const deadline = Date.now() + 300_000;
while (!fs.existsSync(go) && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
try {
  openDatabase(db).close();
  process.stdout.write('ok\n');
} catch (e) {
  process.stdout.write(`err ${(e as Error).message.replace(/\n/g, ' ')}\n`);
}
