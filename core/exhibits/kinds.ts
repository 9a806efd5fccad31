// What an exhibit can be attached to: the contract, the renderer and db/schema read these.

export const EXHIBIT_TARGETS = ['case', 'subject', 'account', 'transaction', 'asset'] as const;
export type ExhibitTarget = (typeof EXHIBIT_TARGETS)[number];
