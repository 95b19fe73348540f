/**
 * The theme is a class on <html> in both hosts: the console sets it from the user's preference, the
 * standalone shell from its switch. Reading the class (and watching it) keeps the page in step either way.
 */
import { useSyncExternalStore } from 'react';
import { darkThemeClass, ThemeMode } from './services';

function currentMode(): ThemeMode {
  return document.documentElement.classList.contains(darkThemeClass) ? 'dark' : 'light';
}

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}

export function useHtmlThemeMode(): ThemeMode {
  return useSyncExternalStore(subscribe, currentMode, () => 'light');
}

export function setHtmlThemeMode(mode: ThemeMode): void {
  document.documentElement.classList.toggle(darkThemeClass, mode === 'dark');
}
