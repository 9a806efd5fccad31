import { createHash } from 'node:crypto';

/**
 * RFC 9162 §2.1 Merkle Tree Hash over the audit entries, with inclusion and consistency proofs.
 *
 * The tree is never held in memory: every hash comes from a NodeSource that answers for
 * *complete, aligned* subtrees only (2^level leaves starting at index * 2^level). Every node of
 * an RFC 9162 tree is either such a subtree or lies on the right edge of a tree whose size is not
 * a power of two, and a right-edge node is folded from at most log2(n) complete ones. So the root,
 * a proof or a check costs O(log² n) lookups whatever the size of the log.
 */

export type Hash = Buffer;

export interface NodeSource {
  /** Hash of the complete subtree of 2^level leaves starting at leaf index * 2^level. */
  node(level: number, index: number): Hash;
}

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** SHA-256(0x00 || entry): the 0x00 keeps a leaf from ever passing for an interior node. */
export function leafHash(entry: Buffer | string): Hash {
  return createHash('sha256').update(LEAF_PREFIX).update(entry).digest();
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Hash = createHash('sha256').digest();

/** The largest power of two strictly smaller than n (n > 1): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

// Not n & (n - 1): bit operators truncate to 32 bits and logs may pass 2^31 entries.
const isPow2 = (n: number) => n > 0 && 2 ** Math.round(Math.log2(n)) === n;

/** MTH(D[start:end]) for a range produced by RFC 9162's recursion (start aligned to the range's split). */
export function rangeHash(src: NodeSource, start: number, end: number): Hash {
  const n = end - start;
  if (n <= 0) return EMPTY_ROOT;
  if (isPow2(n) && start % n === 0) return src.node(Math.log2(n), start / n);
  const k = splitPoint(n);
  return nodeHash(rangeHash(src, start, start + k), rangeHash(src, start + k, end));
}

export const rootHash = (src: NodeSource, size: number): Hash => rangeHash(src, 0, size);

/** RFC 9162 §2.1.3.1 PATH(m, D[n]), for leaf index m of a tree of `size` leaves. */
export function inclusionProof(src: NodeSource, index: number, size: number): Hash[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`entry ${index} is not in a tree of ${size} entries`);
  const out: Hash[] = [];
  const path = (m: number, start: number, end: number) => {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, start, start + k);
      out.push(rangeHash(src, start + k, end));
    } else {
      path(m - k, start + k, end);
      out.push(rangeHash(src, start, start + k));
    }
  };
  path(index, 0, size);
  return out;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]): proves the tree of `size` leaves extends the tree of `oldSize`. */
export function consistencyProof(src: NodeSource, oldSize: number, size: number): Hash[] {
  if (!(oldSize >= 0 && oldSize <= size)) throw new RangeError(`cannot prove size ${oldSize} against size ${size}`);
  if (oldSize === 0 || oldSize === size) return [];
  const out: Hash[] = [];
  const sub = (m: number, start: number, end: number, complete: boolean) => {
    const n = end - start;
    if (m === n) {
      if (!complete) out.push(rangeHash(src, start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, start + k, complete);
      out.push(rangeHash(src, start + k, end));
    } else {
      sub(m - k, start + k, end, false);
      out.push(rangeHash(src, start, start + k));
    }
  };
  sub(oldSize, 0, size, true);
  return out;
}

/** RFC 9162 §2.1.3.2: does `proof` put `leaf` at `index` of the tree with this root? */
export function verifyInclusion(index: number, size: number, leaf: Hash, proof: Hash[], root: Hash): boolean {
  if (index < 0 || index >= size) return false;
  // BigInt: tree sizes past 2^31 must not wrap in the shifts below.
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else r = nodeHash(r, p);
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && r.equals(root);
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree (size, root) extends (oldSize, oldRoot)? */
export function verifyConsistency(oldSize: number, size: number, oldRoot: Hash, root: Hash, proof: Hash[]): boolean {
  if (oldSize < 0 || oldSize > size) return false;
  if (oldSize === size) return proof.length === 0 && oldRoot.equals(root);
  // Every tree extends the empty one (RFC 9162 leaves size 0 out of the proof).
  if (oldSize === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPow2(oldSize) ? [oldRoot, ...proof] : proof;
  let fn = BigInt(oldSize - 1);
  let sn = BigInt(size - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else sr = nodeHash(sr, c);
    fn >>= 1n;
    sn >>= 1n;
  }
  return fr.equals(oldRoot) && sr.equals(root) && sn === 0n;
}

/** A NodeSource over leaf hashes in memory: tests, third-party checks and the bundle receiver. */
export class MemoryTree implements NodeSource {
  private readonly levels: Hash[][] = [[]];
  constructor(leaves: Hash[] = []) {
    for (const l of leaves) this.append(l);
  }
  get size(): number {
    return this.levels[0].length;
  }
  append(leaf: Hash): void {
    this.levels[0].push(leaf);
    let level = 0;
    let idx = this.levels[0].length - 1;
    while (idx % 2 === 1) {
      const row = this.levels[level];
      const parent = nodeHash(row[idx - 1], row[idx]);
      level++;
      (this.levels[level] ??= []).push(parent);
      idx = (idx - 1) / 2;
    }
  }
  node(level: number, index: number): Hash {
    const h = this.levels[level]?.[index];
    if (!h) throw new RangeError(`no complete subtree at level ${level}, index ${index}`);
    return h;
  }
}

/**
 * The running root of a log read front to back, holding only one hash per set bit of the size:
 * how `audit verify` recomputes the tree from the rows without trusting the stored nodes.
 */
export class Frontier {
  private readonly stack: { level: number; hash: Hash }[] = [];
  size = 0;
  push(leaf: Hash): void {
    let h = leaf;
    let level = 0;
    while (this.stack.length && this.stack[this.stack.length - 1].level === level) {
      h = nodeHash(this.stack.pop()!.hash, h);
      level++;
    }
    this.stack.push({ level, hash: h });
    this.size++;
  }
  root(): Hash {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let r = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) r = nodeHash(this.stack[i].hash, r);
    return r;
  }
}
