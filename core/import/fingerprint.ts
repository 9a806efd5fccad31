import crypto from 'node:crypto';

/**
 * A set of 64-bit keys in two flat typed arrays (open addressing): about 16 bytes a key, where a JS
 * Set of numbers costs several times that. A million rows' fingerprints fit in 32 MB.
 */
class KeySet {
  private hi = new Uint32Array(1 << 16);
  private lo = new Uint32Array(1 << 16);
  private used = new Uint8Array(1 << 16);
  private size = 0;

  /** Adds the key; returns false when it was there already. */
  add(h: number, l: number): boolean {
    if (this.size * 2 >= this.used.length) this.grow();
    const mask = this.used.length - 1;
    for (let i = (l ^ Math.imul(h, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      if (!this.used[i]) {
        this.used[i] = 1;
        this.hi[i] = h;
        this.lo[i] = l;
        this.size++;
        return true;
      }
      if (this.hi[i] === h && this.lo[i] === l) return false;
    }
  }

  private grow(): void {
    const [hi, lo, used] = [this.hi, this.lo, this.used];
    this.hi = new Uint32Array(used.length * 2);
    this.lo = new Uint32Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    this.size = 0;
    for (let i = 0; i < used.length; i++) if (used[i]) this.add(hi[i], lo[i]);
  }
}

/** One-shot hashing (Node 20.12+) skips a Hash object per row; the same SHA-1 either way. */
const sha1: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => (crypto as unknown as { hash(alg: string, data: string, enc: string): string }).hash('sha1', text, 'hex')
    : (text) => crypto.createHash('sha1').update(text).digest('hex');

/**
 * Duplicate-detection fingerprints: a hash of (account, day, amount, currency, reference) plus the
 * occurrence of that tuple within the file, so two real, identical coffees on one day stay two
 * transactions while the same day seen again in an overlapping statement matches the first import.
 */
export class Fingerprints {
  /** 64 bits of each tuple's hash seen so far (two different tuples sharing them: ~1e-7 at a million rows). */
  private readonly seen = new KeySet();
  /** Full hashes of tuples seen more than once, with how often. */
  private readonly repeats = new Map<string, number>();

  next(parts: (string | number | bigint | null)[]): string {
    const hex = sha1(parts.join('\u001f'));
    let occurrence = 0;
    if (!this.seen.add(parseInt(hex.slice(0, 8), 16), parseInt(hex.slice(8, 16), 16))) {
      occurrence = (this.repeats.get(hex) ?? 0) + 1;
      this.repeats.set(hex, occurrence);
    }
    return `${hex.slice(0, 32)}.${occurrence}`;
  }
}

/** The statement account, day, signed amount, currency and reference of a statement line. */
export const statementKey = (accountId: string, occurredAt: string, amountMinor: bigint, currency: string, reference: string) => [
  accountId,
  occurredAt.slice(0, 10),
  amountMinor,
  currency,
  reference,
];

/** A ledger transfer: both accounts, day, amount, currency, reference. */
export const ledgerKey = (fromId: string | null, toId: string | null, occurredAt: string, amountMinor: bigint, currency: string, reference: string) => [
  fromId ?? '',
  toId ?? '',
  occurredAt.slice(0, 10),
  amountMinor,
  currency,
  reference,
];
