import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../api/hooks';
import { Field, FormError } from '../../components/Form';
import { useForm } from '../../components/useForm';
import { BackupsPanel } from './BackupsPanel';
import { HubPanel } from './HubPanel';
import { EncryptionPanel } from './EncryptionPanel';
import { LanguagePicker } from '../../i18n/LanguagePicker';

/** Who is working: written into every audit row. */
export function SettingsView() {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const profile = useApi('settings.profile', {});
  const save = useApiMutation('settings.setProfile');
  const f = useForm({ user: '', agency: '', role: '' }, { guard: false });
  useEffect(() => {
    if (profile.data) { f.set('user', profile.data.user); f.set('agency', profile.data.agency); f.set('role', profile.data.role); }
    // Deliberately not every dependency: runs when the values named below change, not on each render.
  }, [profile.data]);
  return (
    <section className="page narrow">
      <h1>{t('title')}</h1>
      <form className="panel form" noValidate onSubmit={(e) => { e.preventDefault(); save.mutate(f.values, { onError: f.fail }); }}>
        <h2>{t('profile')}</h2>
        <p className="muted">{t('profileHint')}</p>
        <FormError message={f.formError} />
        <Field label={t('user')} error={f.errors.user}><input {...f.bind('user')} /></Field>
        <Field label={t('agency')} error={f.errors.agency}><input {...f.bind('agency')} /></Field>
        <Field label={t('role')} error={f.errors.role} hint={t('roleHint')}><input {...f.bind('role')} /></Field>
        <div className="form__actions">
          {save.isSuccess && <span className="muted">{t('saved')}</span>}
          <button className="button button--primary" type="submit">{tc('actions.save')}</button>
        </div>
      </form>
      <EncryptionPanel />
      <BackupsPanel />
      <HubPanel />
      <LanguagePicker />
    </section>
  );
}
