import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/hooks';
import { formatDate, formatMoney } from '../../i18n/format';

const FIELD_LABEL: Record<string, string> = {
  valueSeizedMinor: 'valueSeized', valueAppraisedMinor: 'valueAppraised', appraisedOn: 'appraisedOn', appraiser: 'appraiser',
  valueRealisedMinor: 'valueRealised', costsMinor: 'costs', deductionsMinor: 'deductions',
};

/** Each change to the values as entered, by whom and when: the audit log's own record, so a reviewer sees why the net moved. */
export function ValueHistory({ assetId, currency }: { assetId: string; currency: string }) {
  const { t } = useTranslation('assets');
  const history = useApi('assets.valueHistory', { id: assetId });
  const rows = history.data ?? [];
  if (rows.length === 0) return null;
  const show = (field: string, v: string | null) => (v === null ? t('none') : field.endsWith('Minor') ? formatMoney(v, currency) : field === 'appraisedOn' ? formatDate(v) : v);
  return (
    <details className="value-history" data-testid="value-history">
      <summary>{t('valueHistory.title', { count: rows.length })}</summary>
      <table className="table">
        <thead><tr><th>{t('valueHistory.when')}</th><th>{t('valueHistory.who')}</th><th>{t('valueHistory.field')}</th><th>{t('valueHistory.before')}</th><th>{t('valueHistory.after')}</th></tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>{formatDate(r.at.slice(0, 16))}</td><td>{r.actor}</td><td>{t(`fields.${FIELD_LABEL[r.field]}`)}</td>
              <td className="num mono">{show(r.field, r.before)}</td><td className="num mono">{show(r.field, r.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
