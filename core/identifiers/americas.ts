import { compact, digitsOf, invalid, valid, type IdentifierCheck, type IdentifierScheme } from './result.js';

/**
 * Identifiers of the Americas with their published check-digit rules. Each function takes what a
 * person typed (with the usual separators), and returns the normalised digits, the national
 * display format, or the reason it is refused. Sources of the rules are cited next to each.
 */

const weighted = (digits: number[], weights: number[]) => digits.reduce((s, d, i) => s + d * weights[i % weights.length], 0);

function digitsOnly(scheme: IdentifierScheme, text: string, lengths: number[]): string | IdentifierCheck {
  const n = compact(text);
  if (!/^\d+$/.test(n)) return invalid(scheme, 'format', text, 'digits only');
  if (!lengths.includes(n.length)) return invalid(scheme, 'length', text, `${lengths.join(' or ')} digits`);
  return n;
}

/** US ABA routing transit number: 9 digits, weights 3-7-1, sum divisible by 10 (ABA / Federal Reserve). */
export function checkAba(text: string): IdentifierCheck {
  const n = digitsOnly('ABA', text, [9]);
  if (typeof n !== 'string') return n;
  if (weighted(digitsOf(n), [3, 7, 1]) % 10 !== 0) return invalid('ABA', 'checksum', text);
  return valid('ABA', n);
}

/** Mexican CLABE: 18 digits (bank 3, plaza 3, account 11, check 1); weights 3-7-1 mod 10 (Banxico). */
export function checkClabe(text: string): IdentifierCheck {
  const n = digitsOnly('CLABE', text, [18]);
  if (typeof n !== 'string') return n;
  const sum = digitsOf(n.slice(0, 17)).reduce((s, d, i) => s + ((d * [3, 7, 1][i % 3]) % 10), 0);
  if ((10 - (sum % 10)) % 10 !== Number(n[17])) return invalid('CLABE', 'checksum', text);
  return valid('CLABE', n, `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6, 17)} ${n[17]}`);
}

/** Argentine CBU (and CVU, the same layout for virtual accounts, starting 000): 22 digits in two blocks, each with a check digit (BCRA). */
export function checkCbu(text: string, scheme: 'CBU' | 'CVU' = 'CBU'): IdentifierCheck {
  const n = digitsOnly(scheme, text, [22]);
  if (typeof n !== 'string') return n;
  const check = (block: string) => String((10 - (weighted(digitsOf(block).reverse(), [3, 1, 7, 9]) % 10)) % 10);
  if (check(n.slice(0, 7)) !== n[7] || check(n.slice(8, 21)) !== n[21]) return invalid(scheme, 'checksum', text);
  if (scheme === 'CVU' && !n.startsWith('000')) return invalid(scheme, 'component', text, 'a CVU starts with 000');
  return valid(scheme, n, `${n.slice(0, 8)} ${n.slice(8)}`);
}

/** Argentine CUIT / CUIL: 11 digits, type prefix, weights 5-4-3-2-7-6-5-4-3-2 mod 11 (AFIP). */
export function checkCuit(text: string, scheme: 'CUIT' | 'CUIL' = 'CUIT'): IdentifierCheck {
  const n = digitsOnly(scheme, text, [11]);
  if (typeof n !== 'string') return n;
  if (!['20', '23', '24', '27', '30', '33', '34', '50', '51', '55'].includes(n.slice(0, 2))) return invalid(scheme, 'component', text, 'unknown type prefix');
  const r = 11 - (weighted(digitsOf(n.slice(0, 10)), [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11);
  const expected = r === 11 ? 0 : r === 10 ? 9 : r;
  if (expected !== Number(n[10])) return invalid(scheme, 'checksum', text);
  return valid(scheme, n, `${n.slice(0, 2)}-${n.slice(2, 10)}-${n[10]}`);
}

/** Brazilian CPF: 11 digits, two mod-11 check digits (Receita Federal); repeated digits (111.111.111-11) are not issued. */
export function checkCpf(text: string): IdentifierCheck {
  const n = digitsOnly('CPF', text, [11]);
  if (typeof n !== 'string') return n;
  if (/^(\d)\1{10}$/.test(n)) return invalid('CPF', 'component', text, 'repeated digits');
  const d = digitsOf(n);
  const dv = (len: number) => {
    const s = d.slice(0, len).reduce((a, x, i) => a + x * (len + 1 - i), 0);
    return ((s * 10) % 11) % 10;
  };
  if (dv(9) !== d[9] || dv(10) !== d[10]) return invalid('CPF', 'checksum', text);
  return valid('CPF', n, `${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6, 9)}-${n.slice(9)}`);
}

/**
 * Brazilian CNPJ: 14 characters, two mod-11 check digits (Receita Federal). From July 2026 the first
 * twelve may be letters (IN RFB 2.229/2024): each counts as its ASCII code minus 48.
 */
export function checkCnpj(text: string): IdentifierCheck {
  const n = compact(text);
  if (!/^[0-9A-Z]{12}\d{2}$/.test(n)) return invalid('CNPJ', n.length !== 14 ? 'length' : 'format', text);
  if (/^0+$/.test(n)) return invalid('CNPJ', 'component', text);
  const v = [...n].map((c) => c.charCodeAt(0) - 48);
  const dv = (len: number) => {
    const weights = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2].slice(13 - len);
    const s = v.slice(0, len).reduce((a, x, i) => a + x * weights[i], 0) % 11;
    return s < 2 ? 0 : 11 - s;
  };
  if (dv(12) !== v[12] || dv(13) !== v[13]) return invalid('CNPJ', 'checksum', text);
  return valid('CNPJ', n, `${n.slice(0, 2)}.${n.slice(2, 5)}.${n.slice(5, 8)}/${n.slice(8, 12)}-${n.slice(12)}`);
}

const validDate = (yymmdd: string) => {
  const [m, d] = [Number(yymmdd.slice(2, 4)), Number(yymmdd.slice(4, 6))];
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(2000 + Number(yymmdd.slice(0, 2)), m, 0)).getUTCDate();
};

