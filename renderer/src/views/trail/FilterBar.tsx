import { useTranslation } from 'react-i18next';
import type { TrailFilter } from './state';

/** Date range, minimum transaction amount and currency: shared by every view of the tab. */
export function FilterBar(props: { filter: TrailFilter; currencies: string[]; currency?: string; error?: string; onChange(f: TrailFilter): void }) {
  const { t } = useTranslation('trail');
  const { filter, onChange } = props;
  return (
    <div className="filter-bar">
      <label className="filter-bar__field">
        <span>{t('filter.from')}</span>
        <input type="date" name="from" value={filter.from ?? ''} onChange={(e) => onChange({ ...filter, from: e.target.value || undefined })} />
      </label>
      <label className="filter-bar__field">
        <span>{t('filter.to')}</span>
        <input type="date" name="to" value={filter.to ?? ''} onChange={(e) => onChange({ ...filter, to: e.target.value || undefined })} />
      </label>
      {(filter.from || filter.to) && (
        <button className="link-button" onClick={() => onChange({ ...filter, from: undefined, to: undefined })}>{t('filter.clearDates')}</button>
      )}
      <label className={`filter-bar__field${props.error ? ' is-error' : ''}`}>
        <span>{t('filter.minAmount')}</span>
        <input name="minAmount" inputMode="decimal" placeholder="0" value={filter.minAmount} onChange={(e) => onChange({ ...filter, minAmount: e.target.value })} />
      </label>
      {props.currencies.length > 1 && (
        <label className="filter-bar__field">
          <span>{t('filter.currency')}</span>
          <select name="currency" value={props.currency} onChange={(e) => onChange({ ...filter, currency: e.target.value })}>
            {props.currencies.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
      )}
      {props.error && <span className="filter-bar__error" role="alert">{t('filter.invalidAmount', { message: props.error })}</span>}
    </div>
  );
}
