import { isKnownCurrency } from '../money.js';
import { detectNumberFormat, looksLikeAmount } from './amounts.js';
import { candidateDateFormats, isAmbiguous } from './dates.js';
import type { CsvRecord } from './csv-source.js';
import type { CsvColumns, CsvMappingInput, DateFormat } from './schemas.js';

type Role = keyof CsvColumns | 'ownAccount';

/**
 * Header words per role, in the languages of the Americas and of the banks in the fixtures.
 * Order matters: the first role whose pattern matches a header cell takes it.
 */
const HEADER_PATTERNS: [Role, RegExp][] = [
  ['ownAccount', /^(iban\/bban|auftragskonto|account|own account|rekeningnummer|my account|conta|cuenta)$/i],
  ['valueDate', /valuta|value ?date|rentedatum|data (do )?valor|fecha valor|date de valeur|wertstellung/i],
  ['date', /^(transaction |booking |posting )?date|datum|buchungstag|^data$|^data |fecha|^date|boekdatum|processed/i],
  ['time', /^(time|hora|heure|uhrzeit|zeit|tijd)$/i],
  ['debit', /withdrawal|debit|^soll$|lastschrift|^af$|d[ée]bito|cargo|retiro|paid out|money out/i],
  ['credit', /deposit|credit|^haben$|gutschrift|^bij$|cr[ée]dito|abono|paid in|money in/i],
  ['balance', /balance|saldo|solde|kontostand/i],
  ['amount', /amount|betrag|bedrag|valor|importe|monto|montant|^sum|umsatz/i],
  ['currency', /currency|w(ae|a)hrung|munt|moeda|moneda|devise|^ccy$|^cur$/i],
  ['counterpartyAccount', /tegenrekening|kontonummer|iban|counterparty account|account number|cuenta|conta|compte/i],
  ['counterpartyName', /counterparty|name|naam|beg(ue|u)nstigter|zahlungspflichtiger|empf(ae|a)nger|auftraggeber|payee|payer|beneficia|ordenante|tiers|destinatario|favorecido/i],
  ['reference', /reference|referenz|kenmerk|n[uú]mero do documento|documento|ref\.?$|^ref|transactiereferentie/i],
  ['description', /description|^desc\.?$|^descr|verwendungszweck|omschrijving|hist[oó]rico|memo|details|concepto|libell[ée]|buchungstext|narrative|purpose|^text$|^info|^notes?$|particulars|remarks?/i],
];

export interface Suggestion {
  mapping: Omit<Partial<CsvMappingInput>, 'columns'> & { columns: Partial<CsvColumns> };
  dateFormats: DateFormat[];
  /** Day/month order cannot be told from the rows: the user must choose. */
  dateAmbiguous: boolean;
  /** What the wizard must still ask for. */
  missing: string[];
  /** The statement's own account, when a column holds one value on every row (e.g. "IBAN/BBAN"). */
  accountHint?: string;
}

const column = (records: CsvRecord[], i: number) => records.map((r) => r.fields[i] ?? '').filter((v) => v.trim() !== '');

