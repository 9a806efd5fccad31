import { useTranslation } from 'react-i18next';
import { Field } from '../components/Form';
import { chooseLanguage } from './index';
import { LANGUAGES, LANGUAGE_NAMES, LANGUAGE_STORAGE_KEY, pickLanguage, type Language } from './language';

/** The interface language, chosen in Settings and kept on this machine; "as the system" follows navigator.languages. */
export function LanguagePicker() {
  const { t } = useTranslation('settings');
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    // no storage: the system's language applies
  }
  const system = pickLanguage(null, navigator.languages ?? [navigator.language]);
  return (
    <section className="panel form" data-testid="language-settings">
      <h2>{t('language.title')}</h2>
      <Field label={t('language.label')} hint={t('language.hint')} wide>
        <select name="language" value={stored ?? ''} onChange={(e) => void chooseLanguage((e.target.value || null) as Language | null)}>
          <option value="">{t('language.system', { language: LANGUAGE_NAMES[system] })}</option>
          {LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l]}</option>)}
        </select>
      </Field>
    </section>
  );
}
