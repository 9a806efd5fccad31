import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/hooks';
import { Modal } from '../../components/Modal';
import { Field, FormError } from '../../components/Form';
import { useForm } from '../../components/useForm';

/**
 * Asked once, before anything else: who is working. Every audit row, custody entry, report and
 * bundle names this person; it cannot be dismissed, only answered.
 */
export function FirstLaunchDialog() {
  const { t } = useTranslation('settings');
  const save = useApiMutation('settings.setProfile');
  const f = useForm({ user: '', agency: '', role: '' });
  return (
    <Modal title={t('firstLaunch.title')} onClose={() => undefined} dismissable={false}>
        <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); save.mutate(f.values, { onError: f.fail }); }}>
          <p className="muted">{t('firstLaunch.hint')}</p>
          <FormError message={f.formError} />
          <Field label={t('user')} error={f.errors.user}><input data-autofocus {...f.bind('user')} /></Field>
          <Field label={t('agency')} error={f.errors.agency}><input {...f.bind('agency')} /></Field>
          <Field label={t('role')} error={f.errors.role} hint={t('roleHint')}><input {...f.bind('role')} /></Field>
          <div className="form__actions">
            <button className="button button--primary" type="submit" disabled={save.isPending}>{t('firstLaunch.start')}</button>
          </div>
        </form>
    </Modal>
  );
}
