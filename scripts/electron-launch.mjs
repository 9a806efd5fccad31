// The Electron half of `npm start` (scripts/start.mjs calls tryStartElectron and falls back to the
// web bridge when it reports started: false). Electron's binary is downloaded by its npm package
// on install; where that download is impossible, say so plainly instead of failing obscurely.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const READY_MARKER = 'PROCEEDS_READY';
const SIGNALS = ['SIGINT', 'SIGTERM'];

/** The Electron executable, or why there is none. */
export function findElectron(root = repoRoot) {
  const req = createRequire(path.join(root, 'package.json'));
  try {
    req.resolve('electron/package.json');
  } catch {
    return { reason: 'the optional electron package is not installed (npm drops it when its binary cannot be downloaded)' };
  }
  let bin;
  try {
    // The package's index.js returns the path of the binary it downloaded, or throws if it never did.
    bin = req('electron');
  } catch {
    return { reason: "Electron's binary was never downloaded, as this machine cannot reach Electron's download server" };
  }
  if (typeof bin !== 'string' || !fs.existsSync(bin)) return { reason: `Electron's binary is missing (${bin})` };
  return { path: bin };
}

/** Why the desktop window cannot open here, or undefined if it can. */
export function electronUnavailableReason({ root = repoRoot, env = process.env, platform = process.platform, uid = process.getuid?.() } = {}) {
  const found = findElectron(root);
  if (found.reason) return found.reason;
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'there is no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
  // Chromium will not start its sandbox as root, and the app does not run without it.
  if (platform === 'linux' && uid === 0) return 'the desktop window does not run as root (its sandbox would be off); start it as a normal user';
  return undefined;
}

function run(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[1] ?? cmd)} exited with code ${code}`))));
  });
}

/** Builds the renderer (Vite) and the Electron bundles (esbuild). */
export async function buildDesktop(root = repoRoot) {
  await run(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/build-renderer.ts')], { cwd: root });
  const { buildElectron } = await import(path.join(root, 'scripts/build-electron.mjs'));
  await buildElectron();
}

/**
 * Starts the desktop app and resolves once its window is up ({started: true}); the launcher then
 * stays attached until the app quits and exits with its code. Resolves {started: false, reason}
 * when Electron cannot run here or dies before showing its window, so the caller can fall back.
 */
export async function tryStartElectron({
  root = repoRoot,
  env = process.env,
  build = true,
  electronPath,
  args = [],
  onExit = (code) => (process.exitCode = code),
} = {}) {
  const bin = electronPath ?? findElectron(root).path;
  const reason = electronPath ? undefined : electronUnavailableReason({ root, env });
  if (reason || !bin) return { started: false, reason };
  if (build) {
    try {
      await buildDesktop(root);
    } catch (e) {
      return { started: false, reason: `building the desktop app failed: ${e.message}` };
    }
  }
  const childEnv = { ...env, PROCEEDS_LAUNCHER: '1' };
  // Set by some tools; it would make Electron run as plain Node and ignore the app.
  delete childEnv.ELECTRON_RUN_AS_NODE;
  const child = spawn(bin, [root, ...args], { env: childEnv, stdio: ['inherit', 'pipe', 'inherit'] });
  // Ctrl+C in the terminal stops the app, not just the launcher.
  const forward = (signal) => child.kill(signal);
  return new Promise((resolve) => {
    let started = false;
    let pending = '';
    child.stdout.on('data', (chunk) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim() === READY_MARKER) {
          if (!started) {
            started = true;
            for (const s of SIGNALS) process.on(s, forward);
            resolve({ started: true });
          }
        } else process.stdout.write(line + '\n');
      }
    });
    child.on('error', (e) => {
      if (!started) resolve({ started: false, reason: `Electron could not be started (${e.message})` });
    });
    child.on('exit', (code, signal) => {
      if (!started) return resolve({ started: false, reason: `Electron exited (${signal ?? `code ${code}`}) before its window opened` });
      for (const s of SIGNALS) process.off(s, forward);
      onExit(code ?? 1);
    });
  });
}
