import type { Ctx } from '../context.js';
import type { Sqlite } from '../../db/connection.js';
import { getCase } from '../cases/methods.js';
import { ProceedsError, invalid } from '../errors.js';
import { newId } from '../ids.js';
import { describePolicy } from '../dashboard/policy.js';
import { savedPolicy, sharingSummary, type AgencyShare } from '../dashboard/sharing-store.js';
import type { WorksheetSave } from './worksheet-schemas.js';
import { caseDeadlines, type Deadline } from './deadlines.js';
import { textOf } from '../text-of.js';

/** One agency's line of the worksheet: its factors (saved, or the defaults) and its shares in the case. */
export interface WorksheetLine {
  agencyId: string;
  name: string;
  code: string;
  role: string;
  workHours: number;
  originatedInformation: boolean;
  uniqueAssistance: string;
  foreignAssistance: string;
  other: string;
  requestedShareBps: number | null;
  submittedOn: string | null;
  /** Null until the line is first saved: the token a stale edit is refused on. */
  updatedAt: string | null;
  saved: boolean;
  /** Shares of this agency, per currency, recorded and projected apart. */
  shares: Pick<AgencyShare, 'currency' | 'recordedMinor' | 'projectedMinor'>[];
}

export interface Worksheet {
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  policyText: string;
  lines: WorksheetLine[];
  deadlines: Deadline[];
}

interface Row {
  agencyId: string; name: string; code: string; role: string | null; hours: number | null;
  workHours: number | null; originatedInformation: number | null; uniqueAssistance: string | null; foreignAssistance: string | null;
  other: string | null; requestedShareBps: number | null; submittedOn: string | null; updatedAt: string | null; saved: number | null;
}

/** Participants and agencies with a saved line (an agency that left the case keeps what it claimed). */
const LINES_SQL = `
  SELECT g.id AS agencyId, g.name, g.code, p.role, p.hours, w.work_hours AS workHours, w.originated_information AS originatedInformation,
    w.unique_assistance AS uniqueAssistance, w.foreign_assistance AS foreignAssistance, w.other, w.requested_share_bps AS requestedShareBps,
    w.submitted_on AS submittedOn, w.updated_at AS updatedAt, w.id IS NOT NULL AS saved
  FROM agencies g
  LEFT JOIN case_participants p ON p.agency_id = g.id AND p.case_id = @caseId
  LEFT JOIN sharing_worksheets w ON w.agency_id = g.id AND w.case_id = @caseId
  WHERE p.id IS NOT NULL OR w.id IS NOT NULL
  ORDER BY g.code`;

function lineOf(r: Row, shares: AgencyShare[]): WorksheetLine {
  return {
    agencyId: r.agencyId, name: r.name, code: r.code, role: r.role ?? 'former participant',
    // One figure of hours per agency: the participant's (what the sharing policy divides by), which a
    // save here writes too; the saved line's only for an agency no longer taking part.
    workHours: r.hours ?? r.workHours ?? 0,
    originatedInformation: r.originatedInformation === 1,
    uniqueAssistance: r.uniqueAssistance ?? '', foreignAssistance: r.foreignAssistance ?? '', other: r.other ?? '',
    requestedShareBps: r.requestedShareBps, submittedOn: r.submittedOn, updatedAt: r.updatedAt, saved: r.saved === 1,
    shares: shares.filter((s) => s.agencyId === r.agencyId).map((s) => ({ currency: s.currency, recordedMinor: s.recordedMinor, projectedMinor: s.projectedMinor })),
  };
}

export function worksheetOf(ctx: Ctx, caseId: string, asOf: string): Worksheet {
  const c = getCase(ctx, caseId);
  const policy = savedPolicy(ctx);
  const sharing = sharingSummary(ctx, { caseId, dateBasis: 'seized' }, policy);
  const rows = ctx.sqlite.prepare(LINES_SQL).all({ caseId }) as Row[];
  return {
    caseId, caseNumber: c.number, caseTitle: c.title, policyText: describePolicy(policy),
    lines: rows.map((r) => lineOf(r, sharing.byAgency)),
    deadlines: caseDeadlines(ctx.sqlite, { caseId, dateBasis: 'seized' }, asOf),
  };
}

