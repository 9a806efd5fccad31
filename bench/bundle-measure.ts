import os from 'node:os';
import { execFileSync } from 'node:child_process';

/**
 * Measuring for bench:bundle on a shared, loaded machine: wall time and CPU time of our own work
 * (every thread of this process: the hashing worker, the libuv pool running scrypt) and of a
 * baseline command (its children's user + system time, from the shell's `times`). CPU time barely
 * moves with the load average; wall time moves a lot, so both are reported.
 */

export interface Sample {
  wall: number;
  cpu: number;
  peakRss: number;
}

/** Wall and CPU seconds and peak resident memory (sampled every 20 ms) over a piece of our work. */
export async function ours<T>(work: () => Promise<T>): Promise<Sample & { result: T }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  try {
    const result = await work();
    const c = process.cpuUsage(c0);
    return { result, wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (c.user + c.system) / 1e6, peakRss: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

const TIMES = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/;

/** A baseline command's wall and CPU seconds: run under sh, whose `times` prints its children's user and system time. */
export function baseline(bin: string, args: string[]): Sample {
  const t0 = process.hrtime.bigint();
  const out = execFileSync('sh', ['-c', '"$@" >/dev/null; s=$?; times; exit $s', 'sh', bin, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const lines = out.trim().split('\n');
  const m = TIMES.exec(lines[lines.length - 1]);
  if (!m) throw new Error(`could not read the CPU time of ${bin} from: ${out}`);
  return { wall, cpu: Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4]), peakRss: 0 };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');

/** Per-round ratios baseline/ours (above 1: we are faster), for wall and CPU time. */
export class Pairing {
  readonly rounds: { ours: Sample; base: Sample }[] = [];
  constructor(
    readonly label: string,
    readonly baseLabel: string,
    readonly bytes: number,
  ) {}

  add(o: Sample, b: Sample): void {
    this.rounds.push({ ours: o, base: b });
  }

  ratios(kind: 'wall' | 'cpu'): number[] {
    return this.rounds.map((r) => r.base[kind] / r.ours[kind]);
  }

  line(target: number | null): string {
    const w = this.ratios('wall');
    const c = this.ratios('cpu');
    const mw = median(this.rounds.map((r) => r.ours.wall));
    const mb = median(this.rounds.map((r) => r.base.wall));
    const range = (xs: number[]) => `${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)}`;
    const verdict = target === null ? '' : `  [${median(c) >= target ? 'ok' : `BELOW ${target}x`} on CPU, ${median(w) >= target ? 'ok' : `BELOW ${target}x`} on wall]`;
    return (
      `${this.label.padEnd(34)} vs ${this.baseLabel.padEnd(10)} ` +
      `wall ${mw.toFixed(2).padStart(6)} s / ${mb.toFixed(2).padStart(6)} s = ${median(w).toFixed(2)}x (${range(w)}); ` +
      `CPU ${median(this.rounds.map((r) => r.ours.cpu)).toFixed(2)} s / ${median(this.rounds.map((r) => r.base.cpu)).toFixed(2)} s = ${median(c).toFixed(2)}x (${range(c)})${verdict}`
    );
  }
}
