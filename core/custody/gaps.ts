/**
 * Reads a chain of custody the way a defence lawyer would: who held the asset at every moment,
 * and where the record goes silent. Pure: events in, analysis out.
 */

export interface CustodyEvent {
  id: string;
  kind: string;
  occurredAt: string;
  fromCustodian: string;
  toCustodian: string;
  location: string;
  locker: string;
  reason: string;
  witness: string;
  correctsEventId: string | null;
  actor: string;
  createdAt: string;
}

export type GapCode =
  | 'empty'
  | 'no_receipt'
  | 'unreceived_transfer'
  | 'wrong_receiver'
  | 'wrong_sender'
  | 'unrecorded_transfer'
  | 'open_checkout'
  | 'checked_out_twice'
  | 'check_in_without_checkout'
  | 'moved_while_out'
  | 'after_disposal'
  | 'not_closed';

export interface Gap {
  code: GapCode;
  /** The event where the gap shows, if any. */
  eventId?: string;
  at?: string;
  message: string;
}

export interface EventView extends CustodyEvent {
  /** Not part of the effective chain: voided or replaced by a later correction. */
  superseded: boolean;
  supersededBy: string | null;
}

export interface CustodyAnalysis {
  events: EventView[];
  /** Ids of the events that make up the chain after corrections, in time order. */
  effective: string[];
  gaps: Gap[];
  unbroken: boolean;
  holder: string | null;
  location: string | null;
  checkedOutTo: string | null;
}

const byTime = (a: CustodyEvent, b: CustodyEvent) =>
  a.occurredAt.localeCompare(b.occurredAt) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
const byEntry = (a: CustodyEvent, b: CustodyEvent) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** Applies corrections in the order they were entered: kind `correction` voids, any other kind replaces. */
export function applyCorrections(events: CustodyEvent[]): EventView[] {
  const views = new Map<string, EventView>(events.map((e) => [e.id, { ...e, superseded: false, supersededBy: null }]));
  for (const e of [...events].sort(byEntry)) {
    if (!e.correctsEventId) continue;
    const target = views.get(e.correctsEventId);
    if (target) Object.assign(target, { superseded: true, supersededBy: e.id });
    if (e.kind === 'correction') Object.assign(views.get(e.id)!, { superseded: true });
  }
  return [...views.values()].sort(byTime);
}

const day = (ts: string) => ts.slice(0, 16).replace('T', ' ');

interface State {
  holder: string | null;
  location: string | null;
  transit: CustodyEvent | null;
  out: CustodyEvent | null;
  closed: CustodyEvent | null;
}

/** One step of the walk; pushes the gaps this event reveals and moves the state on. */
function step(s: State, e: CustodyEvent, gaps: Gap[]): void {
  const gap = (code: GapCode, message: string) => gaps.push({ code, eventId: e.id, at: e.occurredAt, message });
  if (s.closed) gap('after_disposal', `${e.kind.replace('_', ' ')} on ${day(e.occurredAt)} after the asset left custody on ${day(s.closed.occurredAt)}`);
  if (s.transit && e.kind !== 'received') {
    gap('unreceived_transfer', `transferred to ${s.transit.toCustodian} on ${day(s.transit.occurredAt)}, but the next event (${e.kind.replace('_', ' ')} on ${day(e.occurredAt)}) comes before any receipt by ${s.transit.toCustodian}`);
    s.holder = s.transit.toCustodian;
    s.transit = null;
  }
  switch (e.kind) {
    case 'received':
      if (s.transit && s.transit.toCustodian !== e.toCustodian)
        gap('wrong_receiver', `transferred to ${s.transit.toCustodian} on ${day(s.transit.occurredAt)}, but received by ${e.toCustodian}`);
      else if (!s.transit && s.holder && s.holder !== e.toCustodian)
        gap('unrecorded_transfer', `received by ${e.toCustodian} on ${day(e.occurredAt)} while ${s.holder} held it; no transfer recorded`);
      s.transit = null;
      s.holder = e.toCustodian;
      break;
    case 'transferred':
      if (s.out) gap('moved_while_out', `transferred on ${day(e.occurredAt)} while checked out to ${s.out.toCustodian}`);
      if (s.holder && e.fromCustodian !== s.holder)
        gap('wrong_sender', `transferred from ${e.fromCustodian} on ${day(e.occurredAt)}, but ${s.holder} held it`);
      s.transit = e;
      s.holder = null;
      break;
    case 'stored':
      if (s.out) gap('moved_while_out', `stored on ${day(e.occurredAt)} while checked out to ${s.out.toCustodian}`);
      s.location = [e.location, e.locker].filter(Boolean).join(', ');
      break;
    case 'checked_out':
      if (s.out) gap('checked_out_twice', `checked out to ${e.toCustodian} on ${day(e.occurredAt)}, but never returned from the checkout to ${s.out.toCustodian} on ${day(s.out.occurredAt)}`);
      s.out = e;
      break;
    case 'checked_in':
      if (!s.out) gap('check_in_without_checkout', `checked in on ${day(e.occurredAt)} with no checkout recorded before it`);
      s.out = null;
      break;
    case 'disposed':
      if (s.out) gap('moved_while_out', `disposed of on ${day(e.occurredAt)} while checked out to ${s.out.toCustodian}`);
      s.out = null;
      s.closed = e;
      break;
  }
}

/** Walks the effective chain in time order and names every gap in it. */
export function analyseCustody(events: CustodyEvent[], assetStatus?: string): CustodyAnalysis {
  const views = applyCorrections(events);
  const chain = views.filter((e) => !e.superseded);
  const gaps: Gap[] = [];
  const s: State = { holder: null, location: null, transit: null, out: null, closed: null };
  if (chain.length === 0) gaps.push({ code: 'empty', message: 'no custody event recorded: nobody is on record as holding the asset' });
  else if (chain[0].kind !== 'received')
    gaps.push({ code: 'no_receipt', eventId: chain[0].id, at: chain[0].occurredAt, message: `custody begins with a ${chain[0].kind.replace('_', ' ')} on ${day(chain[0].occurredAt)}; no receipt recorded` });
  for (const e of chain) step(s, e, gaps);
  if (s.transit)
    gaps.push({ code: 'unreceived_transfer', eventId: s.transit.id, at: s.transit.occurredAt, message: `transferred to ${s.transit.toCustodian} on ${day(s.transit.occurredAt)}; ${s.transit.toCustodian} never recorded receiving it` });
  if (s.out)
    gaps.push({ code: 'open_checkout', eventId: s.out.id, at: s.out.occurredAt, message: `checked out to ${s.out.toCustodian} on ${day(s.out.occurredAt)} (${s.out.reason}); never returned` });
  if (assetStatus && ['disposed', 'returned', 'released'].includes(assetStatus) && !s.closed && chain.length > 0)
    gaps.push({ code: 'not_closed', message: `the asset is ${assetStatus}, but its custody has no closing 'disposed' event` });
  return {
    events: views,
    effective: chain.map((e) => e.id),
    gaps,
    unbroken: gaps.length === 0,
    holder: s.closed ? null : s.holder ?? s.transit?.toCustodian ?? null,
    location: s.location,
    checkedOutTo: s.out?.toCustodian ?? null,
  };
}