/**
 * Mexican RFC: 12 characters for companies, 13 for persons (name letters, date, homoclave); the last
 * character is a mod-11 check digit over the alphabet of the SAT algorithm (with & and Ñ).
 */
export function checkRfc(text: string): IdentifierCheck {
  const n = compact(text);
  if (!/^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$/.test(n)) return invalid('RFC', n.length === 12 || n.length === 13 ? 'format' : 'length', text);
  const date = n.slice(n.length - 9, n.length - 3);
  if (!validDate(date)) return invalid('RFC', 'component', text, 'no such date');
  const alphabet = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';
  const body = n.slice(0, -1).padStart(12, ' ');
  const sum = [...body].reduce((s, c, i) => s + alphabet.indexOf(c) * (13 - i), 0);
  const r = (11 - (sum % 11)) % 11;
  const expected = r === 10 ? 'A' : String(r);
  if (expected !== n[n.length - 1]) return invalid('RFC', 'checksum', text);
  const cut = n.length - 9;
  return valid('RFC', n, `${n.slice(0, cut)} ${n.slice(cut, cut + 6)} ${n.slice(cut + 6)}`);
}

const CURP_STATES = new Set('AS BC BS CC CH CL CM CS DF DG GR GT HG JC MC MN MS NE NL NT OC PL QR QT SL SP SR TC TL TS VZ YN ZS'.split(' '));

/** Mexican CURP: 18 characters (name, birth date, sex, state, consonants, differentiator, check digit mod 10; RENAPO). */
export function checkCurp(text: string): IdentifierCheck {
  const n = compact(text);
  if (n.length !== 18) return invalid('CURP', 'length', text);
  if (!/^[A-Z]{4}\d{6}[HMX][A-Z]{5}[0-9A-Z]\d$/.test(n)) return invalid('CURP', 'format', text);
  if (!validDate(n.slice(4, 10)) || !CURP_STATES.has(n.slice(11, 13))) return invalid('CURP', 'component', text, 'no such date or state');
  const alphabet = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';
  const sum = [...n.slice(0, 17)].reduce((s, c, i) => s + alphabet.indexOf(c) * (18 - i), 0);
  if ((10 - (sum % 10)) % 10 !== Number(n[17])) return invalid('CURP', 'checksum', text);
  return valid('CURP', n);
}

/** Chilean RUT / RUN: body and a mod-11 check digit (0-9 or K), written 12.345.678-5 (SII). */
export function checkRut(text: string): IdentifierCheck {
  const n = compact(text).replace(/^CL/, '');
  if (!/^\d{7,8}[0-9K]$/.test(n)) return invalid('RUT', /^\d+[0-9K]$/.test(n) ? 'length' : 'format', text);
  const body = n.slice(0, -1);
  const s = digitsOf(body).reverse().reduce((a, d, i) => a + d * [2, 3, 4, 5, 6, 7][i % 6], 0);
  const r = 11 - (s % 11);
  const expected = r === 11 ? '0' : r === 10 ? 'K' : String(r);
  if (expected !== n[n.length - 1]) return invalid('RUT', 'checksum', text);
  return valid('RUT', n, `${body.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}-${n[n.length - 1]}`);
}

/** Colombian NIT: 9 digits and a check digit, prime weights from the right, mod 11 (DIAN). */
export function checkNit(text: string): IdentifierCheck {
  const n = digitsOnly('NIT', text, [10]);
  if (typeof n !== 'string') return n;
  const s = weighted(digitsOf(n.slice(0, 9)).reverse(), [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71]) % 11;
  const expected = s < 2 ? s : 11 - s;
  if (expected !== Number(n[9])) return invalid('NIT', 'checksum', text);
  return valid('NIT', n, `${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6, 9)}-${n[9]}`);
}

/** Peruvian RUC: 11 digits, prefix 10/15/17/20, weights 5-4-3-2-7-6-5-4-3-2 mod 11 (SUNAT). */
export function checkRuc(text: string): IdentifierCheck {
  const n = digitsOnly('RUC', text, [11]);
  if (typeof n !== 'string') return n;
  if (!['10', '15', '17', '20'].includes(n.slice(0, 2))) return invalid('RUC', 'component', text, 'unknown type prefix');
  const expected = (11 - (weighted(digitsOf(n.slice(0, 10)), [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11)) % 10;
  if (expected !== Number(n[10])) return invalid('RUC', 'checksum', text);
  return valid('RUC', n);
}
