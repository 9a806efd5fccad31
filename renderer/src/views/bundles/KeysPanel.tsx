import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Progress } from '../../../../core/contract';
import { useApi, useClient } from '../../api/hooks';
import { Field, FormError } from '../../components/Form';
import { useForm } from '../../components/useForm';
import { ErrorBanner, ProgressBar } from '../../components/Misc';
import { formatDate } from '../../i18n/format';

/** The file name an agency's public key is saved under (the same everywhere it is mentioned). */
export const pubFileName = (agency: string) => `${agency.replace(/[^\w.@-]+/g, '-')}.pub`;

/** Saves text as a file in the browser (the public key is small and already here). */
export function saveText(name: string, text: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * Creates this installation's signing key. Protected by the OS keychain where the desktop app offers
 * one; otherwise (web bridge, Linux without a secret service) by a passphrase.
 */
export function KeyCreateForm({ onCreated }: { onCreated?: (id: string) => void }) {
  const { t } = useTranslation('bundles');
  const profile = useApi('settings.profile', {});
  const protections = useApi('keys.protections', {});
  const client = useClient();
  const qc = useQueryClient();
  const [progress, setProgress] = useState<Progress>();
  const keychain = protections.data?.safeStorage.available === true;
  const f = useForm({ agency: '', passphrase: '', again: '' }, { guard: false });
  const agency = f.values.agency || profile.data?.agency || '';
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    f.clear();
    if (!keychain && f.values.passphrase !== f.values.again) return f.fail({ message: t('keys.mismatch') });
    const input = keychain ? { agency, protection: 'safeStorage' as const } : { agency, protection: 'passphrase' as const, passphrase: f.values.passphrase };
    // Takes 5-8 s (scrypt): the steps show as they pass.
    setProgress({ phase: 'generating', done: 0, total: 3 });
    client['keys.create'](input, { onProgress: setProgress })
      .then((k) => { void qc.invalidateQueries(); onCreated?.(k.id); }, f.fail)
      .finally(() => setProgress(undefined));
  };
  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="key-create">
      <h2>{t('keys.createTitle')}</h2>
      <p className="field--wide muted">{t('export.noKey')}</p>
      <FormError message={f.formError} />
      <Field label={t('keys.agency')} error={f.errors.agency}><input name="keyAgency" value={agency} onChange={(e) => f.set('agency', e.target.value)} /></Field>
      <Field label={t('keys.protection')} hint={!keychain && protections.data ? t('keys.keychainUnavailable', { reason: protections.data.safeStorage.reason }) : undefined}>
        <input readOnly value={keychain ? t('keys.safeStorage') : t('keys.passphrase')} />
      </Field>
      {!keychain && (
        <>
          <Field label={t('export.passphrase')} error={f.errors.passphrase}><input type="password" autoComplete="new-password" {...f.bind('passphrase')} /></Field>
          <Field label={t('keys.passphraseAgain')}><input type="password" autoComplete="new-password" {...f.bind('again')} /></Field>
        </>
      )}
      {progress && <div className="field--wide" data-testid="key-progress"><ProgressBar progress={{ ...progress, phase: t(`keys.phases.${progress.phase}`, { defaultValue: progress.phase }) }} /></div>}
      <div className="form__actions"><button className="button button--primary" type="submit" disabled={Boolean(progress)}>{t('keys.create')}</button></div>
    </form>
  );
}

export function KeysPanel() {
  const { t } = useTranslation('bundles');
  const keys = useApi('keys.list', {});
  const [creating, setCreating] = useState(false);
  return (
    <section className="stack">
      <ErrorBanner error={keys.error} />
      {keys.data?.length === 0 || creating ? <KeyCreateForm onCreated={() => setCreating(false)} /> : null}
      {keys.data?.map((k) => (
        <div key={k.id} className="panel key-card" data-testid="own-key">
          <div className="panel__header">
            <h2>{k.agencyName}</h2>
            <button className="button" onClick={() => saveText(pubFileName(k.agencyName), k.publicKey)}>{t('keys.downloadPub')}</button>
          </div>
          <dl className="bundle-report__facts">
            <dt>{t('keys.fingerprint')}</dt><dd className="mono key-card__fp">{k.fingerprint}</dd>
            <dt>{t('keys.keyId')}</dt><dd className="mono">{k.keyId}</dd>
            <dt>{t('keys.protection')}</dt><dd>{k.protection === 'safeStorage' ? t('keys.safeStorage') : t('keys.passphrase')}</dd>
            <dt>{t('keys.created')}</dt><dd>{formatDate(k.createdAt)}</dd>
          </dl>
          <p className="muted">{t('keys.readOut')}</p>
        </div>
      ))}
    </section>
  );
}
