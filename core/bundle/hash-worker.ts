import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * Whole-file hashes (SHA-256 for the record, BLAKE2b-512 for the minisign signature) computed on
 * the second core while the main thread hashes and zips entries. Written as plain CommonJS and
 * started with `eval`, so it runs the same under tsx, vitest and a packaged build.
 */

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const hashes = workerData.algorithms.map((a) => crypto.createHash(a));
let size = 0;
const update = (chunk) => { for (const h of hashes) h.update(chunk); size += chunk.length; };
const finish = () => parentPort.postMessage({ type: 'done', size, digests: hashes.map((h) => h.digest('hex')) });
if (workerData.file) {
  const fd = fs.openSync(workerData.file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let n;
  while ((n = fs.readSync(fd, buf, 0, buf.length, size)) > 0) update(buf.subarray(0, n));
  fs.closeSync(fd);
  finish();
} else {
  parentPort.on('message', (m) => {
    if (m === null) return finish();
    update(Buffer.from(m.buffer, m.byteOffset, m.byteLength));
    parentPort.postMessage({ type: 'ack', bytes: m.byteLength });
  });
}
`;

export interface HashResult {
  size: number;
  digests: Record<string, string>;
}

function collect(worker: Worker, algorithms: string[]): Promise<HashResult> {
  return new Promise((resolve, reject) => {
    worker.on('message', (m: { type: string; size: number; digests: string[] }) => {
      if (m.type !== 'done') return;
      resolve({ size: m.size, digests: Object.fromEntries(algorithms.map((a, i) => [a, m.digests[i]])) });
      void worker.terminate();
    });
    worker.on('error', reject);
  });
}

/** Below this a worker costs more to start than the hashing it saves. */
const IN_PROCESS_BELOW = 16 << 20;

/** Hashes a file in a worker thread (small files right here). */
export async function hashFileInWorker(file: string, algorithms: string[]): Promise<HashResult> {
  if (fs.statSync(file).size < IN_PROCESS_BELOW) {
    const bytes = await fs.promises.readFile(file);
    return { size: bytes.length, digests: Object.fromEntries(algorithms.map((a) => [a, createHash(a).update(bytes).digest('hex')])) };
  }
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, algorithms } });
  return collect(worker, algorithms);
}

/**
 * Hashes bytes as they are produced. `update` resolves once the worker is less than `window`
 * bytes behind, so memory stays flat however large the stream.
 */
export class StreamHasher {
  private readonly worker: Worker;
  private readonly result: Promise<HashResult>;
  private inFlight = 0;
  private waiter: (() => void) | null = null;

  constructor(
    algorithms: string[],
    private readonly window = 32 << 20,
  ) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { algorithms } });
    this.worker.on('message', (m: { type: string; bytes: number }) => {
      if (m.type !== 'ack') return;
      this.inFlight -= m.bytes;
      if (this.waiter && this.inFlight < this.window) {
        const w = this.waiter;
        this.waiter = null;
        w();
      }
    });
    this.result = collect(this.worker, algorithms);
  }

  async update(chunk: Buffer): Promise<void> {
    const copy = new Uint8Array(chunk.length);
    copy.set(chunk);
    this.inFlight += copy.length;
    this.worker.postMessage(copy, [copy.buffer]);
    if (this.inFlight >= this.window) await new Promise<void>((r) => (this.waiter = r));
  }

  digest(): Promise<HashResult> {
    this.worker.postMessage(null);
    return this.result;
  }

  abort(): void {
    void this.worker.terminate();
  }
}
