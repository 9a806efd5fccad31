// A process that opens databases on request, for races between processes: each "open PATH" line
// on stdin opens (creating and migrating) that file with openDatabase and answers "ok" or "err MESSAGE".
import readline from 'node:readline';
import { openDatabase } from '../../db/connection.js';

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const file = line.replace(/^open /, '');
  try {
    openDatabase(file).close();
    process.stdout.write('ok\n');
  } catch (e) {
    process.stdout.write(`err ${(e as Error).message.replace(/\n/g, ' ')}\n`);
  }
});
process.stdout.write('ready\n');
