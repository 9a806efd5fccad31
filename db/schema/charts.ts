import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, createdAt } from './common.js';
import { cases } from './cases.js';

/**
 * A named arrangement of a case's Money trail chart: node positions and pins, hidden nodes and the
 * analyst's annotations (notes, boxes, highlights). Saved again under the same name, it is replaced
 * (audited with before and after), so a case has one layout per name.
 */
export const chartLayouts = sqliteTable(
  'chart_layouts',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** JSON: { nodes: {id: [x, y, pinned]}, hidden: [id], annotations: [...] } (core/graph/layout-schemas.ts). */
    state: text('state').notNull(),
    actor: text('actor').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('chart_layouts_case_name').on(t.caseId, t.name)],
);
