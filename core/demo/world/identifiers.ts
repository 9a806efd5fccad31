import { bech32 } from 'bech32';
import type { Rng } from './random.js';

/**
 * Account and asset identifiers that pass the checks real systems apply (IBAN mod-97, ABA routing
 * checksum, bech32 checksum, VIN check digit), so an import or a validator written later treats the
 * demo like real records instead of tripping on made-up strings.
 */

/** ISO 13616 check digits: the country code and "00" moved to the end, letters as 10..35, mod 97. */
export function ibanCheckDigits(country: string, bban: string): string {
  const rearranged = (bban + country + '00').toUpperCase();
  let rem = 0;
  for (const ch of rearranged) {
    const v = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const digit of v) rem = (rem * 10 + Number(digit)) % 97;
  }
  return String(98 - rem).padStart(2, '0');
}

/** A Latvian IBAN (no national check digit): LVkk BBBB nnnnnnnnnnnnn, printed in groups of four. */
export function latvianIban(rng: Rng, bankCode: string): string {
  const bban = bankCode + rng.digits(13);
  const iban = 'LV' + ibanCheckDigits('LV', bban) + bban;
  return iban.replace(/(.{4})/g, '$1 ').trim();
}

/** True when an IBAN's check digits hold. */
export function isValidIban(iban: string): boolean {
  const s = iban.replace(/\s/g, '').toUpperCase();
  return ibanCheckDigits(s.slice(0, 2), s.slice(4)) === s.slice(2, 4);
}

const ABA_WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7, 1];

/** ABA routing number: 3-7-1 weighted digit sum divisible by 10. Prefix 06 = Federal Reserve district of Atlanta. */
export function routingNumber(rng: Rng): string {
  const first8 = '06' + rng.int(1, 3) + rng.digits(5);
  const partial = [...first8].reduce((s, d, i) => s + Number(d) * ABA_WEIGHTS[i], 0);
  return first8 + String((10 - (partial % 10)) % 10);
}

export function isValidRoutingNumber(aba: string): boolean {
  return /^\d{9}$/.test(aba) && [...aba].reduce((s, d, i) => s + Number(d) * ABA_WEIGHTS[i], 0) % 10 === 0;
}

/** A US deposit account number: 10 to 12 digits, never starting with 0. */
export function usAccountNumber(rng: Rng): string {
  return String(rng.int(1, 9)) + rng.digits(rng.int(9, 11));
}

/** A native SegWit (P2WPKH) Bitcoin address over a random 20-byte key hash. */
export function bitcoinAddress(rng: Rng): string {
  return bech32.encode('bc', [0, ...bech32.toWords(rng.bytes(20))]);
}

/** A Bitcoin transaction id: 32 bytes in hex. */
export const bitcoinTxid = (rng: Rng): string => rng.hex(64);

const VIN_VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** North American VIN check digit (position 9): weighted sum mod 11, 10 written as X. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = vin[i];
    const v = /\d/.test(ch) ? Number(ch) : VIN_VALUES[ch];
    if (v === undefined) throw new Error(`VIN: "${ch}" is not allowed (I, O and Q never appear)`);
    sum += v * VIN_WEIGHTS[i];
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/**
 * A VIN from its manufacturer and descriptor part (8 characters), model-year code and plant code;
 * the serial is drawn from the stream and the check digit computed.
 */
export function vin(rng: Rng, wmiAndDescriptor: string, yearCode: string, plant: string): string {
  const draft = `${wmiAndDescriptor}0${yearCode}${plant}${rng.digits(6)}`;
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
}

/** A Miami-Dade style property folio number (13 digits, printed 2-4-3-4). */
export function folioNumber(rng: Rng): string {
  const d = '0' + rng.int(1, 9) + rng.digits(11);
  return `${d.slice(0, 2)}-${d.slice(2, 6)}-${d.slice(6, 9)}-${d.slice(9)}`;
}
