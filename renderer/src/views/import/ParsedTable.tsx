import { useTranslation } from 'react-i18next';
import type { PreviewRow } from './types';

/** The first rows as the import will read them; rows it would reject say why. */
export function ParsedTable({ rows, ledger }: { rows: PreviewRow[]; ledger?: boolean }) {
  const { t } = useTranslation('import');
  return (
    <div className="import-table-wrap">
      <table className="table import-parsed" data-testid="import-parsed">
        <thead>
          <tr>
            <th className="num">{t('review.line')}</th>
            <th>{t('review.date')}</th>
            {ledger ? <><th>{t('review.from')}</th><th>{t('review.to')}</th></> : <th>{t('review.direction')}</th>}
            <th className="num">{t('review.amount')}</th>
            {!ledger && <th>{t('review.counterparty')}</th>}
            <th>{t('review.reference')}</th>
            <th>{t('review.memo')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) =>
            r.kind === 'continuation' ? (
              <tr key={r.line} className="import-row--note"><td className="num mono">{r.line}</td><td colSpan={ledger ? 6 : 6}>{t('review.continuationRow', { text: r.memo })}</td></tr>
            ) : !r.ok ? (
              <tr key={r.line} className={`import-row--${r.kind === 'skipped' ? 'note' : 'bad'}`}>
                <td className="num mono">{r.line}</td>
                <td colSpan={6}>{t(r.kind === 'skipped' ? 'review.skipped' : 'review.problem', { reason: r.reason })}</td>
              </tr>
            ) : (
              <tr key={r.line}>
                <td className="num mono">{r.line}</td>
                <td className="mono import-nowrap">{r.occurredAt}</td>
                {ledger ? <><td>{r.from}</td><td>{r.to}</td></> : <td><span className={`import-dir import-dir--${r.direction}`}>{t(`review.${r.direction}`)}</span></td>}
                <td className="num mono">{r.amount} {r.currency}</td>
                {!ledger && <td>{r.counterparty}</td>}
                <td className="mono">{r.reference}</td>
                <td className="import-memo">{r.memo}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
