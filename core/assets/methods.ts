import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { agencies, assetLinks, assets, assetStatusEvents } from '../../db/schema/index.js';
import { mutation, query } from '../contract.js';
import { invalid, notFound, ProceedsError } from '../errors.js';
import { newId } from '../ids.js';
import type { Ctx } from '../context.js';
import { getCase } from '../cases/methods.js';
import { uuid } from '../cases/schemas.js';
import { formatMinor, minorText, parseAmount, type MinorText } from '../money.js';
import { checkDetails, DETAIL_SCHEMAS } from './details.js';
import { allowedNext, checkTransition } from './lifecycle.js';
import { decodeAsset, getAssetRow, linksOf, statusEventsOf, type AssetRow } from './queries.js';
import { AssetCreate, AssetLinkAdd, AssetList, AssetRef, AssetTransition, AssetUpdate, parseValueFields } from './schemas.js';
import { linkTarget } from './links.js';
import { valueHistory } from './history.js';

function requireAgency(ctx: Ctx, id: string | null | undefined, path: string) {
  if (!id) return;
  if (!ctx.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, id)).get()) throw invalid(path, 'no such agency');
}

/** Amounts in an update are parsed in the asset's own currency, so the handler does it. */
function parseValues(input: Record<string, unknown>, currency: string): Record<string, MinorText> {
  const { minor, issues } = parseValueFields(input, currency);
  if (issues.length) throw new ProceedsError('Invalid', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  return minor;
}

function validateDetails(type: keyof typeof DETAIL_SCHEMAS, details: unknown) {
  const parsed = DETAIL_SCHEMAS[type].safeParse(details);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const issues = parsed.error.issues.map((i) => ({ path: ['details', ...i.path.map(String)].join('.'), message: i.message }));
  throw new ProceedsError('Invalid', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

function throwIssues(list: { path: (string | number)[]; message: string }[]) {
  if (!list.length) return;
  const issues = list.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new ProceedsError('Invalid', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

const STALE_FIELDS = [['valueSeized', 'valueSeizedMinor'], ['valueAppraised', 'valueAppraisedMinor'], ['valueRealised', 'valueRealisedMinor'], ['costs', 'costsMinor'], ['deductions', 'deductionsMinor']] as const;

/**
 * Someone changed the asset after the editor opened it: refuse rather than overwrite, and say what
 * is saved now beside what this edit would write, field by field, so neither version is lost.
 */
function staleEdit(saved: AssetRow, input: Record<string, unknown>): ProceedsError {
  const lines = STALE_FIELDS.filter(([f]) => typeof input[f] === 'string' && input[f] !== '').map(([f, col]) => {
    const now = saved[col];
    return `${f}: saved ${now === null ? 'none' : formatMinor(now, saved.currency)}, yours ${String(input[f])}`;
  });
  const message = `the asset was changed at ${saved.updatedAt} since you opened it; nothing was written. ${lines.join('; ')}`.trim();
  return new ProceedsError('Conflict', message, [{ path: 'ifUnchangedSince', message }]);
}

export const assetMethods = {
  'assets.create': mutation(AssetCreate, (input, ctx) => {
    getCase(ctx, input.caseId);
    requireAgency(ctx, input.seizingAgencyId, 'seizingAgencyId');
    const { details, ...rest } = input;
    const row = { id: newId(), ...rest, details: JSON.stringify(details), status: 'seized' as const, statusOn: input.seizedOn };
    ctx.db.insert(assets).values(row).run();
    ctx.audit({ entity: 'asset', entityId: row.id, caseId: row.caseId, after: row });
    // The seizure itself is the first lifecycle step, so the history and the dashboard's series start there.
    const first = {
      id: newId(), assetId: row.id, fromStatus: null, toStatus: 'seized', occurredOn: input.seizedOn,
      orderReference: input.legalAuthority, note: '', actor: ctx.actor.user,
    };
    ctx.db.insert(assetStatusEvents).values(first).run();
    ctx.audit({ entity: 'asset_status_event', entityId: first.id, caseId: row.caseId, after: first });
    return decodeAsset(getAssetRow(ctx, row.id));
  }),

  'assets.update': mutation(AssetUpdate, (input, ctx) => {
    const before = getAssetRow(ctx, input.id);
    requireAgency(ctx, input.seizingAgencyId, 'seizingAgencyId');
    if (input.ifUnchangedSince !== undefined && input.ifUnchangedSince !== before.updatedAt) throw staleEdit(before, input);
    const money = parseValues(input, before.currency);
    const { id, details, ifUnchangedSince: _0, valueSeized: _1, valueAppraised: _2, valueRealised: _3, costs: _4, deductions: _5, ...plain } = input;
    const changes: Record<string, unknown> = { ...plain, ...money, updatedAt: ctx.now() };
    const next = { ...before, ...changes };
    if (next.valueAppraisedMinor !== null && (!next.appraisedOn || !next.appraiser))
      throw invalid(next.appraisedOn ? 'appraiser' : 'appraisedOn', 'an appraised value needs the date of the appraisal and the appraiser');
    const decoded = details ? validateDetails(before.type, details) : (JSON.parse(before.details) as Record<string, unknown>);
    throwIssues(checkDetails(before.type, decoded, before.currency, next.valueSeizedMinor));
    if (details) changes.details = JSON.stringify(decoded);
    ctx.db.update(assets).set(changes).where(eq(assets.id, id)).run();
    const after = getAssetRow(ctx, id);
    ctx.audit({ entity: 'asset', entityId: id, caseId: before.caseId, before, after });
    return decodeAsset(after);
  }),

  'assets.get': query(AssetRef, (input, ctx) => {
    const a = getAssetRow(ctx, input.id);
    return {
      ...decodeAsset(a),
      seizingAgency: a.seizingAgencyId ? ctx.db.select().from(agencies).where(eq(agencies.id, a.seizingAgencyId)).get() ?? null : null,
      statusEvents: statusEventsOf(ctx, a.id),
      allowedNext: allowedNext(a.status),
      links: linksOf(ctx, a.id),
    };
  }),

  /** Every change to the values (appraisal, costs, claims, sale), from the audit log, oldest first. */
  'assets.valueHistory': query(AssetRef, (input, ctx) => {
    getAssetRow(ctx, input.id);
    return valueHistory(ctx, input.id);
  }),

  'assets.list': query(AssetList, (input, ctx) => {
    getCase(ctx, input.caseId);
    const where = [eq(assets.caseId, input.caseId)];
    if (input.status) where.push(eq(assets.status, input.status));
    if (input.type) where.push(eq(assets.type, input.type));
    if (input.ids) where.push(inArray(assets.id, input.ids));
    return ctx.db.select().from(assets).where(and(...where)).orderBy(asc(assets.seizedOn), asc(assets.id)).all().map(decodeAsset);
  }),

  'assets.transition': mutation(AssetTransition, (input, ctx) => {
    const before = getAssetRow(ctx, input.assetId);
    checkTransition(before.status, input.to, input.disposition);
    const since = before.statusOn ?? before.seizedOn;
    if (input.occurredOn < since) throw invalid('occurredOn', `${input.occurredOn} is before the previous step (${before.status} on ${since})`);
    const changes: Partial<typeof before> = { status: input.to, statusOn: input.occurredOn, updatedAt: ctx.now() };
    if (input.to === 'disposed') changes.disposition = input.disposition;
    // A destroyed asset fetches nothing: without this its appraisal would count as proceeds.
    if (input.disposition === 'destroyed' && before.valueRealisedMinor === null) changes.valueRealisedMinor = '0';
    if (input.to === 'returned') changes.returnedTo = input.returnedTo;
    if (input.valueRealised) {
      const p = parseAmount(input.valueRealised, before.currency);
      if (!p.ok || p.minor < 0n) throw invalid('valueRealised', p.ok ? 'cannot be negative' : p.error);
      changes.valueRealisedMinor = minorText(p.minor);
    }
    ctx.db.update(assets).set(changes).where(eq(assets.id, before.id)).run();
    const event = {
      id: newId(), assetId: before.id, fromStatus: before.status, toStatus: input.to, occurredOn: input.occurredOn,
      orderReference: input.orderReference,
      note: [input.disposition, input.returnedTo && `returned to ${input.returnedTo}`, input.note].filter(Boolean).join('; '),
      actor: ctx.actor.user,
    };
    ctx.db.insert(assetStatusEvents).values(event).run();
    const after = getAssetRow(ctx, before.id);
    ctx.audit({ entity: 'asset', entityId: before.id, caseId: before.caseId, before, after });
    ctx.audit({ entity: 'asset_status_event', entityId: event.id, caseId: before.caseId, after: event });
    return { ...decodeAsset(after), event };
  }),

  'assets.linkAdd': mutation(AssetLinkAdd, (input, ctx) => {
    const asset = getAssetRow(ctx, input.assetId);
    const target = linkTarget(ctx, asset, input);
    // The schema has already refused an amount that does not parse in its currency.
    const parsed = input.amount && input.currency ? parseAmount(input.amount, input.currency) : null;
    const amountMinor = parsed?.ok ? minorText(parsed.minor) : target.amountMinor;
    const row = {
      id: newId(), assetId: asset.id, accountId: input.accountId ?? null, transactionId: input.transactionId ?? null,
      traceId: input.traceId ?? null, amountMinor: amountMinor ?? null,
      currency: input.amount ? input.currency! : target.currency ?? null, note: input.note,
    };
    ctx.db.insert(assetLinks).values(row).run();
    ctx.audit({ entity: 'asset_link', entityId: row.id, caseId: asset.caseId, after: row });
    return linksOf(ctx, asset.id).find((l) => l.id === row.id)!;
  }),

  'assets.linkRemove': mutation(z.object({ id: uuid }), (input, ctx) => {
    const before = ctx.db.select().from(assetLinks).where(eq(assetLinks.id, input.id)).get();
    if (!before) throw notFound('asset link', input.id);
    const asset = getAssetRow(ctx, before.assetId);
    ctx.db.delete(assetLinks).where(eq(assetLinks.id, input.id)).run();
    ctx.audit({ entity: 'asset_link', entityId: input.id, caseId: asset.caseId, before });
    return { removed: input.id };
  }),
};
