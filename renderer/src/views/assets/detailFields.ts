/** Which detail inputs each asset type shows, in order; numeric ones are sent as numbers. */
export const DETAIL_FIELDS: Record<string, string[]> = {
  cash: ['denominations'],
  bank_funds: ['institution', 'accountNumber'],
  crypto: ['asset', 'amount', 'wallet', 'exchange'],
  vehicle: ['make', 'model', 'year', 'vin', 'plate', 'colour'],
  real_property: ['address', 'parcel', 'titleReference'],
  jewellery: ['itemCount', 'material'],
  electronics: ['make', 'model', 'serialNumber'],
  other: ['category'],
};

const NUMERIC = new Set(['year', 'itemCount']);

/** "100x120, 20x50" -> [{denomination: '100', count: 120}, ...]; anything else is left for the core to refuse. */
function parseDenominations(text: string) {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [denomination, count] = s.split(/x|×/i).map((p) => p.trim());
      return { denomination, count: Number(count) };
    });
}

/** The details object for a type from the form's `details.*` values; empty inputs are left out. */
export function detailsFrom(type: string, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of DETAIL_FIELDS[type] ?? []) {
    const raw = String(values[`details.${key}`] ?? '').trim();
    if (!raw) continue;
    if (key === 'denominations') out.denominations = parseDenominations(raw);
    else out[key] = NUMERIC.has(key) ? Number(raw) : raw;
  }
  return out;
}

/** A short line of the most telling details, for grids and headers. */
export function detailsSummary(type: string, d: Record<string, unknown>): string {
  const pick = (...keys: string[]) => keys.map((k) => d[k]).filter((v) => v !== undefined && v !== '').join(' ');
  switch (type) {
    case 'vehicle': return [pick('year', 'make', 'model'), d.vin && `VIN ${d.vin}`, d.plate].filter(Boolean).join(' · ');
    case 'crypto': return [pick('amount', 'asset'), d.wallet, d.exchange].filter(Boolean).join(' · ');
    case 'bank_funds': return pick('institution', 'accountNumber');
    case 'real_property': return [d.address, d.parcel && `parcel ${d.parcel}`].filter(Boolean).join(' · ');
    case 'cash': return Array.isArray(d.denominations) ? d.denominations.map((x: { denomination: string; count: number }) => `${x.count}×${x.denomination}`).join(', ') : '';
    default: return Object.values(d).filter((v) => typeof v === 'string' && v).join(' · ');
  }
}
