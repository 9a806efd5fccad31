import { mutation, query } from '../contract.js';
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { newId } from '../ids.js';
import { canonicalJson } from '../audit/canonical.js';
import { getCase } from '../cases/methods.js';
import { LayoutList, LayoutRef, LayoutSave, type LayoutState } from './layout-schemas.js';

interface LayoutRow {
  id: string;
  case_id: string;
  name: string;
  state: string;
  actor: string;
  created_at: string;
  updated_at: string;
}

/** The row as the audit log records it (replayed column by column by `audit verify --deep`). */
const audited = (r: LayoutRow) => ({ id: r.id, caseId: r.case_id, name: r.name, state: JSON.parse(r.state) as LayoutState, actor: r.actor, createdAt: r.created_at, updatedAt: r.updated_at });

function getLayout(ctx: Ctx, id: string): LayoutRow {
  const row = ctx.sqlite.prepare('SELECT * FROM chart_layouts WHERE id = ?').get(id) as LayoutRow | undefined;
  if (!row) throw notFound('chart layout', id);
  return row;
}

/** Named chart layouts of a case: saved, listed, opened, deleted; every change audited. */
export const layoutMethods = {
  /** Saves the chart's arrangement under a name; a layout of that name in the case is replaced. */
  'layout.save': mutation(LayoutSave, (input, ctx) => {
    getCase(ctx, input.caseId);
    const state = canonicalJson(input.state);
    const now = ctx.now();
    const was = ctx.sqlite.prepare('SELECT * FROM chart_layouts WHERE case_id = ? AND name = ?').get(input.caseId, input.name) as LayoutRow | undefined;
    if (was) ctx.sqlite.prepare('UPDATE chart_layouts SET state = ?, actor = ?, updated_at = ? WHERE id = ?').run(state, ctx.actor.user, now, was.id);
    else
      ctx.sqlite
        .prepare('INSERT INTO chart_layouts (id, case_id, name, state, actor, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(newId(), input.caseId, input.name, state, ctx.actor.user, now, now);
    const row = was ? getLayout(ctx, was.id) : (ctx.sqlite.prepare('SELECT * FROM chart_layouts WHERE case_id = ? AND name = ?').get(input.caseId, input.name) as LayoutRow);
    ctx.audit({ entity: 'chart_layout', entityId: row.id, caseId: input.caseId, before: was ? audited(was) : undefined, after: audited(row) });
    return { id: row.id, name: row.name, replaced: Boolean(was), updatedAt: row.updated_at };
  }),

  'layout.list': query(LayoutList, (input, ctx) => {
    getCase(ctx, input.caseId);
    const rows = ctx.sqlite.prepare('SELECT id, name, actor, updated_at AS updatedAt FROM chart_layouts WHERE case_id = ? ORDER BY name, id').all(input.caseId);
    return rows as { id: string; name: string; actor: string; updatedAt: string }[];
  }),

  'layout.get': query(LayoutRef, (input, ctx) => {
    const r = getLayout(ctx, input.id);
    return { id: r.id, caseId: r.case_id, name: r.name, state: JSON.parse(r.state) as LayoutState, actor: r.actor, updatedAt: r.updated_at };
  }),

  'layout.delete': mutation(LayoutRef, (input, ctx) => {
    const r = getLayout(ctx, input.id);
    ctx.sqlite.prepare('DELETE FROM chart_layouts WHERE id = ?').run(r.id);
    ctx.audit({ entity: 'chart_layout', entityId: r.id, caseId: r.case_id, before: audited(r), after: null });
    return { id: r.id };
  }),
};
