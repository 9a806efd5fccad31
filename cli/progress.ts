import type { Progress } from '../core/contract.js';

const WIDTH = 30;

/** One-line progress bar on stderr: phase, bar, counts, bytes, ETA. */
export function renderProgress(p: Progress): void {
  const fraction = p.bytesTotal ? (p.bytesDone ?? 0) / p.bytesTotal : p.total ? p.done / p.total : undefined;
  const bar = fraction === undefined ? '' : '[' + '#'.repeat(Math.round(fraction * WIDTH)).padEnd(WIDTH, '.') + '] ';
  const pct = fraction === undefined ? '' : `${Math.floor(fraction * 100)}% `;
  const count = p.total ? `${p.done}/${p.total}` : `${p.done}`;
  const eta = p.etaSeconds !== undefined ? ` ETA ${Math.ceil(p.etaSeconds)}s` : '';
  process.stderr.write(`\r${p.phase} ${bar}${pct}${count}${eta}`.padEnd(100).slice(0, 100));
}

export function clearProgress(): void {
  process.stderr.write('\r' + ' '.repeat(100) + '\r');
}
