import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/Misc';
import { formatMoney } from '../../i18n/format';
import type { ApiFilter } from './GraphView';

/** Ranking of subjects or accounts by betweenness, with degree and flow volume. */
export function KeyPlayers(props: { filter: ApiFilter; selected?: string; onPick(id: string): void }) {
  const { t } = useTranslation('trail');
  const [level, setLevel] = useState<'entity' | 'account'>('entity');
  const players = useApi('graph.keyPlayers', { filter: props.filter, level, limit: 25 }, { placeholderData: (prev) => prev });
  const list = players.data?.players ?? [];
  const currency = players.data?.currency ?? '';
  const top = Math.max(1e-9, ...list.map((p) => p.betweenness));
  return (
    <aside className="key-players panel" data-testid="key-players">
      <div className="key-players__header">
        <h2>{t('players.title')}</h2>
        <div className="segmented segmented--small">
          {(['entity', 'account'] as const).map((l) => (
            <button key={l} className={`segmented__item${level === l ? ' is-active' : ''}`} onClick={() => setLevel(l)}>
              {t(`players.${l}`)}
            </button>
          ))}
        </div>
      </div>
      <ErrorBanner error={players.error} />
      {players.isLoading && <Loading />}
      {!players.isLoading && list.length === 0 && <p className="muted">{t('players.empty')}</p>}
      <ol className="key-players__list">
        {list.map((p) => (
          <li key={p.id} className={props.selected === p.id ? 'is-selected' : undefined}>
            <button className="key-player" onClick={() => props.onPick(p.id)}>
              <span className="key-player__rank">{p.rank}</span>
              <span className="key-player__body">
                <span className={`key-player__name${p.kind === 'subject' ? ' is-subject' : ''}`}>{p.label}</span>
                <span className="key-player__bar" title={`${t('players.betweenness')}: ${p.betweenness.toFixed(3)}`}>
                  <span style={{ width: `${(p.betweenness / top) * 100}%` }} />
                </span>
                <span className="key-player__meta muted">
                  {t('players.betweenness')} {p.betweenness.toFixed(3)} · {t('players.degree')} {t('players.degreeDetail', { in: p.inDegree, out: p.outDegree })}
                </span>
                <span className="key-player__meta muted mono">
                  {t('players.inflow')} {formatMoney(p.inflowMinor, currency)} · {t('players.outflow')} {formatMoney(p.outflowMinor, currency)}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ol>
      <p className="key-players__explain muted">{t('players.explain')}</p>
    </aside>
  );
}
