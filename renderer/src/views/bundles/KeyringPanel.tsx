import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../api/hooks';
import { Field, FormError } from '../../components/Form';
import { useForm } from '../../components/useForm';
import { ErrorBanner } from '../../components/Misc';
import { FingerprintConfirm } from '../../components/FingerprintConfirm';
import { formatDate } from '../../i18n/format';

/** Agencies whose keys this installation trusts: add (fingerprint shown to confirm by phone), revoke. */
export function KeyringPanel() {
  const { t } = useTranslation('bundles');
  const ring = useApi('keyring.list', {});
  const add = useApiMutation('keyring.add');
  const revoke = useApiMutation('keyring.revoke');
  const confirm = useApiMutation('keyring.confirm');
  const f = useForm({ agencyName: '', publicKey: '', validFrom: '', validTo: '', ageRecipient: '' }, { guard: false });
  const [added, setAdded] = useState<{ id: string; fingerprint: string; fingerprintWords: string; agencyName: string }>();
  const [confirming, setConfirming] = useState<{ id: string; agencyName: string }>();
  const [confirmed, setConfirmed] = useState<string>();
  const doConfirm = (typed: string, done: () => void) => {
    if (!confirming) return;
    confirm.mutate({ id: confirming.id, fingerprint: typed }, { onSuccess: (k) => { setConfirmed(k.agencyName); setConfirming(undefined); setAdded(undefined); done(); } });
  };
  const readFile = async (file?: File) => {
    if (!file) return;
    f.set('publicKey', await file.text());
    if (!f.values.agencyName) f.set('agencyName', file.name.replace(/\.pub$/, ''));
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setAdded(undefined);
    setConfirmed(undefined);
    const input = { agencyName: f.values.agencyName, publicKey: f.values.publicKey, validFrom: f.values.validFrom || undefined, validTo: f.values.validTo || undefined, ageRecipient: f.values.ageRecipient || undefined };
    add.mutate(input, { onError: f.fail, onSuccess: (k) => { setAdded(k); setConfirming({ id: k.id, agencyName: k.agencyName }); f.reset(); } });
  };
  const doRevoke = (id: string) => {
    const reason = window.prompt(t('keyring.revokeReason'));
    if (reason) revoke.mutate({ id, reason });
  };
  return (
    <section className="stack">
      <form className="panel form" onSubmit={submit} noValidate data-testid="keyring-add">
        <h2>{t('keyring.add')}</h2>
        <FormError message={f.formError} />
        {added && (
          <div className="banner" data-testid="keyring-added">
            {t('keyring.added', { agency: added.agencyName })}
            <div className="mono" data-testid="keyring-added-fingerprint">{added.fingerprint}</div>
            <div>{t('keyring.words')}: <strong data-testid="keyring-added-words">{added.fingerprintWords}</strong></div>
          </div>
        )}
        {confirmed && <div className="banner banner--ok" data-testid="keyring-confirmed">{t('keyring.confirmed', { agency: confirmed })}</div>}
        <Field label={t('keyring.agency')} error={f.errors.agencyName}><input {...f.bind('agencyName')} /></Field>
        <Field label={t('keyring.pubFile')}><input type="file" name="pubFile" accept=".pub,text/plain" onChange={(e) => void readFile(e.target.files?.[0])} /></Field>
        <Field label={t('keyring.pubText')} error={f.errors.publicKey} wide><textarea rows={3} className="mono" {...f.bind('publicKey')} /></Field>
        <Field label={t('keyring.validFrom')} error={f.errors.validFrom}><input type="date" {...f.bind('validFrom')} /></Field>
        <Field label={t('keyring.validTo')} error={f.errors.validTo}><input type="date" {...f.bind('validTo')} /></Field>
        <Field label={t('keyring.ageRecipient')} error={f.errors.ageRecipient} wide><input className="mono" {...f.bind('ageRecipient')} /></Field>
        <div className="form__actions"><button className="button button--primary" type="submit" disabled={add.isPending}>{t('keyring.submit')}</button></div>
      </form>
      {confirming && (
        <FingerprintConfirm title={`${t('keyring.confirm')}: ${confirming.agencyName}`} label={t('keyring.confirmLabel')} submitLabel={t('keyring.confirm')}
          error={confirm.error} pending={confirm.isPending} onConfirm={doConfirm} testId="keyring-confirm" />
      )}
      <section className="panel">
        <h2>{t('sections.keyring')}</h2>
        <ErrorBanner error={ring.error ?? revoke.error} />
        {ring.data?.length === 0 ? (
          <p className="muted">{t('keyring.empty')}</p>
        ) : (
          <table className="table" data-testid="keyring-table">
            <thead><tr><th>{t('keyring.agency')}</th><th>{t('keys.fingerprint')}</th><th>{t('keyring.validity')}</th><th>{t('keyring.status')}</th><th /></tr></thead>
            <tbody>
              {ring.data?.map((k) => (
                <tr key={k.id}>
                  <td>{k.agencyName}</td>
                  <td className="mono">{k.fingerprint}</td>
                  <td>{k.validFrom ?? '…'} – {k.validTo ?? '…'}</td>
                  <td>
                    {k.revokedAt ? <span className="badge badge--returned" title={k.revokedReason ?? ''}>{t('keyring.revoked', { at: formatDate(k.revokedAt) })}</span>
                      : !k.confirmedAt ? <span className="badge badge--pending" title={k.fingerprintWords}>{t('keyring.pending')}</span>
                      : <span className="badge badge--closed">{t('keyring.active')}</span>}
                  </td>
                  <td>
                    {!k.revokedAt && !k.confirmedAt && <button className="button" data-testid="keyring-confirm-open" onClick={() => setConfirming({ id: k.id, agencyName: k.agencyName })}>{t('keyring.confirm')}</button>}
                    {!k.revokedAt && <button className="button button--danger" onClick={() => doRevoke(k.id)}>{t('keyring.revoke')}</button>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
