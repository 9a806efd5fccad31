import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../api/hooks';
import { Field } from '../../components/Form';
import { ErrorBanner } from '../../components/Misc';
import { formatDate } from '../../i18n/format';

const KIND_KEYS = { account: 'kinds.account', 'person-id': 'kinds.personId', 'person-name': 'kinds.personName' } as const;

/**
 * A case and the regional hub: "Share with the hub" (a signed bundle, the receipt kept), "Sync"
 * (matches and receipts), and the matches: which other agency holds the same account or person,
 * in which of its cases, from which bundle, and nothing more than that agency shared.
 */
export function CaseHubPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation('hub');
  const status = useApi('hub.status', {});
  const keys = useApi('keys.list', {});
  const matches = useApi('hub.matches', { caseId });
  const receipts = useApi('hub.receipts', { caseId });
  const share = useApiMutation('hub.share');
  const sync = useApiMutation('hub.sync');
  const [passphrase, setPassphrase] = useState('');
  const link = status.data?.link;
  const key = keys.data?.find((k) => k.id === link?.signingKeyId);
  const needsPassphrase = key?.protection === 'passphrase';
  const pass = needsPassphrase ? passphrase : undefined;
  if (!link) return <section className="panel" data-testid="case-hub"><h2>{t('caseTitle')}</h2><p className="muted">{t('notLinked')}</p></section>;
  return (
    <section className="panel stack" data-testid="case-hub">
      <h2>{t('caseTitle')}: {link.name}</h2>
      {!link.confirmedAt && <div className="banner">{t('notConfirmed')}</div>}
      <ErrorBanner error={share.error ?? sync.error} />
      {share.data && <div className="banner banner--ok" data-testid="hub-shared">{share.data.status === 'duplicate' ? t('duplicate') : t('shared', { records: share.data.records, hub: share.data.hub, size: share.data.treeSize })}</div>}
      {sync.data && <div className="banner banner--ok" data-testid="hub-synced">{t('synced', { count: sync.data.matches, receipts: sync.data.receipts })}</div>}
      {needsPassphrase && <Field label={t('passphrase')}><input type="password" autoComplete="off" name="hubPassphrase" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} /></Field>}
      <div className="form__actions">
        <button className="button button--primary" data-testid="hub-share" disabled={!link.confirmedAt || share.isPending || (needsPassphrase && !passphrase)}
          onClick={() => share.mutate({ caseId, passphrase: pass })}>{share.isPending ? t('sharing') : t('share')}</button>
        <button className="button" data-testid="hub-sync" disabled={!link.confirmedAt || sync.isPending || (needsPassphrase && !passphrase)}
          onClick={() => sync.mutate({ passphrase: pass })}>{sync.isPending ? t('syncing') : t('sync')}</button>
      </div>
      <h3>{t('matchesTitle')}</h3>
      <p className="muted">{t('matchesHint')}</p>
      {/* UUIDv7 ids share their leading (time) digits: the last ones tell records apart. */}
      {matches.data?.length ? (
        <table className="table" data-testid="hub-matches">
          <thead><tr><th>{t('col.kind')}</th><th>{t('col.ours')}</th><th>{t('col.agency')}</th><th>{t('col.case')}</th><th>{t('col.provenance')}</th></tr></thead>
          <tbody>
            {matches.data.map((m) => (
              <tr key={m.id}>
                <td>{t(KIND_KEYS[m.kind as keyof typeof KIND_KEYS] ?? 'kinds.account')}</td>
                <td><span className="mono">{m.ourLabel ?? m.value}</span></td>
                <td><strong>{m.theirAgency}</strong></td>
                <td>{m.theirCaseNumber}</td>
                <td className="mono muted">{t('provenance', { bundle: m.theirBundleId.slice(-8), table: m.theirTable, id: m.theirRecordId.slice(-8) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="muted">{link.lastSyncAt ? t('noMatches') : t('neverSynced')}</p>}
      <h3>{t('receiptsTitle')}</h3>
      {receipts.data?.length ? (
        <ul data-testid="hub-receipts">
          {receipts.data.map((r) => <li key={r.id}>{t('receipt', { bundle: r.bundleId.slice(-8), leaf: r.leafIndex + 1, size: r.treeSize, at: formatDate(r.receivedAt) })}</li>)}
        </ul>
      ) : <p className="muted">{t('noReceipts')}</p>}
    </section>
  );
}
