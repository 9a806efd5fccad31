import * as electron from 'electron';
import { runApp } from './app.js';

// Entry of the main-process bundle (dist/electron/main.cjs, package.json "main").
runApp(electron, {
  bundleDir: __dirname,
  env: process.env,
  announce: process.env.PROCEEDS_LAUNCHER ? (line) => process.stdout.write(line + '\n') : undefined,
});
