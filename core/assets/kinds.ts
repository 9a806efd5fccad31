// What a seized asset can be and where it stands: the contract, the renderer and db/schema read these.

export const ASSET_TYPES = [
  'cash',
  'bank_funds',
  'crypto',
  'vehicle',
  'real_property',
  'jewellery',
  'electronics',
  'other',
] as const;

export const ASSET_STATUSES = [
  'seized',
  'pending_forfeiture',
  'forfeited',
  'disposed',
  'returned',
  'released',
] as const;
