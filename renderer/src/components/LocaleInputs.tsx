import { useRef, useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { readAmount, type AmountInputResult, type AmountReading } from '../../../core/amount-input';
import { readDate, localeDateOrder, type DateInputResult } from '../../../core/date-input';
import { minorDigits } from '../../../core/money';
import { displayLocale, formatDate, formatMoney } from '../i18n/format';

type Change = (e: { target: { value: string } }) => void;
type Bound = { name: string; value: string; onChange: Change } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;

/**
 * An amount field that reads what people type in their own convention ("68.500,00", "12,30",
 * "1 234,56") through core/amount-input.ts, says how it read the entry before anything is saved,
 * and hands the form the plain decimal text the contract takes ("68500.00"). An entry that reads
 * two ways is shown with both readings; until the person picks one, the form gets the raw text,
 * which the core refuses: an ambiguous amount is never saved on a guess.
 */
export function AmountInput({ currency, value, onChange, ...rest }: Bound & { currency: string }) {
  const { t } = useTranslation();
  const emitted = useRef(value);
  const [text, setText] = useState(value);
  const [chosen, setChosen] = useState<AmountReading>();
  if (value !== emitted.current) {
    // the form changed the value itself (reset, prefill): show it as it is
    emitted.current = value;
    if (value !== text) setText(value);
  }
  const known = minorDigits(currency.trim().toUpperCase()) !== undefined;
  const code = currency.trim().toUpperCase();
  const result: AmountInputResult | undefined = text.trim() && known ? readAmount(text, code, displayLocale()) : undefined;
  const emit = (v: string) => {
    emitted.current = v;
    onChange({ target: { value: v } });
  };
  const type = (raw: string) => {
    setText(raw);
    setChosen(undefined);
    const r = raw.trim() && known ? readAmount(raw, code, displayLocale()) : undefined;
    emit(r?.kind === 'ok' ? r.canonical : raw);
  };
  const pick = (r: AmountReading) => {
    setChosen(r);
    emit(r.canonical);
  };
  return (
    <>
      <input {...rest} value={text} inputMode="decimal" autoComplete="off" onChange={(e) => type(e.target.value)} />
      {result?.kind === 'ok' && (
        <span className="field__reading" data-testid="amount-reading">{t('amount.readAs', { amount: formatMoney(result.minor, code) })}</span>
      )}
      {result?.kind === 'ambiguous' && (
        <span className="field__reading field__reading--ask" data-testid="amount-ambiguous" role="group" aria-label={t('amount.ambiguous', { text })}>
          {chosen ? t('amount.chosen', { amount: formatMoney(chosen.minor, code) }) : t('amount.ambiguous', { text })}
          {result.readings.map((r) => (
            <button key={r.canonical} type="button" className={`button button--small${chosen?.minor === r.minor ? ' button--primary' : ''}`} aria-pressed={chosen?.minor === r.minor} onClick={() => pick(r)}>
              {formatMoney(r.minor, code)}
            </button>
          ))}
        </span>
      )}
      {result?.kind === 'error' && <span className="field__reading field__reading--bad" data-testid="amount-problem">{amountError(t, result)}</span>}
    </>
  );
}

function amountError(t: (k: string, o?: Record<string, unknown>) => string, r: Extract<AmountInputResult, { kind: 'error' }>): string {
  if (r.code === 'tooManyDecimals' && r.params.digits === 0) return t('amount.errors.noDecimals', r.params);
  if (r.code === 'tooManyDecimals') return t('amount.errors.tooManyDecimals', { ...r.params, count: r.params.digits });
  return t(`amount.errors.${r.code}`, r.params);
}

/** The locale's numeric date pattern, in the user's language (DD/MM/AAAA in Spanish). */
export function useDatePattern(): string {
  const { t } = useTranslation();
  const order = localeDateOrder(displayLocale());
  return t(`date.patterns.${order === 'ymd' ? 'dmy' : order}`);
}

function localeNumericDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const order = localeDateOrder(displayLocale());
  return order === 'mdy' ? `${m[2]}/${m[3]}/${m[1]}` : order === 'dmy' ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * A date field in the locale's order (01/03/2024 day-first in es, pt-BR, fr; month-first in en-US)
 * that also takes ISO; shows how it read the entry and hands the form the ISO date.
 */
export function DateInput({ value, onChange, ...rest }: Bound) {
  const { t } = useTranslation();
  const pattern = useDatePattern();
  const emitted = useRef(value);
  const [text, setText] = useState(() => localeNumericDate(value));
  if (value !== emitted.current) {
    emitted.current = value;
    setText(localeNumericDate(value));
  }
  const result: DateInputResult | undefined = text.trim() ? readDate(text, displayLocale()) : undefined;
  const type = (raw: string) => {
    setText(raw);
    const r = raw.trim() ? readDate(raw, displayLocale()) : undefined;
    const v = r?.kind === 'ok' ? r.iso : raw;
    emitted.current = v;
    onChange({ target: { value: v } });
  };
  return (
    <>
      <input {...rest} value={text} placeholder={pattern} autoComplete="off" onChange={(e) => type(e.target.value)} />
      {result?.kind === 'ok' && <span className="field__reading" data-testid="date-reading">{t('date.readAs', { date: formatDate(result.iso) })}</span>}
      {result?.kind === 'error' && (
        <span className="field__reading field__reading--bad" data-testid="date-problem">{t(`date.errors.${result.code}`, { ...result.params, pattern })}</span>
      )}
    </>
  );
}
