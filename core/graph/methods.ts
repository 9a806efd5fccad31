import { query } from '../contract.js';
import { getCase } from '../cases/methods.js';
import { caseFlows, edgeTransactions, filterSql } from './flows.js';
import { keyPlayers } from './key-players.js';
import { EdgeTransactions, FlowFilter, KeyPlayers, Timeline } from './schemas.js';

export const graphMethods = {
  /** Subjects and accounts with the flows between them, aggregated per ordered pair and currency. */
  'graph.flows': query(FlowFilter, (input, ctx) => {
    getCase(ctx, input.caseId);
    return caseFlows(ctx.sqlite, input);
  }),

  /** The transactions behind one edge (drill-down). */
  'graph.edgeTransactions': query(EdgeTransactions, (input, ctx) => {
    getCase(ctx, input.filter.caseId);
    return edgeTransactions(ctx.sqlite, input.filter, input.fromAccountId, input.toAccountId, input.offset, input.limit);
  }),

  /** Ranking by betweenness, degree and volume, in one currency (the busiest one unless given). */
  'graph.keyPlayers': query(KeyPlayers, (input, ctx) => {
    getCase(ctx, input.filter.caseId);
    const { nodes, edges } = caseFlows(ctx.sqlite, input.filter);
    const counts = new Map<string, number>();
    for (const e of edges) if (e.kind === 'flow') counts.set(e.currency, (counts.get(e.currency) ?? 0) + e.count);
    const currency = input.filter.currency ?? [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    if (!currency) return { currency: null, players: [] };
    return { currency, players: keyPlayers(nodes, edges, currency, input.level, input.limit) };
  }),

  /**
   * Flows per day and currency over the whole case (the date filter is ignored: the timeline is
   * where the user picks the date range of the other views).
   */
  'graph.timeline': query(Timeline, (input, ctx) => {
    getCase(ctx, input.filter.caseId);
    const { where, params } = filterSql({ ...input.filter, from: undefined, to: undefined });
    const days = ctx.sqlite
      .prepare(
        `SELECT substr(t.occurred_at, 1, 10) AS day, t.currency, msum(t.amount_minor) AS totalMinor, count(*) AS count
         FROM transactions t WHERE ${where} GROUP BY day, t.currency ORDER BY day, t.currency`,
      )
      .all(params) as { day: string; currency: string; totalMinor: string; count: number }[];
    return { days };
  }),
};
