import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Form';
import { formatMoney } from '../../i18n/format';

export interface Convert { to: string; rates: { from: string; rate: string }[] }
interface Conversion { to: string; rates: { from: string; rate: string }[]; totals: { seizedMinor: string; netProceedsMinor: string } }

/** Totals in one currency, only at the rates the user types; the result shows the rates it used. */
export function ConvertPanel({ value, onChange, result, errors }: { value?: Convert; onChange: (c?: Convert) => void; result: Conversion | null; errors: Record<string, string> }) {
  const { t } = useTranslation('dashboard');
  const [to, setTo] = useState(value?.to ?? 'USD');
  const [rates, setRates] = useState(value?.rates.map((r) => `${r.from}=${r.rate}`).join('\n') ?? '');
  const apply = () => {
    const parsed = rates.split(/\n|,/).map((l) => l.trim()).filter(Boolean).map((l) => {
      const [from, rate] = l.split('=').map((s) => s.trim());
      return { from: from ?? '', rate: rate ?? '' };
    });
    onChange({ to, rates: parsed });
  };
  const error = Object.entries(errors).find(([k]) => k.startsWith('convert'))?.[1];
  return (
    <div className="convert" data-testid="convert">
      <Field label={t('convert.to')}><input name="convertTo" value={to} onChange={(e) => setTo(e.target.value)} maxLength={4} style={{ width: 70 }} /></Field>
      <Field label={t('convert.rates')} error={error}><textarea name="rates" value={rates} onChange={(e) => setRates(e.target.value)} /></Field>
      <button className="button" onClick={apply}>{t('convert.apply')}</button>
      {value && <button className="button" onClick={() => onChange(undefined)}>×</button>}
      <span className="muted">
        {result
          ? t('convert.result', { currency: result.to, rates: result.rates.map((r) => `${r.from}=${r.rate}`).join(', ') || '—', seized: formatMoney(result.totals.seizedMinor, result.to), net: formatMoney(result.totals.netProceedsMinor, result.to) })
          : t('convert.none')}
      </span>
    </div>
  );
}
