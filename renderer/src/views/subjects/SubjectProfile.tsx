import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { useApi } from '../../api/hooks';
import { Grid } from '../../components/Grid';
import { ErrorBanner, Loading, StatusBadge } from '../../components/Misc';
import { formatDate, formatMoney } from '../../i18n/format';
import { useNav } from '../../nav';
import type { Client } from '../../../../core/api';

type Profile = Awaited<ReturnType<Client['subjects.profile']>>;

type Row = Profile['timeline'][number];
type Counterparty = Profile['counterparties'][number];

/** One subject whole: identifiers, accounts with money in and out, counterparties, assets, traces, bundles, timeline. */
export function SubjectProfile({ caseId, subjectId }: { caseId: string; subjectId: string }) {
  const { t } = useTranslation('subjects');
  const { t: ta } = useTranslation('assets');
  const { go } = useNav();
  const profile = useApi('subjects.profile', { id: subjectId });
  if (profile.isLoading) return <Loading />;
  if (!profile.data) return <ErrorBanner error={profile.error} />;
  const p = profile.data;
  const s = p.subject;

  const counterpartyCols: ColDef<Counterparty>[] = [
    { field: 'name', headerName: t('profile.counterparty'), flex: 1, minWidth: 180 },
    { field: 'identifier', headerName: t('profile.account'), flex: 1, minWidth: 180, cellClass: 'mono' },
    { field: 'receivedFromMinor', headerName: t('profile.receivedFrom'), width: 170, type: 'numericColumn', valueFormatter: (x) => formatMoney(x.value, x.data!.currency) },
    { field: 'sentToMinor', headerName: t('profile.sentTo'), width: 170, type: 'numericColumn', valueFormatter: (x) => formatMoney(x.value, x.data!.currency) },
    { field: 'count', headerName: t('profile.transactions'), width: 150, type: 'numericColumn' },
  ];
  const timelineCols: ColDef<Row>[] = [
    { field: 'occurredAt', headerName: t('profile.date'), width: 200, valueFormatter: (x) => formatDate(x.value), tooltipValueGetter: (x) => x.data?.occurredAt },
    { field: 'direction', headerName: '', width: 120, valueFormatter: (x) => t(`profile.direction.${x.value}`) },
    { field: 'accountIdentifier', headerName: t('profile.account'), flex: 1, minWidth: 160, cellClass: 'mono' },
    { field: 'counterparty', headerName: t('profile.counterparty'), flex: 1, minWidth: 160 },
    { field: 'amountMinor', headerName: t('profile.amount'), width: 180, type: 'numericColumn', valueFormatter: (x) => formatMoney(x.value, x.data!.currency) },
    { field: 'reference', headerName: t('profile.reference'), width: 150 },
  ];

  return (
    <div className="stack" data-testid="subject-profile">
      <div className="panel">
        <div className="panel__header">
          <h2>{s.name} <span className="muted">· {t(`case:subjects.${s.kind}`)}</span></h2>
          <button type="button" className="button" onClick={() => go({ view: 'case', caseId, tab: 'subjects' })}>{t('profile.back')}</button>
        </div>
        <dl className="facts" data-testid="subject-identifiers">
          <dt>{t('profile.identifiers')}</dt>
          <dd>{s.identifiers.length ? s.identifiers.map((i) => `${i.type}: ${i.value}`).join(' · ') : t('profile.none')}</dd>
          <dt>{t('profile.aliases')}</dt>
          <dd>{s.aliases.join(', ') || t('profile.none')}</dd>
          <dt>{t('profile.bornOn')}</dt>
          <dd>{s.bornOn ? formatDate(s.bornOn) : t('profile.none')}</dd>
          <dt>{t('profile.country')}</dt>
          <dd>{s.country || t('profile.none')}</dd>
          {s.notes && <><dt>{t('profile.notes')}</dt><dd>{s.notes}</dd></>}
        </dl>
      </div>

      <section className="panel" data-testid="subject-accounts">
        <h2>{t('profile.accounts')} <span className="muted">({p.accounts.length})</span></h2>
        {p.accounts.length === 0 ? <p className="muted">{t('profile.none')}</p> : (
          <table className="table">
            <thead><tr><th>{t('profile.account')}</th><th className="num">{t('profile.in')}</th><th className="num">{t('profile.out')}</th><th>{t('profile.transactions')}</th></tr></thead>
            <tbody>
              {p.accounts.map((a) => (a.totals.length ? a.totals : [null]).map((x, i) => (
                <tr key={`${a.id}-${x?.currency ?? ''}`}>
                  <td className="mono">{i === 0 ? `${a.identifier}${a.institution ? ` · ${a.institution}` : ''}` : ''}</td>
                  <td className="num">{x ? formatMoney(x.inMinor, x.currency) : ''}</td>
                  <td className="num">{x ? formatMoney(x.outMinor, x.currency) : ''}</td>
                  <td>{x ? t('profile.count', { inCount: x.inCount, outCount: x.outCount }) : t('profile.noMovements')}</td>
                </tr>
              )))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel">
        <h2>{t('profile.counterparties')} <span className="muted">({p.counterparties.length})</span></h2>
        <Grid<Counterparty> testId="subject-counterparties" rowData={p.counterparties} columnDefs={counterpartyCols} height={Math.min(320, 56 + 42 * Math.max(2, p.counterparties.length))} getRowId={(x) => `${x.data.accountId ?? x.data.name}|${x.data.currency}`} />
      </section>

      <div className="dash-grid-2">
        <section className="panel" data-testid="subject-assets">
          <h2>{t('profile.assets')} <span className="muted">({p.assets.length})</span></h2>
          {p.assets.length === 0 ? <p className="muted">{t('profile.none')}</p> : (
            <ul className="plain-list">
              {p.assets.map((a) => (
                <li key={a.id}>
                  <a href={`#/case/${caseId}/assets?asset=${a.id}`} onClick={(e) => { e.preventDefault(); go({ view: 'case', caseId, tab: 'assets', params: { asset: a.id } }); }}>{a.description}</a>
                  {' '}<span className="muted">{ta(`types.${a.type}`, { defaultValue: a.type })} · {formatMoney(a.valueSeizedMinor, a.currency)}</span> <StatusBadge status={a.status} />
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" data-testid="subject-traces">
          <h2>{t('profile.traces')} <span className="muted">({p.traces.length})</span></h2>
          {p.traces.length === 0 ? <p className="muted">{t('profile.none')}</p> : (
            <ul className="plain-list">{p.traces.map((x) => <li key={x.id}>{x.name || x.method} <span className="muted">· {x.method} · {formatDate(x.createdAt.slice(0, 10))}</span></li>)}</ul>
          )}
          <h2>{t('profile.bundles')} <span className="muted">({p.bundles.length})</span></h2>
          {p.bundles.length === 0 ? <p className="muted">{t('profile.none')}</p> : (
            <ul className="plain-list">{p.bundles.map((b) => <li key={b.id}>{b.fileName} <span className="muted">· {t(`profile.${b.direction}`)} · {b.senderAgency}</span></li>)}</ul>
          )}
        </section>
      </div>

      <section className="panel">
        <h2>{t('profile.timeline')}</h2>
        <p className="muted" data-testid="subject-timeline-count">{t('profile.timelineCount', { shown: p.timeline.length, total: p.transactionCount })}</p>
        <Grid<Row> testId="subject-timeline" rowData={p.timeline} columnDefs={timelineCols} height={360} getRowId={(x) => x.data.id} />
      </section>
    </div>
  );
}
