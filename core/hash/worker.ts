import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { hashFile, type HashAlgorithm, type HashResult } from './digest.js';

/**
 * Digests computed on another core while this thread does other work (zipping, encrypting). The
 * worker is plain CommonJS started with `eval`, so it runs the same under tsx, vitest and a
 * packaged build.
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
    update(new Uint8Array(m.buffer, 0, m.length));
    // The buffer goes back to be filled again: no fresh allocation (and page faults) per chunk.
    parentPort.postMessage({ type: 'ack', buffer: m.buffer }, [m.buffer]);
  });
}
`;

function collect(worker: Worker, algorithms: readonly HashAlgorithm[]): Promise<HashResult> {
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
export async function hashFileInWorker(file: string, algorithms: readonly HashAlgorithm[]): Promise<HashResult> {
  if (fs.statSync(file).size < IN_PROCESS_BELOW) return hashFile(file, algorithms);
  return collect(new Worker(WORKER_SOURCE, { eval: true, workerData: { file, algorithms } }), algorithms);
}

const SLAB = 1 << 20;

/**
 * Hashes bytes as they are produced, on another core. Bytes are gathered into a few 1 MiB slabs
 * that travel to the worker and back (transferred, not copied); `update` waits while every slab is
 * with the worker, so memory stays flat however large the stream.
 */
export class StreamHasher {
  private readonly worker: Worker;
  private readonly result: Promise<HashResult>;
  private readonly free: ArrayBuffer[] = [];
  private current: Uint8Array | null = null;
  private filled = 0;
  private waiter: (() => void) | null = null;

  constructor(algorithms: readonly HashAlgorithm[], slabs = 24) {
    for (let i = 0; i < slabs; i++) this.free.push(new ArrayBuffer(SLAB));
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { algorithms } });
    this.worker.on('message', (m: { type: string; buffer: ArrayBuffer }) => {
      if (m.type !== 'ack') return;
      this.free.push(m.buffer);
      const w = this.waiter;
      this.waiter = null;
      w?.();
    });
    this.result = collect(this.worker, algorithms);
  }

  private async slab(): Promise<Uint8Array> {
    while (this.free.length === 0) await new Promise<void>((r) => (this.waiter = r));
    return new Uint8Array(this.free.pop()!);
  }

  private send(): void {
    if (!this.current || this.filled === 0) return;
    const buffer = this.current.buffer as ArrayBuffer;
    this.worker.postMessage({ buffer, length: this.filled }, [buffer]);
    this.current = null;
    this.filled = 0;
  }

  async update(chunk: Uint8Array): Promise<void> {
    let at = 0;
    while (at < chunk.length) {
      this.current ??= await this.slab();
      const n = Math.min(chunk.length - at, SLAB - this.filled);
      this.current.set(chunk.subarray(at, at + n), this.filled);
      this.filled += n;
      at += n;
      if (this.filled === SLAB) this.send();
    }
  }

  digest(): Promise<HashResult> {
    this.send();
    this.worker.postMessage(null);
    return this.result;
  }

  abort(): void {
    void this.worker.terminate();
  }
}
