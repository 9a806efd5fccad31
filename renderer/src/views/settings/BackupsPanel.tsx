import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useApi, useClient, useReadOnly } from '../../api/hooks';
import { ErrorBanner } from '../../components/Misc';
import { Modal } from '../../components/Modal';
import { formatDate } from '../../i18n/format';
import { formatBytes } from '../exhibits/bytes';

type Client = ReturnType<typeof useClient>;
type Check = Awaited<ReturnType<Client['db.checkBackup']>>;
type Restored = Awaited<ReturnType<Client['db.restore']>>;

/**
 * Kept backups and the restore action: a backup is checked first (pages, audit chain and tree,
 * its signed checkpoints, and how it stands to this database's last checkpoint), restored only
 * after a confirmation, and the database as it was is kept aside, never deleted.
 */
export function BackupsPanel() {
  const { t } = useTranslation('settings');
  const client = useClient();
  const qc = useQueryClient();
  const readOnly = useReadOnly();
  const list = useApi('db.backups', {});
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [check, setCheck] = useState<Check>();
  const [confirming, setConfirming] = useState(false);
  const [restored, setRestored] = useState<Restored>();

  const run = async <T,>(what: string, work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(what);
    setError(undefined);
    try {
      return await work();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(undefined);
    }
  };

  const backUp = () =>
    run('backup', async () => {
      await client['db.backup']({ keep: true });
      await list.refetch();
    });
  const checkOne = (name: string) =>
    run('check', async () => {
      setRestored(undefined);
      setCheck(undefined);
      setCheck(await client['db.checkBackup']({ backup: { name } }));
    });
  const restore = (name: string) =>
    run('restore', async () => {
      setConfirming(false);
      const r = await client['db.restore']({ backup: { name } });
      setRestored(r);
      setCheck(undefined);
      // Everything on screen came from the file just replaced.
      await qc.invalidateQueries();
    });

  return (
    <section className="panel" data-testid="backups-panel">
      <div className="panel__header">
        <h2>{t('backups.title')}</h2>
        {!readOnly && (
          <button className="button" onClick={() => void backUp()} disabled={Boolean(busy)} data-testid="backup-now">
            {busy === 'backup' ? t('backups.backingUp') : t('backups.backUpNow')}
          </button>
        )}
      </div>
      <p className="muted">{t('backups.hint')}</p>
      <ErrorBanner error={list.error ?? error} />
      {restored && (
        <div className="banner banner--ok" role="status" data-testid="restore-done">
          <div>{t('backups.restored', { name: restored.name })}</div>
          {restored.keptAs && <div>{t('backups.keptAs', { path: restored.keptAs })}</div>}
          <div>{t('backups.recorded', { seq: restored.auditSeq })}</div>
        </div>
      )}
      {list.data && list.data.length === 0 && <p className="muted" data-testid="backups-empty">{t('backups.none')}</p>}
      {list.data && list.data.length > 0 && (
        <table className="table" data-testid="backups-list">
          <thead>
            <tr><th>{t('backups.name')}</th><th>{t('backups.made')}</th><th>{t('backups.size')}</th><th /></tr>
          </thead>
          <tbody>
            {list.data.map((b) => (
              <tr key={b.name} data-testid="backup-row">
                <td className="mono">{b.name}</td>
                <td>{formatDate(b.modifiedAt)}</td>
                <td>{formatBytes(b.bytes)}</td>
                <td>
                  <button className="button" disabled={Boolean(busy)} onClick={() => void checkOne(b.name)}>
                    {busy === 'check' && !check ? t('backups.checking') : t('backups.check')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {check && <CheckReport check={check} onRestore={readOnly ? undefined : () => setConfirming(true)} busy={Boolean(busy)} />}
      {busy === 'restore' && <p className="muted" role="status">{t('backups.restoring')}</p>}
      {confirming && check && (
        <Modal title={t('backups.confirmTitle')} onClose={() => setConfirming(false)}>
          <p>{t('backups.confirmBody', { name: check.name })}</p>
          {check.current && !check.current.extends && <p className="banner banner--warn">{check.current.message}</p>}
          <div className="form__actions">
            <button className="button" onClick={() => setConfirming(false)}>{t('backups.cancel')}</button>
            <button className="button button--danger" data-testid="restore-confirm" onClick={() => void restore(check.name)}>{t('backups.confirm')}</button>
          </div>
        </Modal>
      )}
    </section>
  );
}

/** What the checks of one backup found, line by line. */
function CheckReport({ check, onRestore, busy }: { check: Check; onRestore?: () => void; busy: boolean }) {
  const { t } = useTranslation('settings');
  const line = (ok: boolean, text: string, testId: string) => (
    <li className={ok ? 'check check--ok' : 'check check--fail'} data-testid={testId}>{ok ? '✓' : '✗'} {text}</li>
  );
  return (
    <div className={`banner ${check.ok ? 'banner--ok' : 'banner--error'}`} data-testid="backup-check">
      <strong>{t('backups.checkOf', { name: check.name, sha: check.sha256.slice(0, 16) })}</strong>
      <ul className="checks">
        {line(check.integrity.length === 0 && !check.problems.some((p) => p.startsWith('damaged')), check.integrity.length ? t('backups.integrityFails', { problem: check.integrity[0] }) : t('backups.integrityOk'), 'check-integrity')}
        {check.chain &&
          line(check.chain.ok, check.chain.ok ? t('backups.chainOk', { rows: check.chain.rows }) : t('backups.chainBroken', { seq: check.chain.firstBroken?.seq, reason: check.chain.firstBroken?.reason }), 'check-chain')}
        {check.tree && line(check.tree.ok, check.tree.ok ? t('backups.treeOk', { size: check.tree.size }) : t('backups.treeWrong', { message: check.tree.message }), 'check-tree')}
        {check.checkpoints.length === 0
          ? <li className="check" data-testid="check-checkpoints">{t('backups.noCheckpoints')}</li>
          : check.checkpoints.map((c, i) => line(c.ok, t('backups.checkpoint', { size: c.size, message: c.message }), `check-checkpoint-${i}`))}
        {check.current && <li className={check.current.extends ? 'check check--ok' : 'check check--warn'} data-testid="check-current">{check.current.message}</li>}
        {check.pendingMigrations > 0 && <li className="check">{t('backups.migrations', { count: check.pendingMigrations })}</li>}
      </ul>
      {check.problems.map((p) => <div key={p} data-testid="check-problem">{p}</div>)}
      {onRestore && (
        <div className="form__actions">
          <button className="button button--primary" data-testid="restore-button" disabled={!check.ok || busy} onClick={onRestore}>
            {check.ok ? t('backups.restore') : t('backups.cannotRestore')}
          </button>
        </div>
      )}
    </div>
  );
}
