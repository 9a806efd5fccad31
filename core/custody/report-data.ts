import { eq } from 'drizzle-orm';
import { agencies, cases, custodyEvents } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { auditHead } from '../audit/chain.js';
import { latestLocalCheckpoint } from '../audit/anchor.js';
import { rootFingerprint } from '../audit/checkpoint.js';
import { formatMinor } from '../money.js';
import { getAssetRow } from '../assets/queries.js';
import { analyseCustody, type CustodyAnalysis } from './gaps.js';

export function custodyEventsOf(ctx: Pick<Ctx, 'db'>, assetId: string) {
  return ctx.db.select().from(custodyEvents).where(eq(custodyEvents.assetId, assetId)).all();
}

export function analyseAsset(ctx: Pick<Ctx, 'db'>, assetId: string): CustodyAnalysis {
  const asset = getAssetRow(ctx, assetId);
  return analyseCustody(custodyEventsOf(ctx, assetId), asset.status);
}

/** Everything a printed custody report shows; both the HTML page and the PDF are drawn from it. */
export interface CustodyReportData {
  title: string;
  asset: { id: string; type: string; description: string; status: string; seizedOn: string; seizedPlace: string; legalAuthority: string; valueSeized: string; seizingAgency: string };
  caseNumber: string;
  caseTitle: string;
  analysis: CustodyAnalysis;
  generatedAt: string;
  generatedBy: string;
  /** Audit chain head when the report was made: ties the page to the tamper-evident log. */
  auditHead: { seq: number; hash: string };
  /** The newest signed checkpoint of the log (docs/audit-log.md): what a court can check the log against. */
  checkpoint: { origin: string; size: number; fingerprint: string; time: string } | null;
}

/** "Name (role), agency": the person behind the report, from the first-launch profile. */
export const personLine = (a: { user: string; agency: string; role?: string }) => `${a.user}${a.role ? ` (${a.role})` : ''}, ${a.agency}`;

export function checkpointLine(c: CustodyReportData['checkpoint']): string {
  return c ? `Signed audit checkpoint: ${c.size} entries, root ${c.fingerprint}, ${c.time} (${c.origin}).` : 'No signed audit checkpoint yet.';
}

export function custodyReportData(ctx: Ctx, assetId: string): CustodyReportData {
  const a = getAssetRow(ctx, assetId);
  const c = ctx.db.select().from(cases).where(eq(cases.id, a.caseId)).get()!;
  const agency = a.seizingAgencyId ? ctx.db.select().from(agencies).where(eq(agencies.id, a.seizingAgencyId)).get() : undefined;
  return {
    title: `Chain of custody: ${a.description}`,
    asset: {
      id: a.id, type: a.type, description: a.description, status: a.status, seizedOn: a.seizedOn, seizedPlace: a.seizedPlace,
      legalAuthority: a.legalAuthority, valueSeized: `${groupThousands(formatMinor(a.valueSeizedMinor, a.currency))} ${a.currency}`,
      seizingAgency: agency ? `${agency.name} (${agency.code})` : '',
    },
    caseNumber: c.number,
    caseTitle: c.title,
    analysis: analyseCustody(custodyEventsOf(ctx, assetId), a.status),
    generatedAt: ctx.now(),
    generatedBy: personLine(ctx.actor),
    auditHead: auditHead(ctx.sqlite),
    checkpoint: latestCheckpointSummary(ctx),
  };
}

/** "68000.00" -> "68,000.00": a printed report is read by people, not parsed. */
export const groupThousands = (plain: string) => plain.replace(/^(-?\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ','));

/** "2026-01-15T10:30" -> "2026-01-15 10:30". */
export const readableTime = (ts: string) => ts.replace('T', ' ');

/** One line per event, the same words in HTML and PDF. */
export function eventSummary(e: { kind: string; fromCustodian: string; toCustodian: string; location: string; locker: string }): string {
  const where = [e.location, e.locker].filter(Boolean).join(', ');
  switch (e.kind) {
    case 'received': return `received by ${e.toCustodian}${where ? ` at ${where}` : ''}`;
    case 'transferred': return `transferred from ${e.fromCustodian} to ${e.toCustodian}`;
    case 'stored': return `stored at ${where}${e.toCustodian ? ` by ${e.toCustodian}` : ''}`;
    case 'checked_out': return `checked out to ${e.toCustodian}`;
    case 'checked_in': return `checked back in to ${e.toCustodian}${e.fromCustodian ? ` by ${e.fromCustodian}` : ''}`;
    case 'appraised': return 'appraised';
    case 'disposed': return 'left custody';
    case 'correction': return 'correction: the referenced event is void';
    default: return e.kind;
  }
}

export function latestCheckpointSummary(ctx: Ctx): CustodyReportData['checkpoint'] {
  const cp = latestLocalCheckpoint(ctx.sqlite);
  return cp ? { origin: cp.origin, size: cp.size, fingerprint: rootFingerprint(cp.root), time: cp.time } : null;
}
