/**
 * Account id -> slot, for the million-row scan. A Map keyed by the id hashes a fresh 36-character
 * string twice per transaction and chases three pointers, which costs as much as reading the row.
 * Here an id becomes a 30-bit hash of its last 16 characters (in a UUID v7, the random part and the
 * variant) plus its last four characters, looked up in one flat open-addressing table: one memory
 * access per lookup. The case's own accounts are checked for two ids agreeing on both when the
 * table is built (then the index falls back to a plain Map). Only ids of the case's accounts are
 * looked up (transactions reference accounts of their own case: foreign key and core checks).
 */
export class IdIndex {
  private table: Int32Array;
  private mask: number;
  private readonly byId = new Map<string, number>();
  private exact = false;
  private count = 0;

  constructor(expected = 1024) {
    const size = 1 << Math.ceil(Math.log2(Math.max(16, expected * 2)));
    this.table = new Int32Array(size * 4).fill(-1);
    this.mask = size - 1;
  }

  set(id: string, slot: number): void {
    this.byId.set(id, slot);
    if (this.exact) return;
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const h1 = hash1(id);
    const h2 = hash2(id);
    for (let i = h1 & this.mask; ; i = (i + 1) & this.mask) {
      const at = i * 4;
      if (this.table[at + 2] === -1) {
        this.table[at] = h1;
        this.table[at + 1] = h2;
        this.table[at + 2] = slot;
        this.count++;
        return;
      }
      // Two accounts of the case share both hashes: trust only exact string keys from now on.
      if (this.table[at] === h1 && this.table[at + 1] === h2) {
        this.exact = true;
        return;
      }
    }
  }

  get(id: string): number | undefined {
    if (this.exact) return this.byId.get(id);
    // The two hashes inline (see hash1/hash2): this runs twice per transaction.
    let a = 0x811c9dc5;
    for (let i = Math.max(0, id.length - TAIL); i < id.length; i++) a = Math.imul(a ^ id.charCodeAt(i), 0x01000193);
    const h1 = (a ^ (a >>> 15)) & 0x3fffffff;
    const h2 = hash2(id);
    const table = this.table;
    for (let i = h1 & this.mask; ; i = (i + 1) & this.mask) {
      const at = i << 2;
      const slot = table[at + 2];
      if (slot === -1) return undefined;
      if (table[at] === h1 && table[at + 1] === h2) return slot;
    }
  }

  private grow(): void {
    const entries = [...this.byId];
    const size = (this.mask + 1) * 2;
    this.table = new Int32Array(size * 4).fill(-1);
    this.mask = size - 1;
    this.count = 0;
    for (const [id, slot] of entries) this.set(id, slot);
  }
}

const TAIL = 16;

/** FNV-1a of the id's last TAIL characters, 30 bits. */
function hash1(id: string): number {
  let a = 0x811c9dc5;
  for (let i = Math.max(0, id.length - TAIL); i < id.length; i++) a = Math.imul(a ^ id.charCodeAt(i), 0x01000193);
  return (a ^ (a >>> 15)) & 0x3fffffff;
}

/**
 * The last four characters themselves (7 bits each): told apart by hash1 already, two of the
 * case's accounts are confused only if they also share these, which set() notices.
 */
function hash2(id: string): number {
  const n = id.length;
  return ((id.charCodeAt(n - 1) & 127) | ((id.charCodeAt(n - 2) & 127) << 7) | ((id.charCodeAt(n - 3) & 127) << 14) | ((id.charCodeAt(n - 4) & 127) << 21)) >>> 0;
}
