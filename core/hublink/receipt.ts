import { z } from 'zod';
import { checkpointSignedBy, parseCheckpoint } from '../audit/checkpoint.js';
import { leafHash, verifyInclusion } from '../audit/merkle.js';

/**
 * A receipt the hub signed (docs/hub.md, "Witness and receipts"): its checkpoint over its own log
 * and the inclusion proof of the entry that took our bundle. Checked against the hub's confirmed
 * key before it is kept: a receipt that does not prove what it says is worth nothing later.
 */
export const HubReceiptAnswer = z.object({
  checkpoint: z.string().min(1).max(10_000),
  entry: z.number().int().positive(),
  entryBytes: z.string().min(2).max(100_000),
  leafIndex: z.number().int().nonnegative(),
  treeSize: z.number().int().positive(),
  proof: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(64),
});
export type HubReceiptAnswer = z.infer<typeof HubReceiptAnswer>;

/** Why the receipt does not prove that the hub took `bundleId`, or null when it does. */
export function receiptProblem(receipt: unknown, hubPublicKey: Buffer, bundleId: string): string | null {
  const r = HubReceiptAnswer.safeParse(receipt);
  if (!r.success) return `the receipt is malformed (${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message})`;
  let cp;
  try {
    cp = parseCheckpoint(r.data.checkpoint);
  } catch (e) {
    return `the receipt's checkpoint is malformed: ${(e as Error).message}`;
  }
  if (!checkpointSignedBy(cp, hubPublicKey)) return 'the receipt\'s checkpoint is not signed by the hub\'s confirmed key';
  if (cp.size !== r.data.treeSize) return `the receipt proves into a log of ${r.data.treeSize} entries, but its checkpoint is over ${cp.size}`;
  const proof = r.data.proof.map((h) => Buffer.from(h, 'hex'));
  if (!verifyInclusion(r.data.leafIndex, r.data.treeSize, leafHash(r.data.entryBytes), proof, cp.root)) return 'the receipt\'s entry does not prove into the hub\'s checkpoint';
  let entry: { action?: unknown; detail?: { bundleId?: unknown } };
  try {
    entry = JSON.parse(r.data.entryBytes) as typeof entry;
  } catch {
    return 'the receipt\'s entry is not JSON';
  }
  if (entry.action !== 'bundle.push' || entry.detail?.bundleId !== bundleId) return `the receipt's entry is not the hub taking bundle ${bundleId}`;
  return null;
}
