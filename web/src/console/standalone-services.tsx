/** The host services of the standalone shell: same-origin backend, the browser's fetch, the theme switch. */
import { KindBadgeLink } from './kind-badge-link';
import { ConsoleServices, Theme, ThemeMode } from './services';
import { setHtmlThemeMode, useHtmlThemeMode } from './theme';

const themeStorageKey = 'netobserv-standalone-theme';

function storeMode(mode: ThemeMode): void {
  setHtmlThemeMode(mode);
  try {
    window.localStorage.setItem(themeStorageKey, mode);
  } catch {
    // Storage may be disabled (private mode): the switch still works for this page.
  }
}

/** Applies the theme remembered from the last visit, or the system preference. */
export function restoreStandaloneTheme(): void {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(themeStorageKey);
  } catch {
    stored = null;
  }
  const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  setHtmlThemeMode(stored === 'dark' || (stored === null && prefersDark) ? 'dark' : 'light');
}

function useStandaloneTheme(): Theme {
  return { mode: useHtmlThemeMode(), setMode: storeMode };
}

export const standaloneServices: ConsoleServices = {
  backendBase: '',
  fetch: (url, init) => window.fetch(url, init),
  ResourceLink: KindBadgeLink,
  useTheme: useStandaloneTheme,
};
