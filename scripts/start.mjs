#!/usr/bin/env node
// `npm start`: the desktop app when Electron's binary is installed; otherwise the same app in a
// browser through the loopback web bridge, with one sentence saying why.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const launcher = path.join(root, 'scripts/electron-launch.mjs');

let started = false;
let reason = 'the Electron launcher is missing from this checkout';
if (fs.existsSync(launcher)) {
  const { tryStartElectron } = await import(launcher);
  const result = await tryStartElectron();
  started = result === true || result?.started === true;
  reason = result?.reason ?? reason;
}

if (!started) {
  console.log(`The desktop window cannot open here (${reason}), so Proceeds is starting in your browser instead.`);
  const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/serve.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));
}
