import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type http from 'node:http';
import { newId } from '../ids.js';
import { outboxDir, stagingDir } from '../files.js';

/** Streams an uploaded file to the staging area; the contract then refers to it by id. */
export async function stageUpload(req: http.IncomingMessage, dataDir: string, name: string) {
  const id = newId();
  const dir = path.join(stagingDir(dataDir), id);
  fs.mkdirSync(dir, { recursive: true });
  const safeName = path.basename(name).replace(/[\u0000-\u001f]/g, '') || 'upload';
  await pipeline(req, fs.createWriteStream(path.join(dir, 'content')));
  fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({ name: safeName }));
  return { staged: id, name: safeName, size: fs.statSync(path.join(dir, 'content')).size };
}

/** Serves a file the core wrote to the outbox (an exported bundle, a rejects CSV, a PDF). */
export function serveOutbox(res: http.ServerResponse, dataDir: string, rel: string): void {
  const [id, ...rest] = rel.split('/');
  const root = path.resolve(outboxDir(dataDir));
  if (!/^[0-9a-f-]{36}$/.test(id)) return void res.writeHead(404).end();
  const dir = path.join(root, id);
  const name = rest.length ? decodeURIComponent(rest.join('/')) : fs.existsSync(dir) ? fs.readdirSync(dir)[0] : undefined;
  const file = name ? path.resolve(dir, path.basename(name)) : undefined;
  if (!file || !file.startsWith(dir + path.sep) || !fs.existsSync(file)) return void res.writeHead(404).end();
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-disposition': `attachment; filename="${path.basename(file).replace(/"/g, '')}"`,
    'content-length': String(fs.statSync(file).size),
  });
  fs.createReadStream(file).pipe(res);
}
