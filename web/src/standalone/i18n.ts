/**
 * i18next for the standalone shell, with the bundled English strings. In the console, the console
 * initialises i18next itself and loads locales/<lng>/plugin__netobserv-plugin.json from the plugin.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../../locales/en/plugin__netobserv-plugin.json';
import { i18nNamespace } from '../components/i18n';

export function initStandaloneI18n(): Promise<unknown> {
  return i18n.use(initReactI18next).init({
    lng: 'en',
    fallbackLng: 'en',
    ns: [i18nNamespace],
    defaultNS: i18nNamespace,
    resources: { en: { [i18nNamespace]: en } },
    // Like the console: natural-language keys, so no key nesting, and "~" between namespace and key.
    keySeparator: false,
    nsSeparator: '~',
    interpolation: { escapeValue: false }, // React escapes
    returnEmptyString: false,
  });
}
