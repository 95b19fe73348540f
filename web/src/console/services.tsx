/**
 * What the page needs from its host (the OpenShift console, or the standalone shell), behind small
 * interfaces. Only this folder knows the console SDK; components read these services from context, so
 * the same page runs in the console, in the standalone shell and in jest.
 */
import { ComponentType, createContext, ReactNode, useContext } from 'react';

/** A fetch that carries the user's credentials to the backend (in the console: its bearer token). */
export type HostFetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface ResourceLinkProps {
  /** Kubernetes kind, e.g. Pod, Service, Node, Namespace, Deployment. */
  kind: string;
  name: string;
  namespace?: string;
}

export type ThemeMode = 'light' | 'dark';

export interface Theme {
  mode: ThemeMode;
  /** Only the standalone shell lets the page switch the theme; the console owns its own. */
  setMode?: (mode: ThemeMode) => void;
}

export interface ConsoleServices {
  /** Prefix of the backend URLs: the console proxies the plugin's backend under its own path. */
  backendBase: string;
  fetch: HostFetch;
  ResourceLink: ComponentType<ResourceLinkProps>;
  useTheme: () => Theme;
}

const ConsoleServicesContext = createContext<ConsoleServices | undefined>(undefined);

export function ConsoleServicesProvider({ services, children }: { services: ConsoleServices; children: ReactNode }) {
  return <ConsoleServicesContext.Provider value={services}>{children}</ConsoleServicesContext.Provider>;
}

export function useConsoleServices(): ConsoleServices {
  const services = useContext(ConsoleServicesContext);
  if (!services) throw new Error('useConsoleServices: no ConsoleServicesProvider above this component');
  return services;
}

/** The theme as the host decides it (console or standalone shell). */
export function useHostTheme(): Theme {
  return useConsoleServices().useTheme();
}

/** The class PatternFly 6 reads on <html> to switch to dark colours. */
export const darkThemeClass = 'pf-v6-theme-dark';
