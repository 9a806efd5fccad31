// Kinds of subjects and accounts: the contract, the renderer and db/schema read these.

export const SUBJECT_KINDS = ['person', 'organisation'] as const;

export const ACCOUNT_KINDS = ['bank', 'crypto', 'cash', 'other'] as const;
