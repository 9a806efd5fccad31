import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation, useReadOnly } from '../../api/hooks';
import { Field, FormError } from '../../components/Form';
import { useForm } from '../../components/useForm';

/**
 * Encryption at rest: change the passphrase of a database kept under one (browser, command line),
 * or rotate the key the OS keychain keeps for it (desktop). A wrong current passphrase changes nothing.
 */
export function EncryptionPanel() {
  const { t } = useTranslation('settings');
  const readOnly = useReadOnly();
  const info = useApi('db.encryption', {});
  const change = useApiMutation('db.changeKey');
  const f = useForm({ current: '', next: '', confirm: '' }, { guard: false });
  const source = info.data?.keySource;
  if (!source) return null;

  const submit = () => {
    if (source === 'keychain') return change.mutate({ mode: 'rotate' }, { onError: f.fail });
    if (f.values.next !== f.values.confirm) return f.fail(new Error(t('encryption.mismatch')));
    change.mutate({ mode: 'passphrase', current: f.values.current, next: f.values.next }, { onError: f.fail, onSuccess: () => f.reset() });
  };

  return (
    <form className="panel form" noValidate aria-label={t('encryption.title')} onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <h2>{t('encryption.title')}</h2>
      <p className="muted">{{ none: t('encryption.hintNone'), passphrase: t('encryption.hintPassphrase'), keychain: t('encryption.hintKeychain') }[source]}</p>
      {source === 'passphrase' && (
        <>
          <FormError message={f.formError} />
          <Field label={t('encryption.current')} error={f.errors.current}><input type="password" autoComplete="current-password" {...f.bind('current')} /></Field>
          <Field label={t('encryption.next')} error={f.errors.next}><input type="password" autoComplete="new-password" {...f.bind('next')} /></Field>
          <Field label={t('encryption.confirm')} error={f.errors.confirm}><input type="password" autoComplete="new-password" {...f.bind('confirm')} /></Field>
        </>
      )}
      {source === 'keychain' && <FormError message={f.formError} />}
      {source !== 'none' && (
        <div className="form__actions">
          {change.isSuccess && <span className="muted" role="status">{t('encryption.done', { seq: change.data.auditSeq })}</span>}
          <button className="button button--primary" type="submit" disabled={readOnly || change.isPending}>
            {change.isPending ? t('encryption.working') : t(source === 'keychain' ? 'encryption.rotate' : 'encryption.change')}
          </button>
        </div>
      )}
    </form>
  );
}
