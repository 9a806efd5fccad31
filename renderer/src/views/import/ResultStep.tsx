import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadOutput } from '../../api/client';
import { useApi, useClient } from '../../api/hooks';
import { FormError } from '../../components/Form';
import { formatCount, formatDate } from '../../i18n/format';
import type { Report } from './types';
import { errorText } from '../../i18n/errors';

/** What the import did, and every row it did not take (rejected, duplicate, skipped), exportable as CSV. */
export function ResultStep({ report, onClose }: { report: Report; onClose: () => void }) {
  const client = useClient();
  const { t } = useTranslation('import');
  const rejects = useApi('imports.rejects', { importId: report.importId, limit: 200 });
  const [error, setError] = useState<string>();
  const exportCsv = async () => {
    try {
      const out = await client['imports.exportRejects']({ importId: report.importId });
      if (out.outputId) await downloadOutput(out.outputId, out.name);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const stats = [
    ['imported', report.imported],
    ['duplicates', report.duplicates],
    ['rejected', report.rejectedCount],
    ['skipped', report.skipped],
    ['accountsCreated', report.accountsCreated],
  ] as const;
  const total = rejects.data?.total ?? 0;
  return (
    <div data-testid="import-result">
      <div className={`banner ${report.rejectedCount || report.imported === 0 ? 'banner--warn' : 'banner--ok'}`}>{t('result.ok', { count: report.imported, name: report.fileName })}</div>
      {report.goaml && (
        <p className="muted" data-testid="import-goaml-provenance">
          {t('result.goaml', { code: report.goaml.reportCode, entity: report.goaml.rentityId, date: formatDate(report.goaml.submissionDate.slice(0, 10)), transactions: formatCount(report.goaml.transactions), subjects: formatCount(report.goaml.subjectsCreated) })}
        </p>
      )}
      {report.warnings?.length > 0 && (
        // A guessed sign, a statement that does not reconcile, transfer pairs to review: said, never hidden.
        <ul className="import-warning" data-testid="import-warnings">
          {report.warnings.map((w, i) => <li key={i}>{w}</li>)}
        </ul>
      )}
      <div className="stat-cards import-stats">
        {stats.map(([k, v]) => (
          <div key={k} className="stat-card" data-testid={`import-stat-${k}`}>
            <div className="stat-card__value">{formatCount(v)}</div>
            <div className="stat-card__label">{t(`result.${k}`)}</div>
          </div>
        ))}
      </div>
      <FormError message={error} />
      {total > 0 && (
        <>
          <h3>{t('result.rejects')}</h3>
          <div className="import-table-wrap">
            <table className="table import-rejects" data-testid="import-rejects">
              <thead><tr><th className="num">{t('review.line')}</th><th>{t('result.kind')}</th><th>{t('result.reason')}</th><th>{t('result.raw')}</th></tr></thead>
              <tbody>
                {rejects.data?.rows.map((r, i) => (
                  <tr key={i}>
                    <td className="num mono">{r.line}</td>
                    <td><span className={`badge import-kind--${r.kind}`}>{t(`kinds.${r.kind}`, { defaultValue: r.kind })}</span></td>
                    <td>{r.reason}</td>
                    <td className="mono import-raw">{r.raw}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {total > (rejects.data?.rows.length ?? 0) && <p className="muted">{t('result.more', { shown: rejects.data?.rows.length, total })}</p>}
        </>
      )}
      <div className="form__actions">
        {total > 0 && <button className="button" data-testid="import-export-rejects" onClick={exportCsv}>{t('result.export')}</button>}
        <button className="button button--primary" data-testid="import-done" onClick={onClose}>{t('result.done')}</button>
      </div>
    </div>
  );
}
