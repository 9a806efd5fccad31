import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation, useReadOnly } from '../../api/hooks';
import { ErrorBanner } from '../../components/Misc';
import { formatDate, formatMoney } from '../../i18n/format';

/** The recorded equitable-sharing distributions of a forfeited asset, each with the policy it was decided under. */
export function SharingPanel({ asset }: { asset: { id: string; status: string; currency: string } }) {
  const { t } = useTranslation('assets');
  // Under review the recorded distributions are shown; none is computed (that records one).
  const readOnly = useReadOnly();
  const shareable = asset.status === 'forfeited' || asset.status === 'disposed';
  const list = useApi('sharing.list', { assetId: asset.id }, { enabled: shareable });
  const compute = useApiMutation('sharing.compute');
  const latest = list.data?.[0];
  return (
    <section className="panel" data-testid="asset-sharing">
      <div className="panel__header">
        <h2>{t('sharing.title')}</h2>
        {shareable && !readOnly && <button className="button" onClick={() => compute.mutate({ assetId: asset.id })} disabled={compute.isPending}>{t('sharing.compute')}</button>}
      </div>
      <ErrorBanner error={compute.error} />
      {!shareable && <p className="muted">{t('sharing.notYet')}</p>}
      {shareable && !latest && <p className="muted">{t('sharing.none')}</p>}
      {latest && (
        <>
          <p className="muted">{t('sharing.recorded', { date: formatDate(latest.createdAt), actor: latest.actor })} · {t('sharing.policy')}: {latest.policy.text}</p>
          <table className="table share-table">
            <thead><tr><th>{t('sharing.agency')}</th><th className="num">{t('sharing.basis')}</th><th className="num">{t('sharing.share')}</th></tr></thead>
            <tbody>
              {latest.shares.map((s) => (
                <tr key={s.agencyId}>
                  <td className={s.keeper ? 'keeper' : undefined}>{s.name} <span className="muted mono">{s.code}</span>{s.keeper ? ` · ${t('sharing.keeper')}` : ''}{s.raisedToMinimum ? ` · ${t('sharing.raised')}` : ''}</td>
                  <td className="num">{s.basis}</td>
                  <td className="num mono">{formatMoney(s.shareMinor, latest.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
