/** The plugin's react-i18next namespace: the console loads locales/<lng>/plugin__netobserv-plugin.json. */
import { useTranslation } from 'react-i18next';

export const i18nNamespace = 'plugin__netobserv-plugin';

export function usePluginTranslation() {
  return useTranslation(i18nNamespace);
}

/** The translation function, as pure helpers (labels, formatting) take it from components. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;