function byContent(records: CsvRecord[], width: number, taken: Set<number>) {
  const found: Partial<Record<Role, number>> = {};
  for (let i = 0; i < width; i++) {
    if (taken.has(i)) continue;
    const values = column(records, i);
    if (values.length === 0) continue;
    const isDate = candidateDateFormats(values).length > 0;
    if (found.date === undefined && isDate) found.date = i;
    else if (found.date !== undefined && found.valueDate === undefined && isDate) found.valueDate = i;
    else if (found.currency === undefined && values.every((v) => /^[A-Z]{3}$/.test(v.trim()) && isKnownCurrency(v.trim()))) found.currency = i;
    else if (found.amount === undefined && values.every(looksLikeAmount) && values.some((v) => /[.,]\d{1,2}\b|^\s*[-+−(]/.test(v)))
      found.amount = i;
    else if (found.description === undefined && values.some((v) => /[a-z]{3}/i.test(v))) found.description = i;
  }
  return found;
}

/** Suggests a mapping from the header and the first data rows; what it cannot tell is listed in `missing`. */
export function suggestMapping(header: string[] | undefined, data: CsvRecord[], width: number): Suggestion {
  const cols: Partial<Record<Role, number>> & { description?: number } = {};
  const descriptions: number[] = [];
  const taken = new Set<number>();
  (header ?? []).forEach((h, i) => {
    // Accents dropped so "Débit", "Crédito" and "Empfänger" match plain patterns.
    const label = h.trim().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    if (!label) return;
    const hit = HEADER_PATTERNS.find(([role, re]) => re.test(label) && (role === 'description' || cols[role] === undefined));
    if (!hit) return;
    if (hit[0] === 'description') descriptions.push(i);
    else cols[hit[0]] = i;
    taken.add(i);
  });
  // A "counterparty" column that holds IBANs is the counterparty's account, not its name (bunq).
  const isIban = (v: string) => /^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/.test(v.replace(/\s/g, ''));
  if (cols.counterpartyName !== undefined && cols.counterpartyAccount === undefined) {
    const values = column(data, cols.counterpartyName);
    if (values.length && values.every(isIban)) [cols.counterpartyAccount, cols.counterpartyName] = [cols.counterpartyName, undefined];
  }
  // Without a header (or for what the header did not name) look at the values themselves.
  const guessed = byContent(data, width, taken);
  for (const role of ['date', 'valueDate', 'currency', 'amount'] as const)
    if (cols[role] === undefined && !(role === 'amount' && (cols.debit !== undefined || cols.credit !== undefined)) && guessed[role] !== undefined)
      cols[role] = guessed[role];
  // A statement with only a value date column ("Value date") books by it: offer it as the date.
  if (cols.date === undefined && cols.valueDate !== undefined) [cols.date, cols.valueDate] = [cols.valueDate, undefined];
  // A description header the patterns do not know ("desc", "Text"): the column with words in it is the memo.
  if (descriptions.length === 0 && guessed.description !== undefined) descriptions.push(guessed.description);
  // A column with a CR/DR marker next to the amount (card statements).
  const marker = findMarkerColumn(data, width, new Set([...taken, ...Object.values(cols)]));
  const dateFormats = cols.date !== undefined ? candidateDateFormats(column(data, cols.date)) : [];
  const amountCols = [cols.amount, cols.debit, cols.credit].filter((c): c is number => c !== undefined);
  const numbers = detectNumberFormat(amountCols.flatMap((c) => column(data, c)));
  const missing: string[] = [];
  if (cols.date === undefined) missing.push('columns.date');
  if (amountCols.length === 0) missing.push('columns.amount');
  const currency = cols.currency === undefined ? currencyHint(header ?? [], amountCols.flatMap((c) => column(data, c))) : undefined;
  if (cols.currency === undefined && !currency) missing.push('currency');
  const dateAmbiguous = isAmbiguous(dateFormats);
  if (dateAmbiguous || (cols.date !== undefined && dateFormats.length === 0)) missing.push('dateFormat');
  const { ownAccount, ...mapped } = cols;
  const columns: Partial<CsvColumns> = { ...mapped, description: descriptions };
  const own = ownAccount !== undefined ? [...new Set(column(data, ownAccount).map((v) => v.replace(/"/g, '').trim()))] : [];
  if (marker !== undefined) columns.direction = marker;
  return {
    mapping: {
      columns,
      decimal: numbers.decimal,
      thousands: numbers.thousands,
      dateFormat: dateFormats[0],
      currency,
      sign: marker !== undefined && allPositive(data, cols.amount) ? 'debit-positive' : 'credit-positive',
      continuationRows: hasContinuationRows(data, cols.date, amountCols),
      skipRowsContaining: balanceRowLabel(data, descriptions),
    },
    dateFormats,
    dateAmbiguous,
    missing,
    accountHint: own.length === 1 ? own[0] : undefined,
  };
}

const SYMBOL_CURRENCY: [RegExp, string][] = [[/£/, 'GBP'], [/€/, 'EUR'], [/R\$/, 'BRL'], [/¥/, 'JPY'], [/₹/, 'INR']];

/** A currency named in the header ("Withdrawals (SGD)") or by the symbol on the amounts ("£67.40"). */
function currencyHint(header: string[], amounts: string[]): string | undefined {
  for (const h of header) {
    const code = /\(([A-Z]{3})\)|\b([A-Z]{3})\b/.exec(h);
    const c = code?.[1] ?? code?.[2];
    if (c && isKnownCurrency(c)) return c;
  }
  for (const [re, code] of SYMBOL_CURRENCY) if (amounts.some((a) => re.test(a))) return code;
  return undefined;
}

function findMarkerColumn(data: CsvRecord[], width: number, taken: Set<number | undefined>): number | undefined {
  for (let i = 0; i < width; i++) {
    if (taken.has(i)) continue;
    const values = column(data, i);
    if (values.length > 0 && values.every((v) => /^(CR|DR|C|D)$/i.test(v.trim()))) return i;
  }
  return undefined;
}

function allPositive(data: CsvRecord[], amountCol: number | undefined): boolean {
  if (amountCol === undefined) return false;
  return column(data, amountCol).every((v) => !/^\s*[-−(]/.test(v.replace(/[\p{Sc}]/gu, '')));
}

/** Rows with neither a date nor an amount but some text carry on the description above them (OCBC). */
function hasContinuationRows(data: CsvRecord[], dateCol: number | undefined, amountCols: number[]): boolean {
  if (dateCol === undefined || amountCols.length === 0) return false;
  return data.some(
    (r) => !(r.fields[dateCol] ?? '').trim() && amountCols.every((c) => !(r.fields[c] ?? '').trim()) && r.fields.some((f) => f.trim()),
  );
}

const BALANCE_LABELS = /^(saldo anterior|saldo inicial|saldo do dia|opening balance|balance brought forward|solde pr[ée]c[ée]dent|anfangssaldo)$/i;

/** An opening-balance line (Banco do Brasil's "Saldo Anterior") is not a transfer: suggest skipping it. */
function balanceRowLabel(data: CsvRecord[], descriptions: number[]): string {
  for (const r of data)
    for (const c of descriptions) {
      const v = (r.fields[c] ?? '').trim();
      if (BALANCE_LABELS.test(v)) return v;
    }
  return '';
}
