import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { custodyEvents } from '../../db/schema/index.js';
import { mutation, query } from '../contract.js';
import { conflict, invalid } from '../errors.js';
import { newOutput } from '../files.js';
import { newId } from '../ids.js';
import { getAssetRow } from '../assets/queries.js';
import { applyCorrections } from './gaps.js';
import { analyseAsset, custodyEventsOf, custodyReportData } from './report-data.js';
import { custodyReportHtml } from './report-html.js';
import { writeCustodyPdf } from './report-pdf.js';
import { CustodyAdd, CustodyRef, CustodyReport } from './schemas.js';

const safeName = (s: string) => s.replace(/[^\w.-]+/g, '_').slice(0, 60);

export const custodyMethods = {
  /** Appends one event; the table refuses updates, so a mistake is fixed by a correction event. */
  'custody.add': mutation(CustodyAdd, (input, ctx) => {
    const asset = getAssetRow(ctx, input.assetId);
    if (input.occurredAt.slice(0, 10) < asset.seizedOn)
      throw invalid('occurredAt', `${input.occurredAt} is before the seizure (${asset.seizedOn})`);
    if (input.correctsEventId) {
      const target = ctx.db.select().from(custodyEvents).where(eq(custodyEvents.id, input.correctsEventId)).get();
      if (!target || target.assetId !== asset.id) throw invalid('correctsEventId', 'no such custody event for this asset');
      const view = applyCorrections(custodyEventsOf(ctx, asset.id)).find((e) => e.id === target.id)!;
      if (view.superseded)
        throw conflict(`that event was already corrected${view.supersededBy ? ` by ${view.supersededBy}` : ''}; correct the latest version instead`, 'correctsEventId');
    }
    const row = { id: newId(), ...input, correctsEventId: input.correctsEventId ?? null, actor: ctx.actor.user, createdAt: ctx.now() };
    ctx.db.insert(custodyEvents).values(row).run();
    ctx.audit({ entity: 'custody_event', entityId: row.id, caseId: asset.caseId, after: row });
    return { event: row, analysis: analyseAsset(ctx, asset.id) };
  }),

  'custody.list': query(CustodyRef, (input, ctx) => analyseAsset(ctx, input.assetId)),

  /** The printable page (html) or a PDF written to the outbox for download. */
  'custody.report': query(CustodyReport, async (input, ctx) => {
    const data = custodyReportData(ctx, input.assetId, input.lang);
    const base = `custody-${safeName(data.caseNumber)}-${data.asset.id.slice(-12)}`;
    const out = newOutput(ctx, `${base}.${input.format}`);
    let html: string | null = null;
    if (input.format === 'html') fs.writeFileSync(out.path, (html = custodyReportHtml(data)));
    else await writeCustodyPdf(data, out.path);
    // Only trusted callers learn where files live on disk; renderers download by output id.
    const where = ctx.trusted ? out.path : undefined;
    return { outputId: out.outputId, name: out.name, path: where, html, unbroken: data.analysis.unbroken, gaps: data.analysis.gaps };
  }),
};
