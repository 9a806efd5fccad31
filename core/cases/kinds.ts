// A case's statuses and an agency's roles in it: the contract, the renderer and db/schema read these.

export const CASE_STATUSES = ['draft', 'open', 'closed', 'archived'] as const;

export const PARTICIPANT_ROLES = ['lead', 'participant', 'federal', 'state', 'local', 'foreign'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
