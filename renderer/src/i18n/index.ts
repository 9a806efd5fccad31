import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Every user-facing string goes through here. Each domain has its own namespace file under
 * i18n/<lang>/<namespace>.json, picked up automatically; Spanish, Portuguese and French are new folders.
 */
const files = import.meta.glob('./*/*.json', { eager: true, import: 'default' }) as Record<string, Record<string, unknown>>;

const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, content] of Object.entries(files)) {
  const [, lang, ns] = /\.\/([\w-]+)\/([\w-]+)\.json$/.exec(file)!;
  (resources[lang] ??= {})[ns] = content;
}

void i18n.use(initReactI18next).init({
  resources,
  lng: navigator.language?.split('-')[0] in resources ? navigator.language.split('-')[0] : 'en',
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: Object.keys(resources.en ?? {}),
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
