import type { Ctx } from '../context.js';
import { fail } from '../errors.js';

/** Reports progress about every 100 ms (rows, bytes, ETA) and turns a cancel into an error the core rolls back. */
export class ImportProgress {
  private last = 0;
  private readonly started = Date.now();

  constructor(
    private readonly ctx: Ctx,
    private readonly bytesTotal: number,
  ) {}

  check(): void {
    if (this.ctx.signal.aborted) throw fail('Cancelled', 'cancelled.import');
  }

  tick(phase: string, rows: number, bytesDone: number, force = false): void {
    this.check();
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const elapsed = (now - this.started) / 1000;
    const fraction = this.bytesTotal ? bytesDone / this.bytesTotal : 0;
    const etaSeconds = fraction > 0.001 ? Math.max(0, (elapsed / fraction) * (1 - fraction)) : undefined;
    this.ctx.progress({ phase, done: rows, bytesDone, bytesTotal: this.bytesTotal, etaSeconds });
  }
}
