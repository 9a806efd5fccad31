// The events of a chain of custody: the contract, the renderer and db/schema read these.

export const CUSTODY_KINDS = [
  'received',
  'transferred',
  'stored',
  'checked_out',
  'checked_in',
  'appraised',
  'disposed',
  'correction',
] as const;
