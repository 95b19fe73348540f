/**
 * The host services inside the OpenShift console, from the dynamic plugin SDK. This module is the only
 * one importing the SDK at run time (the console provides it through module federation).
 */
import { ReactNode } from 'react';
import { consoleFetch, ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { groupVersionKind } from './k8s-kinds';
import { KindBadgeLink } from './kind-badge-link';
import { ConsoleServices, ConsoleServicesProvider, HostFetch, ResourceLinkProps, Theme } from './services';
import { useHtmlThemeMode } from './theme';

/** The console's proxy to the plugin's backend service (ConsolePlugin spec.proxy alias "backend"). */
export const consoleBackendBase = '/api/proxy/plugin/netobserv-plugin/backend';

/** What consoleFetch throws on a non-2xx status (its HttpError), read by shape. */
interface ConsoleHttpError {
  code?: number;
  json?: unknown;
  message?: string;
}

function isHttpError(e: unknown): e is ConsoleHttpError & { code: number } {
  return typeof e === 'object' && e !== null && typeof (e as ConsoleHttpError).code === 'number';
}

/**
 * consoleFetch sends the user's credentials but throws on error statuses after reading the body; turn
 * that back into a Response so the API client reads the backend's `{error}` the same way everywhere.
 */
export const consoleHostFetch: HostFetch = async (url, init) => {
  try {
    return await consoleFetch(url, init);
  } catch (e) {
    if (!isHttpError(e) || e.code < 200 || e.code > 599) throw e;
    if (e.json !== undefined) {
      return new Response(JSON.stringify(e.json), { status: e.code, headers: { 'Content-Type': 'application/json' } });
    }
    return new Response(e.message ?? '', { status: e.code, headers: { 'Content-Type': 'text/plain' } });
  }
};

function ConsoleResourceLink({ kind, name, namespace }: ResourceLinkProps) {
  const gvk = groupVersionKind(kind);
  // A kind the console may not know would give a broken link: show the badge and name instead.
  if (!gvk) return <KindBadgeLink kind={kind} name={name} namespace={namespace} />;
  return <ResourceLink groupVersionKind={gvk} name={name} namespace={namespace} inline />;
}

function useConsoleTheme(): Theme {
  return { mode: useHtmlThemeMode() };
}

export const consoleServices: ConsoleServices = {
  backendBase: consoleBackendBase,
  fetch: consoleHostFetch,
  ResourceLink: ConsoleResourceLink,
  useTheme: useConsoleTheme,
};

/** Wraps an exposed module's content with the console's host services. */
export function InConsole({ children }: { children: ReactNode }) {
  return <ConsoleServicesProvider services={consoleServices}>{children}</ConsoleServicesProvider>;
}
