import { eq } from 'drizzle-orm';
import { agencies, cases, custodyEvents } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { auditHead } from '../audit/chain.js';
import { latestLocalCheckpoint } from '../audit/anchor.js';
import { rootFingerprint } from '../audit/checkpoint.js';
import { formatMoneyIn } from '../money-format.js';
import { REPORT_LOCALE, wordsOf, type ReportLang } from './report-strings.js';
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
  /** The language the report is printed in (core/custody/report-strings.ts). */
  lang: ReportLang;
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

export function checkpointLine(c: CustodyReportData['checkpoint'], lang: ReportLang = 'en'): string {
  const w = wordsOf(lang);
  return c ? w.checkpoint(c.size, c.fingerprint, c.time, c.origin) : w.noCheckpoint;
}

export function custodyReportData(ctx: Ctx, assetId: string, lang: ReportLang = 'en'): CustodyReportData {
  const a = getAssetRow(ctx, assetId);
  const c = ctx.db.select().from(cases).where(eq(cases.id, a.caseId)).get()!;
  const agency = a.seizingAgencyId ? ctx.db.select().from(agencies).where(eq(agencies.id, a.seizingAgencyId)).get() : undefined;
  return {
    lang,
    title: wordsOf(lang).title(a.description),
    asset: {
      id: a.id, type: a.type, description: a.description, status: a.status, seizedOn: a.seizedOn, seizedPlace: a.seizedPlace,
      legalAuthority: a.legalAuthority, valueSeized: formatMoneyIn(REPORT_LOCALE[lang], a.valueSeizedMinor, a.currency),
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

/** "2026-01-15T10:30" -> "2026-01-15 10:30". */
export const readableTime = (ts: string) => ts.replace('T', ' ');

/** One line per event, the same words in HTML and PDF, in the report's language. */
export function eventSummary(e: { kind: string; fromCustodian: string; toCustodian: string; location: string; locker: string }, lang: ReportLang = 'en'): string {
  const where = [e.location, e.locker].filter(Boolean).join(', ');
  const w = wordsOf(lang).event;
  switch (e.kind) {
    case 'received': return w.received(e.toCustodian, where);
    case 'transferred': return w.transferred(e.fromCustodian, e.toCustodian);
    case 'stored': return w.stored(where, e.toCustodian);
    case 'checked_out': return w.checked_out(e.toCustodian);
    case 'checked_in': return w.checked_in(e.toCustodian, e.fromCustodian);
    case 'appraised': return w.appraised;
    case 'disposed': return w.disposed;
    case 'correction': return w.correction;
    default: return e.kind;
  }
}

export function latestCheckpointSummary(ctx: Ctx): CustodyReportData['checkpoint'] {
  const cp = latestLocalCheckpoint(ctx.sqlite);
  return cp ? { origin: cp.origin, size: cp.size, fingerprint: rootFingerprint(cp.root), time: cp.time } : null;
}
