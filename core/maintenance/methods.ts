import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { mutation, query } from '../contract.js';
import type { Ctx } from '../context.js';
import { verifyAuditChain } from '../audit/chain.js';
import { quickCheck } from '../../db/open-guard.js';
import { findLeftovers, type LeftoversReport } from './leftovers.js';

export const quarantineDir = (dataDir: string) => path.join(dataDir, 'quarantine');

/** What `proceeds doctor` looks at: the file, the chain, and what killed processes left behind. */
function check(ctx: Ctx) {
  const fileProblems = quickCheck(ctx.sqlite);
  const chain = verifyAuditChain(ctx.sqlite);
  const leftovers = findLeftovers(ctx.sqlite, ctx.dataDir);
  return { ok: fileProblems.length === 0 && chain.ok, fileProblems, chain, leftovers };
}

export interface CleanReport {
  removed: { staging: number; outbox: number; incoming: number; bytes: number };
  /** Store files without a row, moved (never deleted: they may be evidence) under quarantine/. */
  quarantined: { sha256: string; to: string }[];
  /** Younger leftovers, left alone because work in progress may own them. */
  keptYoung: number;
}

/**
 * Removes stale staging, outbox and half-copied files, and moves orphaned store files to the
 * quarantine folder. Runs as a mutation: holding the write lock, no attach is half-way through a
 * transaction in any process, so a file without a row is truly an orphan. One audit row says what moved.
 */
function clean(ctx: Ctx): CleanReport & { leftovers: LeftoversReport } {
  const leftovers = findLeftovers(ctx.sqlite, ctx.dataDir);
  const report: CleanReport = { removed: { staging: 0, outbox: 0, incoming: 0, bytes: 0 }, quarantined: [], keptYoung: 0 };
  for (const kind of ['staging', 'outbox', 'incoming'] as const) {
    for (const l of leftovers[kind]) {
      if (!l.stale) {
        report.keptYoung++;
        continue;
      }
      fs.rmSync(l.path, { recursive: true, force: true });
      report.removed[kind]++;
      report.removed.bytes += l.bytes;
    }
  }
  const day = ctx.now().slice(0, 10);
  for (const o of leftovers.orphans) {
    if (!o.stale) {
      report.keptYoung++;
      continue;
    }
    const to = path.join(quarantineDir(ctx.dataDir), day, o.sha256);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.renameSync(o.path, to);
    report.quarantined.push({ sha256: o.sha256, to });
  }
  const changed = report.removed.staging + report.removed.outbox + report.removed.incoming + report.quarantined.length;
  if (changed > 0) ctx.audit({ entity: 'maintenance', entityId: 'leftovers', after: report });
  return { ...report, leftovers };
}

export const maintenanceMethods = {
  'maintenance.check': query(z.object({}), (_input, ctx) => check(ctx), { long: true }),
  'maintenance.clean': mutation(z.object({}), (_input, ctx) => clean(ctx)),
};
