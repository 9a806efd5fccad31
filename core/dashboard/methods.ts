import { z } from 'zod';
import { sharingDistributions } from '../../db/schema/index.js';
import { mutation, query } from '../contract.js';
import { conflict } from '../errors.js';
import { newId } from '../ids.js';
import { uuid } from '../cases/schemas.js';
import { decodeAsset, getAssetRow } from '../assets/queries.js';
import { convertTotals } from './convert.js';
import { dashboardAssets, dashboardAssetsByIds, statusSeries } from './drilldown.js';
import { describePolicy, SharingPolicy } from './policy.js';
import { AssetsByIds, AssetsQuery, SeriesInput, SharingCompute, SharingInput, TotalsInput } from './schemas.js';
import { computeSharing } from './sharing.js';
import { participantsOf, savedPolicy, savePolicy, sharingSummary } from './sharing-store.js';
import { computeTotals } from './totals.js';

export const dashboardMethods = {
  /** Totals per status and currency; converted into one currency only at the rates the user gives. */
  'dashboard.totals': query(TotalsInput, (input, ctx) => {
    const totals = computeTotals(ctx.sqlite, input.filters);
    const conversion = input.convert ? convertTotals(totals.byCurrency, input.convert.to, input.convert.rates) : null;
    return { filters: input.filters, ...totals, conversion };
  }),

  'dashboard.assets': query(AssetsQuery, (input, ctx) =>
    dashboardAssets(ctx.sqlite, input.filters, input.sort, input.desc, input.limit, input.offset),
  ),

  'dashboard.assetsByIds': query(AssetsByIds, (input, ctx) => dashboardAssetsByIds(ctx.sqlite, input.filters, input.ids)),

  'dashboard.series': query(SeriesInput, (input, ctx) => statusSeries(ctx.sqlite, input.filters)),

  'dashboard.sharing': query(SharingInput, (input, ctx) => {
    const policy = input.policy ?? savedPolicy(ctx);
    return { ...sharingSummary(ctx, input.filters, policy), policyText: describePolicy(policy) };
  }),

  'sharing.policy': query(z.object({}), (_input, ctx) => {
    const policy = savedPolicy(ctx);
    return { policy, text: describePolicy(policy) };
  }),

  'sharing.setPolicy': mutation(z.object({ policy: SharingPolicy }), (input, ctx) => {
    const before = savedPolicy(ctx);
    savePolicy(ctx, input.policy);
    ctx.audit({ entity: 'sharing_policy', entityId: 'sharing.policy', before, after: input.policy });
    return { policy: input.policy, text: describePolicy(input.policy) };
  }),

  /** Decides and records one asset's distribution, with the policy in force written beside it. */
  'sharing.compute': mutation(SharingCompute, (input, ctx) => {
    const asset = decodeAsset(getAssetRow(ctx, input.assetId));
    if (asset.status !== 'forfeited' && asset.status !== 'disposed')
      throw conflict(`only a forfeited asset is shared; this one is ${asset.status}`, 'assetId');
    const policy = input.policy ?? savedPolicy(ctx);
    const distribution = computeSharing(asset.netMinor, participantsOf(ctx, asset.caseId), policy);
    const row = {
      id: newId(), caseId: asset.caseId, assetId: asset.id, currency: asset.currency, netMinor: asset.netMinor,
      policy: JSON.stringify({ ...policy, text: describePolicy(policy) }), result: JSON.stringify(distribution.shares), actor: ctx.actor.user,
    };
    ctx.db.insert(sharingDistributions).values(row).run();
    ctx.audit({ entity: 'sharing_distribution', entityId: row.id, caseId: asset.caseId, after: row });
    return { id: row.id, currency: asset.currency, policy, policyText: describePolicy(policy), ...distribution };
  }),

  'sharing.list': query(z.object({ assetId: uuid }), (input, ctx) => {
    const rows = ctx.sqlite
      .prepare('SELECT * FROM sharing_distributions WHERE asset_id = ? ORDER BY id DESC')
      .all(input.assetId) as { id: string; currency: string; net_minor: string; policy: string; result: string; actor: string; created_at: string }[];
    return rows.map((r) => ({
      id: r.id, currency: r.currency, netMinor: String(r.net_minor), actor: r.actor, createdAt: r.created_at,
      policy: JSON.parse(r.policy) as SharingPolicy & { text: string },
      // Distributions recorded before exact money hold numbers; the contract carries text either way.
      shares: (JSON.parse(r.result) as ReturnType<typeof computeSharing>['shares']).map((s) => ({ ...s, shareMinor: String(s.shareMinor) })),
    }));
  }),
};
