// One audit_log row and the canonical text its hash covers: read by the chain and the Merkle tree alike.
import { canonicalJson } from './canonical.js';

export interface AuditRow {
  seq: number;
  id: string;
  at: string;
  actor: string;
  agency: string;
  method: string;
  entity: string;
  entity_id: string;
  case_id: string | null;
  before: string;
  after: string;
  prev_hash: string;
  hash: string;
}

/** The fields the hash covers, in canonical form (seq is the order, so it is covered too). */
export function canonicalAuditRow(r: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  return canonicalJson({
    seq: r.seq,
    id: r.id,
    at: r.at,
    actor: r.actor,
    agency: r.agency,
    method: r.method,
    entity: r.entity,
    entityId: r.entity_id,
    caseId: r.case_id,
    before: r.before,
    after: r.after,
  });
}
