import { z } from 'zod';
import { mutation, query } from '../contract.js';
import { uuid } from '../cases/schemas.js';
import { verifyAuditChain, auditHead, type AuditRow } from './chain.js';
import { quickCheck } from '../../db/open-guard.js';

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

  /** The chain, and the file under it: a damaged page would otherwise show only when some query reads it. */
  'audit.verify': query(z.object({}), (_input, ctx) => {
    const fileProblems = quickCheck(ctx.sqlite);
    const chain = verifyAuditChain(ctx.sqlite);
    return { ...chain, ok: chain.ok && fileProblems.length === 0, fileProblems };
  }),

  'audit.head': query(z.object({}), (_input, ctx) => auditHead(ctx.sqlite)),
};

export const settingsMethods = {
  'settings.profile': query(z.object({}), (_input, ctx) => ctx.actor),

  'settings.setProfile': mutation(
    z.object({ user: z.string().trim().min(1, 'name is required').max(120), agency: z.string().trim().min(1, 'agency is required').max(200) }),
    (input, ctx) => {
      const before = ctx.actor;
      const put = ctx.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
      put.run('user.name', input.user);
      put.run('user.agency', input.agency);
      ctx.audit({ entity: 'settings', entityId: 'profile', before, after: input });
      return input;
    },
  ),
};
