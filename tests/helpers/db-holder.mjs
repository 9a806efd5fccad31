// Another process on the same database file, driven line by line over stdin (plain Node and
// better-sqlite3: no tsx start-up cost). Answers each command with one line on stdout.
//   hold [method]  BEGIN IMMEDIATE (and, with a method, leave the writer note the core leaves)
//   release        COMMIT
//   write-loop     commit small writes back to back until "stop" (answers after the first commit)
//   stop           end the loop; answers with the number of commits
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import readline from 'node:readline';

const [dbPath] = process.argv.slice(2);
const db = new Database(dbPath, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.prepare('SELECT count(*) FROM sqlite_master').get();
let looping = false;
let commits = 0;
const say = (s) => process.stdout.write(s + '\n');

function loop() {
  if (!looping) return;
  db.prepare("INSERT INTO settings (key, value) VALUES ('holder.tick', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(commits));
  if (commits++ === 0) say('writing');
  setImmediate(loop);
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, arg] = line.trim().split(/\s+/);
  if (cmd === 'hold') {
    db.exec('BEGIN IMMEDIATE');
    if (arg) fs.writeFileSync(`${dbPath}-writer.json`, JSON.stringify({ pid: process.pid, host: os.hostname(), method: arg, since: new Date().toISOString() }));
    say('held');
  } else if (cmd === 'release') {
    db.exec('COMMIT');
    fs.rmSync(`${dbPath}-writer.json`, { force: true });
    say('released');
  } else if (cmd === 'write-loop') {
    looping = true;
    loop();
  } else if (cmd === 'stop') {
    looping = false;
    say(String(commits));
  } else if (cmd === 'exit') {
    db.close();
    process.exit(0);
  }
});
say('ready');
