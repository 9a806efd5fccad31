import { oneOf } from '../../components/choice';
import { useTranslation } from 'react-i18next';
import { DATE_FORMATS, DELIMITERS, type CsvMappingInput } from '../../../../core/import/formats';
import { Field } from '../../components/Form';
import type { CsvPreview } from './types';

export type Mapping = Omit<CsvMappingInput, 'columns'> & { columns: Record<string, number | number[] | undefined> & { description: number[] } };

const ROLES = ['ignore', 'date', 'time', 'valueDate', 'amount', 'debit', 'credit', 'currency', 'counterpartyName', 'counterpartyAccount', 'reference', 'description', 'balance', 'direction'] as const;
const DELIMITER_LABEL: Record<string, string> = { ',': ',', ';': ';', '\t': 'Tab', '|': '|' };

function roleOf(m: Mapping, col: number): string {
  if (m.columns.description.includes(col)) return 'description';
  return Object.entries(m.columns).find(([k, v]) => k !== 'description' && v === col)?.[0] ?? 'ignore';
}

/** Gives column `col` the role, taking it from any other column that had it (description may be several). */
export function withRole(m: Mapping, col: number, role: string): Mapping {
  const columns: Mapping['columns'] = { ...m.columns, description: m.columns.description.filter((c) => c !== col) };
  for (const [k, v] of Object.entries(columns)) if (k !== 'description' && v === col) delete columns[k];
  if (role === 'description') columns.description = [...columns.description, col].sort((a, b) => a - b);
  else if (role !== 'ignore') columns[role] = col;
  return { ...m, columns };
}

/** The CSV's dialect and what each column holds; every change re-parses the first rows in the core. */
export function MappingEditor({ csv, mapping, onChange, onDialect, errors }: {
  csv: CsvPreview;
  mapping: Mapping;
  onChange: (m: Mapping) => void;
  /** Delimiter or header line changed: the core works the layout out again. */
  onDialect: (d: { delimiter: Mapping['delimiter']; headerLine: number }) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('import');
  const set = <K extends keyof Mapping>(k: K, v: Mapping[K]) => onChange({ ...mapping, [k]: v });
  const dateFormats = csv.suggestion.dateFormats.length ? csv.suggestion.dateFormats : DATE_FORMATS;
  const width = Math.max(csv.width, ...csv.rows.map((r) => r.fields.length));
  return (
    <div className="import-mapping" data-testid="import-mapping">
      <h3>{t('review.dialect')}</h3>
      <div className="form import-dialect">
        <Field label={t('review.delimiter')}>
          <select name="delimiter" value={mapping.delimiter} onChange={(e) => { const delimiter = oneOf(DELIMITERS, e.target.value); if (delimiter) onDialect({ delimiter, headerLine: mapping.headerLine }); }}>
            {DELIMITERS.map((d) => <option key={d} value={d}>{DELIMITER_LABEL[d]}</option>)}
          </select>
        </Field>
        <Field label={t('review.headerLine')}>
          <select name="headerLine" value={mapping.headerLine} onChange={(e) => onDialect({ delimiter: mapping.delimiter, headerLine: Number(e.target.value) })}>
            <option value={0}>{t('review.noHeader')}</option>
            {Array.from({ length: 12 }, (_v, i) => i + 1).map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </Field>
        <Field label={t('review.decimal')}>
          <select name="decimal" value={mapping.decimal} onChange={(e) => set('decimal', e.target.value as Mapping['decimal'])}>
            <option value=".">1234.56</option><option value=",">1234,56</option>
          </select>
        </Field>
        <Field label={t('review.thousands')} error={errors.thousands}>
          <select name="thousands" value={mapping.thousands ?? ''} onChange={(e) => set('thousands', e.target.value as Mapping['thousands'])}>
            <option value="">{t('review.none')}</option><option value=",">1,234</option><option value=".">1.234</option><option value=" ">{t('review.space')}</option><option value="'">1'234</option>
          </select>
        </Field>
        <Field label={t('review.dateFormat')} error={errors.dateFormat}>
          <select name="dateFormat" value={mapping.dateFormat} onChange={(e) => set('dateFormat', e.target.value as Mapping['dateFormat'])}>
            {dateFormats.map((f) => <option key={f} value={f}>{f}</option>)}
          </select>
        </Field>
        {mapping.columns.currency === undefined && (
          <Field label={t('review.currency')} hint={t('review.currencyHint')} error={errors.currency}>
            <input name="currency" value={mapping.currency ?? ''} maxLength={3} onChange={(e) => set('currency', e.target.value.toUpperCase() || undefined)} />
          </Field>
        )}
        <Field label={t('review.sign')}>
          <select name="sign" value={mapping.sign ?? 'credit-positive'} onChange={(e) => set('sign', e.target.value as Mapping['sign'])}>
            <option value="credit-positive">{t('review.creditPositive')}</option>
            <option value="debit-positive">{t('review.debitPositive')}</option>
          </select>
        </Field>
        <Field label={t('review.skip')} hint={t('review.skipHint')}>
          <input name="skipRowsContaining" value={mapping.skipRowsContaining ?? ''} onChange={(e) => set('skipRowsContaining', e.target.value)} />
        </Field>
        <label className="checkbox"><input type="checkbox" checked={Boolean(mapping.continuationRows)} onChange={(e) => set('continuationRows', e.target.checked)} /> {t('review.continuation')}</label>
      </div>
      {csv.suggestion.dateAmbiguous && <div className="banner banner--warn" data-testid="import-date-ambiguous">{t('review.dateAmbiguous')}</div>}
      <h3>{t('review.columns')}</h3>
      {errors['columns.amount'] && <div className="field__error">{errors['columns.amount']}</div>}
      <div className="import-table-wrap">
        <table className="table import-columns">
          <thead>
            <tr>{Array.from({ length: width }, (_v, i) => <th key={i}>{csv.header?.[i] || `#${i + 1}`}</th>)}</tr>
            <tr>
              {Array.from({ length: width }, (_v, i) => (
                <th key={i}>
                  <select aria-label={t('review.role', { n: i + 1 })} data-testid={`import-role-${i}`} value={roleOf(mapping, i)} onChange={(e) => onChange(withRole(mapping, i, e.target.value))}>
                    {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
                  </select>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {csv.rows.slice(0, 4).map((r) => (
              <tr key={r.line}>{Array.from({ length: width }, (_v, i) => <td key={i} className="mono import-cell">{r.fields[i] ?? ''}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
