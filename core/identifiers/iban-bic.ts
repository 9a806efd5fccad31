import { electronicFormatIBAN, friendlyFormatIBAN, getCountrySpecifications, isValidBIC, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { invalid, valid, type IdentifierCheck } from './result.js';

/** IBAN (ISO 13616) through ibantools: country length and format, BBAN rules where known, mod-97 check. */
export function checkIban(text: string): IdentifierCheck {
  const norm = electronicFormatIBAN(text) ?? '';
  const r = validateIBAN(norm);
  if (r.valid) return valid('IBAN', norm, friendlyFormatIBAN(norm) ?? norm);
  const errs = r.errorCodes;
  if (errs.includes(ValidationErrorsIBAN.WrongBBANLength)) return invalid('IBAN', 'length', text);
  if (errs.includes(ValidationErrorsIBAN.WrongIBANChecksum)) return invalid('IBAN', 'checksum', text);
  if (errs.includes(ValidationErrorsIBAN.NoIBANCountry)) return invalid('IBAN', 'component', text, 'no such IBAN country');
  if (errs.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)) return invalid('IBAN', 'checksum', text, "the national check digit is wrong");
  return invalid('IBAN', 'format', text);
}

/** BIC / SWIFT code (ISO 9362): 8 or 11 characters, bank, country, location, branch. */
export function checkBic(text: string): IdentifierCheck {
  const norm = text.toUpperCase().replace(/\s/g, '');
  if (norm.length !== 8 && norm.length !== 11) return invalid('BIC', 'length', text);
  return isValidBIC(norm) ? valid('BIC', norm) : invalid('BIC', 'format', text);
}

const SPECS = getCountrySpecifications();

/**
 * Looks like an IBAN: the letters of a country of the IBAN registry, two check digits, and about
 * that country's IBAN length (within four characters, so a mistyped IBAN is still caught). Then it
 * must be one. "US-021000021-4401" is not: the US has no IBAN.
 */
export function looksLikeIban(text: string): boolean {
  const t = text.toUpperCase().replace(/[\s-]/g, '');
  const chars = SPECS[t.slice(0, 2)]?.chars;
  return /^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/.test(t) && typeof chars === 'number' && chars > 0 && Math.abs(t.length - chars) <= 4;
}
