import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../api/hooks';
import { Modal } from '../../components/Modal';
import { Field, FormError } from '../../components/Form';
import { useForm } from '../../components/useForm';
import { KeyCreateForm } from '../bundles/KeysPanel';

/**
 * Asked once, before anything else: who is working. Every audit row, custody entry, report and
 * bundle names this person; it cannot be dismissed, only answered. Then, if this installation has
 * no signing key yet, it offers to create the agency's key (checkpoints and bundles are signed with
 * it); that step may be left for later.
 */
export function FirstLaunchDialog({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('settings');
  const save = useApiMutation('settings.setProfile');
  const keys = useApi('keys.list', {});
  const f = useForm({ user: '', agency: '', role: '' });
  const [step, setStep] = useState<'profile' | 'key'>('profile');
  const saved = () => {
    f.saved();
    if (keys.data && keys.data.length > 0) onDone();
    else setStep('key');
  };
  return (
    <Modal title={t(step === 'profile' ? 'firstLaunch.title' : 'firstLaunch.keyTitle')} onClose={() => undefined} dismissable={false}>
      {step === 'profile' ? (
        <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); save.mutate(f.values, { onError: f.fail, onSuccess: saved }); }}>
          <p className="muted">{t('firstLaunch.hint')}</p>
          <FormError message={f.formError} />
          <Field label={t('user')} error={f.errors.user}><input data-autofocus {...f.bind('user')} /></Field>
          <Field label={t('agency')} error={f.errors.agency}><input {...f.bind('agency')} /></Field>
          <Field label={t('role')} error={f.errors.role} hint={t('roleHint')}><input {...f.bind('role')} /></Field>
          <div className="form__actions">
            <button className="button button--primary" type="submit" disabled={save.isPending}>{t('firstLaunch.start')}</button>
          </div>
        </form>
      ) : (
        <div className="stack" data-testid="first-launch-key">
          <p className="muted">{t('firstLaunch.keyHint')}</p>
          <KeyCreateForm onCreated={onDone} />
          <div className="form__actions">
            <button className="button" type="button" onClick={onDone}>{t('firstLaunch.later')}</button>
          </div>
        </div>
      )}
    </Modal>
  );
}
