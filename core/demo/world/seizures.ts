import type { AgencyKey } from './cast.js';
import type { Rng } from './random.js';
import type { AgencyRow, AssetLinkRow, AssetRow, AssetStatusEventRow, CustodyEventRow, TransactionRow } from './types.js';

/** Amounts are stored as decimal text of minor units (they may pass 2^63); the specs write small ones as numbers. */
const text = (m: number | string | bigint | null | undefined): string | null => (m === null || m === undefined ? null : String(m));

type Status = AssetRow['status'] & string;
type CustodyKind = CustodyEventRow['kind'];

export interface AssetSpec {
  type: AssetRow['type'];
  description: string;
  details: Record<string, unknown>;
  agency: AgencyKey;
  seizedOn: string;
  seizedPlace: string;
  legalAuthority: string;
  currency: string;
  valueSeizedMinor: number;
  appraised?: { minor: number; on: string; by: string };
  realised?: { minor: number; costs: number; disposition: string };
  returnedTo?: string;
  deductionsMinor?: number;
  /** Steps after the seizure: [status, date, order or decision, note]. */
  lifecycle: [Status, string, string, string][];
  /** [kind, ISO timestamp, from, to, location, locker, reason] */
  custody: [CustodyKind, string, string, string, string, string, string][];
  links: { account?: { id: string }; tx?: TransactionRow; note: string; amountMinor?: number; currency?: string }[];
}

/**
 * Builds the rows of the seized assets: each asset, the lifecycle steps that brought it to its
 * status, its append-only chain of custody and the records that paid for it.
 */
export class AssetBook {
  readonly assets: AssetRow[] = [];
  readonly statusEvents: AssetStatusEventRow[] = [];
  readonly custody: CustodyEventRow[] = [];
  readonly links: AssetLinkRow[] = [];

  constructor(
    private readonly caseId: string,
    private readonly agencies: Record<AgencyKey, AgencyRow>,
    private readonly newId: (at: string) => string,
    private readonly rng: Rng,
    private readonly agents: readonly string[],
  ) {}

  add(spec: AssetSpec): AssetRow {
    const createdAt = `${spec.seizedOn}T22:00:00.000Z`;
    const last = spec.lifecycle.at(-1);
    const agent = this.rng.pick(this.agents);
    const asset: AssetRow = {
      id: this.newId(createdAt),
      caseId: this.caseId,
      type: spec.type,
      description: spec.description,
      details: JSON.stringify(spec.details),
      seizingAgencyId: this.agencies[spec.agency].id,
      seizedOn: spec.seizedOn,
      seizedPlace: spec.seizedPlace,
      legalAuthority: spec.legalAuthority,
      status: last?.[0] ?? 'seized',
      statusOn: last?.[1] ?? spec.seizedOn,
      returnedTo: spec.returnedTo ?? null,
      disposition: spec.realised?.disposition ?? null,
      currency: spec.currency,
      valueSeizedMinor: String(spec.valueSeizedMinor),
      valueAppraisedMinor: text(spec.appraised?.minor),
      appraisedOn: spec.appraised?.on ?? null,
      appraiser: spec.appraised?.by ?? null,
      valueRealisedMinor: text(spec.realised?.minor),
      costsMinor: String(spec.realised?.costs ?? 0),
      deductionsMinor: String(spec.deductionsMinor ?? 0),
      createdAt,
      updatedAt: last ? `${last[1]}T16:00:00.000Z` : null,
    };
    this.assets.push(asset);
    this.lifecycle(asset, spec, agent);
    this.custodyChain(asset, spec, agent);
    for (const l of spec.links)
      this.links.push({
        id: this.newId(createdAt),
        assetId: asset.id,
        accountId: l.account?.id ?? null,
        transactionId: l.tx?.id ?? null,
        traceId: null,
        amountMinor: text(l.amountMinor ?? l.tx?.amountMinor),
        currency: l.currency ?? l.tx?.currency ?? null,
        note: l.note,
        createdAt,
      });
    return asset;
  }

  private lifecycle(asset: AssetRow, spec: AssetSpec, agent: string): void {
    let from: Status | null = null;
    const steps: [Status, string, string, string][] = [['seized', spec.seizedOn, spec.legalAuthority, `Seized at ${spec.seizedPlace}`], ...spec.lifecycle];
    for (const [to, on, order, note] of steps) {
      this.statusEvents.push({
        id: this.newId(`${on}T16:00:00.000Z`),
        assetId: asset.id,
        fromStatus: from,
        toStatus: to,
        occurredOn: on,
        orderReference: order,
        note,
        actor: agent,
        createdAt: `${on}T16:00:00.000Z`,
      });
      from = to;
    }
  }

  private custodyChain(asset: AssetRow, spec: AssetSpec, agent: string): void {
    let previous: CustodyEventRow | undefined;
    for (const [kind, at, from, to, location, locker, reason] of spec.custody) {
      const createdAt = at.replace('Z', '.000Z');
      const event: CustodyEventRow = {
        id: this.newId(createdAt),
        assetId: asset.id,
        kind,
        occurredAt: at,
        fromCustodian: from,
        toCustodian: to,
        location,
        locker,
        reason,
        witness: kind === 'received' || kind === 'transferred' ? this.rng.pick(this.agents.filter((a) => a !== agent)) : '',
        // Corrections never edit an event: they are a new one pointing at the one they correct.
        correctsEventId: kind === 'correction' ? previous?.id ?? null : null,
        actor: agent,
        createdAt,
      };
      this.custody.push(event);
      previous = event;
    }
  }
}

/** Bills (and cents) adding up exactly to `minor` cents of cash, mostly hundreds as seized cash is. */
export function denominations(minor: number): { denomination: string; count: number }[] {
  let left = Math.floor(minor / 100);
  const out: { denomination: string; count: number }[] = [];
  for (const [note, share] of [[100, 0.85], [50, 0.6], [20, 0.9], [10, 1], [5, 1], [1, 1]] as const) {
    const count = Math.floor((left * share) / note);
    if (count) out.push({ denomination: `${note}.00`, count });
    left -= count * note;
  }
  if (minor % 100) out.push({ denomination: '0.01', count: minor % 100 });
  return out;
}
