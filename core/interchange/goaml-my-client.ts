import type { AccountRow } from './selection.js';

/**
 * The reporting institution's own client as goAML 5.0.1 describes it (t_account_my_client): the
 * account with its branch, client number and status, and the holder as primary signatory
 * (t_person_my_client). goAML asks for facts Proceeds does not hold (branch, client number,
 * nationality, phone, occupation): they are written as "-", goAML's "not known". The opening date is
 * required and unknown too: the account's first movement in the report stands for it, and the
 * account's comments say so, so no reader takes it for the bank's record.
 */
export function myClientProblem(a: AccountRow): string | undefined {
  if (a.holderKind !== 'person') return 'goAML describes a client account through its holder as a person; this holder is not a person of the case';
  if (!a.holderBornOn) return "goAML needs the client's date of birth; the holder has none in the case";
  return undefined;
}

function personName(name: string) {
  const parts = name.trim().split(/\s+/);
  const last = parts.length > 1 ? parts.pop()! : '-';
  return { first_name: (parts.join(' ') || '-').slice(0, 100), last_name: last.slice(0, 100) };
}

/** `base` is the ordinary account node (institution, swift or code, account, currency, name, IBAN). */
export function myClientAccountNode(a: AccountRow, base: Record<string, unknown>, opened: string) {
  return {
    institution_name: base.institution_name,
    ...(base.swift ? { swift: base.swift } : { institution_code: base.institution_code }),
    branch: '-',
    account: base.account,
    currency_code: a.currency,
    account_name: (a.holderName || a.identifier).slice(0, 255),
    ...(base.iban ? { iban: base.iban } : {}),
    client_number: '-',
    personal_account_type: '-',
    signatory: {
      is_primary: '1',
      t_person: {
        ...personName(a.holderName),
        birthdate: `${a.holderBornOn}T00:00:00`,
        ssn: '-',
        nationality1: '-',
        residence: '-',
        phones: { phone: { tph_contact_type: '-', tph_communication_type: '-', tph_country_prefix: '-', tph_number: '-' } },
        occupation: '-',
      },
      role: '-',
    },
    opened,
    status_code: '-',
    comments: 'opened: the first movement of this account in this report (the case file holds no opening date)',
  };
}
