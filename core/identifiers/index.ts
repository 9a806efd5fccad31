import { checkAba, checkCbu, checkClabe, checkCnpj, checkCpf, checkCuit, checkCurp, checkNit, checkRfc, checkRuc, checkRut } from './americas.js';
import { checkBic, checkIban, looksLikeIban } from './iban-bic.js';
import type { IdentifierCheck, IdentifierScheme } from './result.js';

export type { IdentifierCheck, IdentifierScheme } from './result.js';

/** Every scheme Proceeds checks, by the name people give it (a subject identifier's type). */
export const CHECKERS: Record<IdentifierScheme, (text: string) => IdentifierCheck> = {
  IBAN: checkIban, BIC: checkBic, ABA: checkAba, CLABE: checkClabe,
  CBU: (t) => checkCbu(t, 'CBU'), CVU: (t) => checkCbu(t, 'CVU'),
  CUIT: (t) => checkCuit(t, 'CUIT'), CUIL: (t) => checkCuit(t, 'CUIL'),
  CPF: checkCpf, CNPJ: checkCnpj, RFC: checkRfc, CURP: checkCurp, RUT: checkRut, NIT: checkNit, RUC: checkRuc,
};

/** Other names of the same schemes. */
const ALIASES: Record<string, IdentifierScheme> = { SWIFT: 'BIC', RTN: 'ABA', ROUTING: 'ABA', RUN: 'RUT', 'SWIFT/BIC': 'BIC' };

/** The scheme a type name stands for ("cpf", "RUN", "swift"), or undefined for types Proceeds does not check (passport...). */
export function schemeOf(type: string): IdentifierScheme | undefined {
  const t = type.trim().toUpperCase();
  return t in CHECKERS ? (t as IdentifierScheme) : ALIASES[t];
}

/** Checks `text` as an identifier of the named type; undefined when the type is not one Proceeds knows. */
export function checkIdentifier(type: string, text: string): IdentifierCheck | undefined {
  const scheme = schemeOf(type);
  return scheme ? CHECKERS[scheme](text) : undefined;
}

/**
 * The scheme an account identifier is written in, when its shape says so without doubt: an IBAN
 * (country letters and check digits), an 18-digit CLABE in pesos, a 22-digit CBU/CVU in Argentine
 * pesos. Anything else (a plain account number, a wallet address, a label) is not checked.
 */
export function accountScheme(identifier: string, currency: string): IdentifierScheme | undefined {
  const t = identifier.trim();
  const digits = t.replace(/[\s.-]/g, '');
  if (looksLikeIban(t)) return 'IBAN';
  if (currency === 'MXN' && /^\d{18}$/.test(digits)) return 'CLABE';
  if (currency === 'ARS' && /^\d{22}$/.test(digits)) return digits.startsWith('000') ? 'CVU' : 'CBU';
  return undefined;
}

/** Checks an account identifier whose shape names its scheme; undefined when it names none. */
export function checkAccountIdentifier(identifier: string, currency: string): IdentifierCheck | undefined {
  const scheme = accountScheme(identifier, currency);
  return scheme ? CHECKERS[scheme](identifier) : undefined;
}
