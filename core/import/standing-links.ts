import type { Database } from 'better-sqlite3';

// The links a person or the matcher made between the two copies of one transfer, as the readers
// (trace, graph, totals) need them. Kept apart from the matcher so that readers reach no Node
// module through it (the renderer imports the graph's pure parts).

/**
 * Ids of the transactions that are the duplicate side of a standing link (auto or accepted): the
 * payee's credit. Trace, graph, Sankey, totals and exports skip these so a transfer counts once;
 * the payer's debit stays and carries the transfer.
 */
export function linkedDuplicateIds(sqlite: Database, caseId: string): Set<string> {
  return new Set(standingLinks(sqlite, caseId).map((r) => r.credit));
}

/**
 * The case's standing links (auto or accepted): each payer's debit, the payee's credit that
 * duplicates it, and the account the credit arrived in (where the kept debit carries the transfer
 * when the payer's statement did not name it).
 */
export function standingLinks(sqlite: Database, caseId: string): { debit: string; credit: string; creditTo: string | null }[] {
  return sqlite
    .prepare(
      `SELECT l.debit_tx_id AS debit, l.credit_tx_id AS credit, c.to_account_id AS creditTo FROM transfer_links l
       JOIN transactions c ON c.id = l.credit_tx_id WHERE l.case_id = ? AND l.status IN ('auto', 'accepted')`,
    )
    .all(caseId) as { debit: string; credit: string; creditTo: string | null }[];
}

/** SQL condition keeping a transaction (aliased `alias`) unless it is a linked duplicate, for queries that aggregate in SQL. */
export const notLinkedDuplicate = (alias = 't') =>
  `NOT EXISTS (SELECT 1 FROM transfer_links tl WHERE tl.credit_tx_id = ${alias}.id AND tl.status IN ('auto', 'accepted'))`;
