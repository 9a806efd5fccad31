/**
 * What checking an identifier says: the normalised form (what matching compares), the display
 * form (how the issuing country writes it), or why it is refused. Codes and parameters let the
 * interface say it in the user's language; `message` is the English sentence for the CLI and logs.
 */
export type IdentifierScheme =
  | 'IBAN' | 'BIC' | 'ABA' | 'CLABE' | 'CBU' | 'CVU' | 'CUIT' | 'CUIL' | 'CPF' | 'CNPJ' | 'RFC' | 'CURP' | 'RUT' | 'NIT' | 'RUC';

export type IdentifierProblem = 'format' | 'length' | 'checksum' | 'component';

export type IdentifierCheck =
  | { ok: true; scheme: IdentifierScheme; normalized: string; display: string }
  | { ok: false; scheme: IdentifierScheme; problem: IdentifierProblem; message: string };

export const valid = (scheme: IdentifierScheme, normalized: string, display = normalized): IdentifierCheck => ({ ok: true, scheme, normalized, display });

const WHAT: Record<IdentifierProblem, string> = {
  format: 'has characters or a layout it cannot have',
  length: 'has the wrong number of characters',
  checksum: 'has a wrong check digit',
  component: 'has a part that cannot exist (date, state, type prefix)',
};

export const invalid = (scheme: IdentifierScheme, problem: IdentifierProblem, text: string, detail = ''): IdentifierCheck => ({
  ok: false, scheme, problem, message: `${scheme} "${text}" ${WHAT[problem]}${detail ? `: ${detail}` : ''}`,
});

/** Drops the separators people write (spaces, dots, dashes, slashes) and upper-cases. */
export const compact = (text: string): string => text.normalize('NFC').toUpperCase().replace(/[\s.\-/_]/g, '');

/** The digits of a string as numbers. */
export const digitsOf = (s: string): number[] => [...s].map(Number);
