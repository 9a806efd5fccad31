import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../api/hooks';
import { Field, FormError } from '../../components/Form';
import { FingerprintConfirm } from '../../components/FingerprintConfirm';
import { useForm } from '../../components/useForm';
import { formatDate } from '../../i18n/format';

const EXAMPLE_URL = 'https://hub.example.org';

/** Settings -> Hub: the regional hub's address, and its key's fingerprint confirmed as for any key. */
export function HubPanel() {
  const { t } = useTranslation('hub');
  const status = useApi('hub.status', {});
  const keys = useApi('keys.list', {});
  const connect = useApiMutation('hub.connect');
  const confirm = useApiMutation('hub.confirm');
  const f = useForm({ url: '', keyId: '', passphrase: '' }, { guard: false });
  const [you, setYou] = useState<string>();
  const link = status.data?.link;
  const key = keys.data?.find((k) => k.id === f.values.keyId) ?? keys.data?.[0];
  useEffect(() => {
    if (link && !f.values.url) f.set('url', link.url);
    if (key && !f.values.keyId) f.set('keyId', link?.signingKeyId ?? key.id);
    // Deliberately not every dependency: fills the form once the link and keys are known.
  }, [link?.id, key?.id]);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const input = { url: f.values.url, keyId: key?.id ?? '', passphrase: key?.protection === 'passphrase' ? f.values.passphrase : undefined };
    connect.mutate(input, { onError: f.fail, onSuccess: (r) => { setYou(r.you.agency); f.set('passphrase', ''); } });
  };
  return (
    <section className="stack" data-testid="hub-settings">
      <form className="panel form" onSubmit={submit} noValidate>
        <h2>{t('title')}</h2>
        <p className="muted">{t('hint')}</p>
        <FormError message={f.formError} />
        {keys.data?.length === 0 && <div className="banner">{t('noKey')}</div>}
        <Field label={t('url')} error={f.errors.url}><input {...f.bind('url')} placeholder={EXAMPLE_URL} /></Field>
        <Field label={t('key')} error={f.errors.keyId}>
          <select {...f.bind('keyId')}>
            {keys.data?.map((k) => <option key={k.id} value={k.id}>{k.agencyName} · {k.fingerprint.slice(0, 19)}…</option>)}
          </select>
        </Field>
        {key?.protection === 'passphrase' && <Field label={t('passphrase')} error={f.errors.passphrase}><input type="password" autoComplete="off" {...f.bind('passphrase')} /></Field>}
        <div className="form__actions">
          <button className="button button--primary" type="submit" disabled={connect.isPending || !key}>{connect.isPending ? t('connecting') : t('connect')}</button>
        </div>
      </form>
      {link && (
        <section className="panel" data-testid="hub-link">
          <h2>{t('hubName')}: {link.name}</h2>
          {you && <p className="muted">{t('youAre', { agency: you })}</p>}
          <dl className="hub-facts">
            <dt>{t('url')}</dt><dd className="mono">{link.url}</dd>
            <dt>{t('fingerprint')}</dt><dd className="mono" data-testid="hub-fingerprint">{link.fingerprint}</dd>
            <dt>{t('words')}</dt><dd><strong data-testid="hub-words">{link.fingerprintWords}</strong></dd>
            <dt>{t('state')}</dt>
            <dd data-testid="hub-state" data-state={link.confirmedAt ? 'confirmed' : 'pending'}>
              {link.confirmedAt
                ? <><span className="badge badge--closed">{t('confirmedBadge')}</span> {t('confirmed', { at: formatDate(link.confirmedAt) })}</>
                : <><span className="badge badge--pending">{t('pendingBadge')}</span> <span className="muted">{t('pending')}</span></>}
            </dd>
            <dt>{t('lastSyncLabel')}</dt><dd>{link.lastSyncAt ? formatDate(link.lastSyncAt) : t('neverSynced')}</dd>
          </dl>
        </section>
      )}
      {link && !link.confirmedAt && (
        <FingerprintConfirm title={t('confirmTitle')} label={t('confirmLabel')} submitLabel={t('confirm')} error={confirm.error} pending={confirm.isPending}
          onConfirm={(typed, done) => confirm.mutate({ fingerprint: typed }, { onSuccess: done })} testId="hub-confirm" />
      )}
    </section>
  );
}
