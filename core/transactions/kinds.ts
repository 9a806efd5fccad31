// How money moved: the contract, the importers and db/schema read these.

export const TRANSACTION_METHODS = ['wire', 'ach', 'sepa', 'cash', 'check', 'card', 'crypto', 'internal', 'other'] as const;
