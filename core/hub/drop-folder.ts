import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Mutex } from '../mutex.js';
import { logRequest } from './audit-log.js';
import { ALERTING, HubRefusal, ingestBundle, raiseAlert, type HubContext } from './ingest.js';

/**
 * A watched drop folder: for agencies that deliver by file transfer rather than HTTPS. A `*.zip`
 * appearing there (write it under another name, then rename: a rename is atomic) is ingested as a
 * push would be, the bundle's own signer speaking for it, then moved to done/ or refused/ with a
 * .json beside it saying why.
 */
export function watchDropFolder(hub: HubContext, dir: string, say: (line: string) => void = () => {}) {
  for (const d of ['done', 'refused']) fs.mkdirSync(path.join(dir, d), { recursive: true });
  const queue = new Mutex();
  const pending = new Set<string>();
  const take = (name: string) => {
    if (!name.endsWith('.zip') || pending.has(name)) return;
    pending.add(name);
    void queue.run(() => ingestDropped(hub, dir, name, say).finally(() => pending.delete(name)));
  };
  const watcher = fs.watch(dir, (_e, name) => name && take(name.toString()));
  for (const name of fs.readdirSync(dir)) take(name);
  return {
    /** Stops watching once what was queued is done. */
    close: async () => {
      watcher.close();
      await queue.run(async () => {});
    },
  };
}

async function ingestDropped(hub: HubContext, dir: string, name: string, say: (line: string) => void) {
  const file = path.join(dir, name);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return;
  const bytes = await fs.promises.readFile(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const move = (to: 'done' | 'refused', report: unknown) => {
    fs.writeFileSync(path.join(dir, to, `${name}.json`), JSON.stringify(report, null, 2) + '\n');
    fs.renameSync(file, path.join(dir, to, name));
  };
  try {
    const r = await ingestBundle(hub, file, { sha256, size: bytes.length, sender: null, displayName: name });
    if (r.status === 'duplicate') await logRequest(hub.db, { agency: r.agency, action: 'bundle.duplicate', status: 200, detail: { bundleId: r.bundleId, sha256, dropped: name } });
    move('done', r);
    say(`${name}: ${r.status} (${r.agency}, case ${r.caseNumber})`);
  } catch (e) {
    if (!(e instanceof HubRefusal)) throw e;
    if (ALERTING.has(e.code)) await raiseAlert(hub.db, { agency: e.agency ?? 'unknown', kind: e.code, message: e.message, bundleId: null, sha256 });
    await logRequest(hub.db, { agency: e.agency, action: 'bundle.refused', status: e.status, detail: { sha256, dropped: name, code: e.code, message: e.message.slice(0, 2000) } });
    move('refused', { error: { code: e.code, message: e.message, problems: e.problems } });
    say(`${name}: refused (${e.code}): ${e.message}`);
  }
}
