import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consistencyProof, Frontier, inclusionProof, leafHash, MemoryTree, nodeHash, rootHash, verifyConsistency, verifyInclusion, type Hash } from '../../../core/audit/merkle.js';

/** RFC 9162 §2.1.1 written out literally, as the reference the stored-subtree version must match. */
function mth(d: Hash[]): Hash {
  if (d.length === 0) return createHash('sha256').digest();
  if (d.length === 1) return d[0];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return nodeHash(mth(d.slice(0, k)), mth(d.slice(k)));
}

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(`entry ${i}`));

describe('RFC 9162 Merkle tree', () => {
  it('hashes leaves and nodes with the 0x00 / 0x01 prefixes', () => {
    expect(leafHash('').toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    const a = leafHash('a');
    expect(nodeHash(a, a).equals(createHash('sha256').update(Buffer.from([1])).update(a).update(a).digest())).toBe(true);
  });

  it('matches the literal definition for every size up to 70, stored and streamed', () => {
    const all = leaves(70);
    const tree = new MemoryTree();
    const f = new Frontier();
    for (let n = 1; n <= 70; n++) {
      tree.append(all[n - 1]);
      f.push(all[n - 1]);
      const want = mth(all.slice(0, n));
      expect(rootHash(tree, n).equals(want)).toBe(true);
      expect(f.root().equals(want)).toBe(true);
    }
  });

  it('inclusion proofs verify for every entry and fail for the wrong leaf, index or root', () => {
    const all = leaves(37);
    const tree = new MemoryTree(all);
    for (const n of [1, 2, 3, 8, 13, 37]) {
      const root = rootHash(tree, n);
      for (let i = 0; i < n; i++) {
        const p = inclusionProof(tree, i, n);
        expect(verifyInclusion(i, n, all[i], p, root)).toBe(true);
        expect(verifyInclusion(i, n, leafHash('forged'), p, root)).toBe(false);
        if (n > 1) expect(verifyInclusion((i + 1) % n, n, all[i], p, root)).toBe(false);
      }
    }
  });

  it('consistency proofs verify between every pair of sizes and fail against a rewritten history', () => {
    const all = leaves(33);
    const tree = new MemoryTree(all);
    const forged = new MemoryTree(all.map((l, i) => (i === 4 ? leafHash('rewritten') : l)));
    for (let m = 0; m <= 33; m++)
      for (let n = m; n <= 33; n++) {
        const p = consistencyProof(tree, m, n);
        expect(verifyConsistency(m, n, rootHash(tree, m), rootHash(tree, n), p)).toBe(true);
        if (m > 4 && n > m) {
          // Proof made by the forger's own tree: the old root the receiver holds no longer fits.
          expect(verifyConsistency(m, n, rootHash(tree, m), rootHash(forged, n), consistencyProof(forged, m, n))).toBe(false);
        }
      }
  });
});
