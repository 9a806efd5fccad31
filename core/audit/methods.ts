import { z } from 'zod';
import { mutation, query } from '../contract.js';
import { uuid } from '../cases/schemas.js';
import { auditHead, type AuditRow } from './chain.js';
import { writeLocalCheckpoint } from './anchor.js';
import { CheckpointFormatError } from './checkpoint.js';
import { proveConsistency, proveEntry } from './proofs.js';
import { checkpointSigningKey } from './signing-key.js';
import { verifyLog } from './verify-log.js';
import { verifyDeep } from './replay.js';
import { invalid } from '../errors.js';
import { quickCheck } from '../../db/open-guard.js';

const KeyChoice = z.object({ keyId: uuid.optional(), keyFile: z.string().min(1).optional(), passphrase: z.string().optional() });
const checkpointText = z.string().min(1).max(100_000);

const asInvalid = (path: string, e: unknown) => {
  if (e instanceof CheckpointFormatError || e instanceof RangeError) return invalid(path, e.message);
  return e;
};

export const auditMethods = {
  'audit.list': query(
    z.object({ caseId: uuid.optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(5000).default(500) }),
    (input, ctx) => {
      const where = input.caseId ? 'WHERE case_id = @caseId' : '';
      const rows = ctx.sqlite
        .prepare(`SELECT * FROM audit_log ${where} ORDER BY seq DESC LIMIT @limit OFFSET @offset`)
        .all({ caseId: input.caseId, limit: input.limit, offset: input.offset }) as AuditRow[];
      const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM audit_log ${where}`).get({ caseId: input.caseId }) as { n: number }).n;
      return { rows, total };
    },
  ),

  /**
   * The chain, the Merkle tree recomputed from the rows, and every checkpoint found (database, the
   * file beside it, and `checkpoints`: texts kept elsewhere, e.g. the copy on a USB stick).
   */
  'audit.verify': query(z.object({ checkpoints: z.array(z.object({ source: z.string().max(500), text: checkpointText })).max(100).default([]) }), (input, ctx) => {
    // The file under the log too: a damaged page would otherwise show only when some query reads it.
    const fileProblems = quickCheck(ctx.sqlite);
    const log = verifyLog(ctx.sqlite, { checkpoints: input.checkpoints });
    return { ...log, ok: log.ok && fileProblems.length === 0, fileProblems };
  }),

  /**
   * Replays every audited change and compares the result with the tables: names each row changed,
   * deleted or inserted outside the app (the UI's "check records against the log" button).
   */
  'audit.verifyDeep': query(z.object({ limit: z.number().int().min(1).max(100_000).default(10_000) }), (input, ctx) => verifyDeep(ctx.sqlite, { limit: input.limit }), { long: true }),

  /** Signs the current tree with the agency key; kept in the database and as <db>.checkpoint. */
  'audit.checkpoint': mutation(KeyChoice.extend({ reason: z.enum(['demand', 'close']).default('demand') }), async (input, ctx) => {
    const key = await checkpointSigningKey(ctx, input);
    return writeLocalCheckpoint(ctx.sqlite, key, { reason: input.reason, now: ctx.now() });
  }),

  'audit.checkpoints': query(z.object({ local: z.boolean().optional() }), (input, ctx) =>
    ctx.sqlite
      .prepare(`SELECT id, origin, tree_size AS treeSize, root_hash AS rootHash, time, local, reason, note FROM audit_checkpoints ${input.local === undefined ? '' : 'WHERE local = @local'} ORDER BY created_at DESC LIMIT 500`)
      .all(input.local === undefined ? {} : { local: input.local ? 1 : 0 }) as { id: string; origin: string; treeSize: number; rootHash: string; time: string; local: number; reason: string; note: string }[],
  ),

  /** RFC 9162 inclusion proof of audit entry N (its seq). */
  'audit.prove': query(z.object({ entry: z.number().int().min(1) }), (input, ctx) => {
    try {
      return proveEntry(ctx.sqlite, input.entry);
    } catch (e) {
      throw asInvalid('entry', e);
    }
  }),

  /** RFC 9162 consistency proof from an old checkpoint (its text) to the newest one of this log. */
  'audit.consistency': query(z.object({ checkpoint: checkpointText }), (input, ctx) => {
    try {
      return proveConsistency(ctx.sqlite, input.checkpoint);
    } catch (e) {
      throw asInvalid('checkpoint', e);
    }
  }),

  /** What the check on open found: the UI shows a banner and hides its write actions when it failed. */
  'audit.openCheck': query(z.object({}), (_input, ctx) => ({
    checked: ctx.openCheck !== undefined,
    readOnly: ctx.openCheck ? !ctx.openCheck.ok : false,
    checkedAt: ctx.openCheck?.checkedAt ?? null,
    findings: ctx.openCheck?.findings ?? [],
    total: ctx.openCheck?.total ?? 0,
    /** Passed without a replay: the bytes are those an earlier check passed (docs/audit-log.md). */
    remembered: ctx.openCheck?.remembered ?? false,
  })),

  'audit.head': query(z.object({}), (_input, ctx) => auditHead(ctx.sqlite)),
};

const ProfileInput = z.object({
  user: z.string().trim().min(1, 'name is required').max(120),
  agency: z.string().trim().min(1, 'agency is required').max(200),
  role: z.string().trim().max(120).default(''),
});

/**
 * The person behind every entry: asked on first launch, written into every audit row, custody
 * entry and report. Changing it is itself an audited change.
 */
export const settingsMethods = {
  'settings.profile': query(z.object({}), (_input, ctx) => ({
    user: ctx.actor.user,
    agency: ctx.actor.agency,
    role: ctx.actor.role ?? '',
    configured: ctx.actor.configured ?? true,
  })),

  'settings.setProfile': mutation(ProfileInput, (input, ctx) => {
    const read = (k: string) => (ctx.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(k) as string | undefined) ?? null;
    const before = { user: read('user.name'), agency: read('user.agency'), role: read('user.role') };
    const put = ctx.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    put.run('user.name', input.user);
    put.run('user.agency', input.agency);
    put.run('user.role', input.role);
    // The entry is written by the person the profile now names: who changed it is in `before`.
    ctx.audit({ entity: 'profile', entityId: 'profile', before, after: input });
    return { ...input, configured: true };
  }),
};