function savedLine(sqlite: Sqlite, caseId: string, agencyId: string) {
  return sqlite.prepare('SELECT * FROM sharing_worksheets WHERE case_id = ? AND agency_id = ?').get(caseId, agencyId) as Record<string, unknown> | undefined;
}

const FIELDS = [
  ['workHours', 'work_hours'], ['originatedInformation', 'originated_information'], ['uniqueAssistance', 'unique_assistance'],
  ['foreignAssistance', 'foreign_assistance'], ['other', 'other'], ['requestedShareBps', 'requested_share_bps'], ['submittedOn', 'submitted_on'],
] as const;

/** Someone saved this line after the editor opened it: refuse, and show what is saved beside what this edit would write. */
function staleLine(saved: Record<string, unknown>, input: WorksheetSave): ProceedsError {
  const shown = (v: unknown) => (v === null || v === undefined || v === '' ? 'none' : textOf(v));
  const differ = FIELDS.filter(([k, col]) => shown(k === 'originatedInformation' ? saved[col] === 1 : saved[col]) !== shown(input[k]));
  const lines = differ.map(([k, col]) => `${k}: saved ${shown(k === 'originatedInformation' ? saved[col] === 1 : saved[col])}, yours ${shown(input[k])}`);
  const message = `someone saved this agency's worksheet at ${String(saved.updated_at)} since you opened it; nothing was written. ${lines.join('; ')}`.trim();
  return new ProceedsError('Conflict', message, [{ path: 'ifUnchangedSince', message }]);
}

/** Saves one agency's line; audited with what it was before. */
export function saveLine(ctx: Ctx, input: WorksheetSave): Record<string, unknown> {
  getCase(ctx, input.caseId);
  const before = savedLine(ctx.sqlite, input.caseId, input.agencyId);
  const participant = ctx.sqlite.prepare('SELECT 1 FROM case_participants WHERE case_id = ? AND agency_id = ?').get(input.caseId, input.agencyId);
  if (!participant && !before) throw invalid('agencyId', 'this agency does not take part in the case; add it as a participant first');
  const token = (before?.updated_at as string | null | undefined) ?? null;
  if (input.ifUnchangedSince !== undefined && input.ifUnchangedSince !== token) throw before ? staleLine(before, input) : invalid('ifUnchangedSince', 'this worksheet line was removed since you opened it');
  const today = ctx.now().slice(0, 10);
  if (input.submittedOn && input.submittedOn > today) throw invalid('submittedOn', `${input.submittedOn} is in the future; enter the day the request went in`);
  const values = {
    work_hours: input.workHours, originated_information: input.originatedInformation ? 1 : 0, unique_assistance: input.uniqueAssistance,
    foreign_assistance: input.foreignAssistance, other: input.other, requested_share_bps: input.requestedShareBps, submitted_on: input.submittedOn, updated_at: ctx.now(),
  };
  if (before) {
    ctx.sqlite.prepare(`UPDATE sharing_worksheets SET ${Object.keys(values).map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...values, id: before.id });
  } else {
    ctx.sqlite
      .prepare(`INSERT INTO sharing_worksheets (id, case_id, agency_id, ${Object.keys(values).join(', ')}) VALUES (@id, @case_id, @agency_id, ${Object.keys(values).map((k) => `@${k}`).join(', ')})`)
      .run({ ...values, id: newId(), case_id: input.caseId, agency_id: input.agencyId });
  }
  const after = savedLine(ctx.sqlite, input.caseId, input.agencyId)!;
  ctx.audit({ entity: 'sharing_worksheet', entityId: after.id as string, caseId: input.caseId, before, after });
  syncHours(ctx, input);
  return after;
}

/** The worksheet's hours are the participant's hours: the projected shares follow what the worksheet says. */
function syncHours(ctx: Ctx, input: WorksheetSave): void {
  const get = ctx.sqlite.prepare('SELECT * FROM case_participants WHERE case_id = ? AND agency_id = ?');
  const before = get.get(input.caseId, input.agencyId) as { id: string; hours: number } | undefined;
  if (!before || before.hours === input.workHours) return;
  ctx.sqlite.prepare('UPDATE case_participants SET hours = ? WHERE id = ?').run(input.workHours, before.id);
  ctx.audit({ entity: 'participant', entityId: before.id, caseId: input.caseId, before, after: get.get(input.caseId, input.agencyId) });
}
