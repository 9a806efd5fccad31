import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../api/hooks';
import { Field, FormError } from '../../components/Form';
import { useForm } from '../../components/useForm';
import { ErrorBanner } from '../../components/Misc';
import { formatDate } from '../../i18n/format';

/** Agencies whose keys this installation trusts: add (fingerprint shown to confirm by phone), revoke. */
export function KeyringPanel() {
  const { t } = useTranslation('bundles');
  const ring = useApi('keyring.list', {});
  const add = useApiMutation('keyring.add');
  const revoke = useApiMutation('keyring.revoke');
  const f = useForm({ agencyName: '', publicKey: '', validFrom: '', validTo: '' });
  const [added, setAdded] = useState<{ fingerprint: string; agencyName: string }>();
  const readFile = async (file?: File) => {
    if (!file) return;
    f.set('publicKey', await file.text());
    if (!f.values.agencyName) f.set('agencyName', file.name.replace(/\.pub$/, ''));
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setAdded(undefined);
    const input = { agencyName: f.values.agencyName, publicKey: f.values.publicKey, validFrom: f.values.validFrom || undefined, validTo: f.values.validTo || undefined };
    add.mutate(input, { onError: f.fail, onSuccess: (k) => { setAdded(k); f.reset(); } });
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
        {added && <div className="banner banner--ok" data-testid="keyring-added">{t('keyring.added', { fingerprint: added.fingerprint, agency: added.agencyName })}</div>}
        <Field label={t('keyring.agency')} error={f.errors.agencyName}><input {...f.bind('agencyName')} /></Field>
        <Field label={t('keyring.pubFile')}><input type="file" name="pubFile" accept=".pub,text/plain" onChange={(e) => void readFile(e.target.files?.[0])} /></Field>
        <Field label={t('keyring.pubText')} error={f.errors.publicKey} wide><textarea rows={3} className="mono" {...f.bind('publicKey')} /></Field>
        <Field label={t('keyring.validFrom')} error={f.errors.validFrom}><input type="date" {...f.bind('validFrom')} /></Field>
        <Field label={t('keyring.validTo')} error={f.errors.validTo}><input type="date" {...f.bind('validTo')} /></Field>
        <div className="form__actions"><button className="button button--primary" type="submit" disabled={add.isPending}>{t('keyring.submit')}</button></div>
      </form>
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
                  <td>{k.revokedAt ? <span className="badge badge--returned" title={k.revokedReason ?? ''}>{t('keyring.revoked', { at: formatDate(k.revokedAt) })}</span> : <span className="badge badge--closed">{t('keyring.active')}</span>}</td>
                  <td>{!k.revokedAt && <button className="button button--danger" onClick={() => doRevoke(k.id)}>{t('keyring.revoke')}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
