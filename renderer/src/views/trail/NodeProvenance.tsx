import { useTranslation } from 'react-i18next';
import { isOutside } from '../../../../core/graph/flows';
import { useApi } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/Misc';
import { formatDate, formatMoney } from '../../i18n/format';
import type { ShownTrace } from './state';

/**
 * On click of a tainted account: each tainted payment out of it or into it, and the marked deposits
 * (label, original transaction) its taint came from, through which accounts, under the trace's method.
 */
export function NodeProvenance(props: { caseId: string; trace: ShownTrace; nodeId: string }) {
  const { t } = useTranslation('trail');
  const { result, marks, params } = props.trace;
  const { caseId } = props;
  const enabled = !isOutside(props.nodeId) && result.accounts.some((a) => a.accountId === props.nodeId && (BigInt(a.taintedInMinor) > 0n || BigInt(a.taintedOutMinor) > 0n));
  const q = useApi('trace.provenance', { caseId, method: result.method, marks, params: params ?? {}, accountId: props.nodeId }, { enabled });
  if (!enabled) return null;
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorBanner error={q.error} />;
  const p = q.data!;
  const source = new Map(p.sources.map((s) => [s.number, s]));
  return (
    <section className="node-provenance" data-testid="node-provenance">
      <h4>{t('provenance.title', { method: result.method })}</h4>
      {p.rows.length === 0 && p.assets.length === 0 && <p className="muted">{t('provenance.none')}</p>}
      <ul className="plain-list">
        {p.rows.map((r) => (
          <li key={`${r.transactionId}-${r.direction}`}>
            <div>
              <strong>{formatMoney(r.taintedMinor, r.currency)}</strong>{' '}
              {t(r.direction === 'out' ? 'provenance.paidOut' : 'provenance.paidIn', { date: formatDate(r.occurredAt.slice(0, 10)), reference: r.reference || r.transactionId.slice(0, 8), from: r.fromAccount, to: r.counterparty })}
            </div>
            <ul className="provenance-shares">
              {r.provenance.map((s) => {
                const src = source.get(s.source);
                return (
                  <li key={s.source}>
                    {t('provenance.share', {
                      amount: formatMoney(s.amountMinor, r.currency), label: s.label,
                      deposit: src ? `${src.reference || src.transactionId.slice(0, 8)} (${formatDate(src.occurredAt.slice(0, 10))})` : `S${s.source}`,
                    })}
                    {s.hops.length > 0 && <span className="muted"> · {t('provenance.via', { hops: s.hops.join(' → ') })}</span>}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
        {p.assets.map((a) => (
          <li key={a.assetId}>
            <strong>{formatMoney(a.taintedMinor, a.currency)}</strong> {t('provenance.asset', { description: a.description })}
            <ul className="provenance-shares">
              {a.provenance.map((s) => <li key={s.source}>{t('provenance.share', { amount: formatMoney(s.amountMinor, a.currency), label: s.label, deposit: source.get(s.source)?.reference ?? `S${s.source}` })}</li>)}
            </ul>
          </li>
        ))}
      </ul>
      {!p.complete && <p className="muted">{t('provenance.incomplete')}</p>}
    </section>
  );
}
