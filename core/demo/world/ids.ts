import type { Rng } from './random.js';

/**
 * UUIDv7-shaped ids drawn from the seeded stream, so the same seed gives the same ids (core/ids.ts
 * uses real randomness). The 48-bit time field is the record's own moment (a transaction's time),
 * so ids still sort by time; the 74 random bits come from a stream keyed by seed and scale, so two
 * different demo cases in one database do not collide.
 */
export function makeIdFactory(rng: Rng): (at: string | number) => string {
  return (at) => {
    const ms = typeof at === 'number' ? at : Date.parse(at);
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`demo id: bad time ${String(at)}`);
    const time = ms.toString(16).padStart(12, '0');
    const variant = (8 + rng.int(0, 3)).toString(16);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${rng.hex(3)}-${variant}${rng.hex(3)}-${rng.hex(12)}`;
  };
}
