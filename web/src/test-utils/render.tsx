/** Renders components as the page runs them: router, host services (a test fetch) and i18next. */
import { ReactElement } from 'react';
import { render, RenderResult } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { ConsoleServices, ConsoleServicesProvider, HostFetch } from '../console/services';
import { KindBadgeLink } from '../console/kind-badge-link';
import { initStandaloneI18n } from '../standalone/i18n';
import { jsonResponse } from './responses';

export function testServices(fetch: HostFetch): ConsoleServices {
  return { backendBase: '/backend', fetch, ResourceLink: KindBadgeLink, useTheme: () => ({ mode: 'light' }) };
}

/** A fetch answering by path (without the query string); unknown paths answer 404 like the backend. */
export function routeFetch(routes: Record<string, () => Response | Promise<Response>>): jest.Mock<Promise<Response>, [string, RequestInit?]> {
  return jest.fn(async (url: string) => {
    const path = url.replace(/^\/backend/, '').split('?')[0];
    const route = routes[path];
    return route ? route() : jsonResponse(404, { error: `no route ${path}` });
  });
}

let i18nReady: Promise<unknown> | undefined;

export async function renderWithHost(ui: ReactElement, { fetch, url = '/' }: { fetch: HostFetch; url?: string }): Promise<RenderResult> {
  i18nReady ??= initStandaloneI18n();
  await i18nReady;
  return render(
    <ConsoleServicesProvider services={testServices(fetch)}>
      <MemoryRouter initialEntries={[url]}>{ui}</MemoryRouter>
    </ConsoleServicesProvider>,
  );
}
