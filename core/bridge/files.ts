import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type http from 'node:http';
import { newId } from '../ids.js';
import { outboxDir, stagingDir } from '../files.js';
import { displayFileName } from '../file-name-text.js';
import { encryptStream, isEncryptedFile, plainSize, readPlain, type FileCipher } from '../encryption/file-cipher.js';

/**
 * Streams an uploaded file to the staging area; the contract then refers to it by id. Past
 * `maxBytes` (announced or counted) the upload is refused and its partial file removed. With the
 * file key of an encrypted database it is encrypted on the way in: no plain byte reaches the disk.
 */
export async function stageUpload(req: http.IncomingMessage, dataDir: string, name: string, maxBytes: number, cipher?: FileCipher) {
  const tooLarge = { tooLarge: `the upload is larger than ${maxBytes} bytes` };
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
    req.resume();
    return tooLarge;
  }
  const id = newId();
  const dir = path.join(stagingDir(dataDir), id);
  fs.mkdirSync(dir, { recursive: true });
  const safeName = displayFileName(path.basename(name), 'upload');
  let size = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _e, cb) {
      size += chunk.length;
      cb(size > maxBytes ? new Error('too large') : null, chunk);
    },
  });
  try {
    const file = fs.createWriteStream(path.join(dir, 'content'), { mode: 0o600 });
    await (cipher ? pipeline(req, cap, encryptStream(cipher), file) : pipeline(req, cap, file));
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    if (size > maxBytes) return tooLarge;
    throw e;
  }
  fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({ name: safeName }));
  return { staged: id, name: safeName, size };
}

/** Staged uploads and outbox files older than this are removed when the bridge starts. */
const STALE_MS = 24 * 3600_000;

export function sweepStale(dataDir: string, now = Date.now()): void {
  for (const root of [stagingDir(dataDir), outboxDir(dataDir)]) {
    if (!fs.existsSync(root)) continue;
    for (const d of fs.readdirSync(root)) {
      const p = path.join(root, d);
      if (now - fs.statSync(p).mtimeMs > STALE_MS) fs.rmSync(p, { recursive: true, force: true });
    }
  }
}

/** Serves a file the core wrote to the outbox (an exported bundle, a rejects CSV, a PDF), decrypted if it was sealed. */
export function serveOutbox(res: http.ServerResponse, dataDir: string, rel: string, cipher?: FileCipher): void {
  const [id, ...rest] = rel.split('/');
  const root = path.resolve(outboxDir(dataDir));
  if (!/^[0-9a-f-]{36}$/.test(id)) return void res.writeHead(404).end();
  const dir = path.join(root, id);
  const name = rest.length ? decodeURIComponent(rest.join('/')) : fs.existsSync(dir) ? fs.readdirSync(dir)[0] : undefined;
  const file = name ? path.resolve(dir, path.basename(name)) : undefined;
  if (!file || !file.startsWith(dir + path.sep) || !fs.existsSync(file)) return void res.writeHead(404).end();
  const sealed = isEncryptedFile(file);
  if (sealed && !cipher) return void res.writeHead(404).end();
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-disposition': `attachment; filename="${path.basename(file).replace(/"/g, '')}"`,
    'content-length': String(sealed ? plainSize(file) : fs.statSync(file).size),
  });
  // Served once: the file leaves the outbox when the download completes (its folder when empty).
  res.on('finish', () => {
    fs.rmSync(file, { force: true });
    if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmSync(dir, { recursive: true, force: true });
  });
  const body = readPlain(file, cipher);
  body.on('error', () => res.destroy());
  body.pipe(res);
}
