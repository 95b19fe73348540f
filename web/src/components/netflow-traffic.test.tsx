import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { flowsFixture } from '../test-utils/flows-fixture';
import { renderWithHost, routeFetch } from '../test-utils/render';
import { jsonResponse } from '../test-utils/responses';
import { NetflowTraffic } from './netflow-traffic';

const config = () => jsonResponse(200, {});

function flowsUrl(fetch: jest.Mock): URLSearchParams {
  const call = fetch.mock.calls.map((c) => c[0] as string).reverse().find((u) => u.includes('/api/flows'));
  return new URL(call as string, 'http://x').searchParams;
}

describe('NetflowTraffic page', () => {
  it('shows the title and the flows', async () => {
    const fetch = routeFetch({ '/api/frontend-config': config, '/api/flows': () => jsonResponse(200, flowsFixture) });
    await renderWithHost(<NetflowTraffic />, { fetch });
    expect(screen.getByTestId('page-title')).toHaveTextContent('Network Traffic');
    expect(await screen.findAllByTestId('flow-row')).toHaveLength(2);
    const params = flowsUrl(fetch);
    expect(params.get('limit')).toBe('100');
    expect(Number(params.get('endTime')) - Number(params.get('startTime'))).toBeGreaterThanOrEqual(300);
  });

  it("shows the backend's error message", async () => {
    const fetch = routeFetch({
      '/api/frontend-config': config,
      '/api/flows': () => jsonResponse(504, { error: 'Loki did not answer within 25 s: narrow the time range' }),
    });
    await renderWithHost(<NetflowTraffic />, { fetch });
    const error = await screen.findByTestId('error-state');
    expect(error).toHaveTextContent('Unable to get flows');
    expect(error).toHaveTextContent('Loki did not answer within 25 s: narrow the time range');
  });

  it('shows hints when no flow matches, and the limit notice when the limit is reached', async () => {
    const empty = { records: [], stats: { numQueries: 1, limitReached: false, durationMs: 1 } };
    const fetch = routeFetch({ '/api/frontend-config': config, '/api/flows': () => jsonResponse(200, empty) });
    await renderWithHost(<NetflowTraffic />, { fetch, url: '/?filters=K8S_Namespace%3Diperf' });
    const state = await screen.findByTestId('empty-state');
    expect(state).toHaveTextContent('widen the time range');
    expect(state).toHaveTextContent('remove a filter');
    expect(flowsUrl(fetch).get('filters')).toBe('K8S_Namespace=iperf');

    const full = { ...flowsFixture, stats: { ...flowsFixture.stats, limitReached: true } };
    fetch.mockImplementation(async (url: string) => (url.includes('/api/flows') ? jsonResponse(200, full) : config()));
    await act(async () => fireEvent.click(screen.getByTestId('refresh')));
    expect(await screen.findByTestId('limit-reached')).toHaveTextContent('Only the 100 most recent flows are shown');
  });

  it('refuses filters that do not parse, and applies those that do', async () => {
    const fetch = routeFetch({ '/api/frontend-config': config, '/api/flows': () => jsonResponse(200, flowsFixture) });
    await renderWithHost(<NetflowTraffic />, { fetch });
    await screen.findAllByTestId('flow-row');
    const input = screen.getByTestId('filter-input');

    fireEvent.change(input, { target: { value: 'NoSuchField=1' } });
    fireEvent.click(screen.getByTestId('filter-apply'));
    expect(screen.getByTestId('filter-error')).toHaveTextContent('unknown filter field "NoSuchField"');

    fireEvent.change(input, { target: { value: 'DstPort=443' } });
    await act(async () => fireEvent.click(screen.getByTestId('filter-apply')));
    expect(screen.queryByTestId('filter-error')).not.toBeInTheDocument();
    await waitFor(() => expect(flowsUrl(fetch).get('filters')).toBe('DstPort=443'));
  });

  it('does not query with filters from the URL that do not parse, and says why', async () => {
    const fetch = routeFetch({ '/api/frontend-config': config, '/api/flows': () => jsonResponse(200, flowsFixture) });
    await renderWithHost(<NetflowTraffic />, { fetch, url: '/?filters=DstPort%3Dnope' });
    expect(await screen.findByTestId('filter-error')).toHaveTextContent('Invalid filters');
    expect(fetch.mock.calls.some((c) => (c[0] as string).includes('/api/flows'))).toBe(false);
  });
});

describe('NetflowTraffic quick filters', () => {
  // Whole-page renders: slow on a loaded machine.
  const timeout = 30_000;
  const quickButtons = () => Array.from(screen.getByTestId('quick-filters').querySelectorAll('button')).map((b) => b.textContent);

  it("shows the backend's quick filters and applies one on click", async () => {
    const serverConfig = () => jsonResponse(200, { quickFilters: [{ name: 'HTTPS', filter: 'DstPort=443' }, { name: 'Drops only', filter: 'PktDropPackets>0' }] });
    const fetch = routeFetch({ '/api/frontend-config': serverConfig, '/api/flows': () => jsonResponse(200, flowsFixture) });
    await renderWithHost(<NetflowTraffic />, { fetch });
    await screen.findAllByTestId('flow-row');
    await waitFor(() => expect(quickButtons()).toEqual(['HTTPS', 'Drops only']));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'HTTPS' })));
    await waitFor(() => expect(flowsUrl(fetch).get('filters')).toBe('DstPort=443'));
  }, timeout);

  it('shows none when the backend lists none, and the defaults when it says nothing', async () => {
    const none = routeFetch({ '/api/frontend-config': () => jsonResponse(200, { quickFilters: [] }), '/api/flows': () => jsonResponse(200, flowsFixture) });
    const { unmount } = await renderWithHost(<NetflowTraffic />, { fetch: none });
    await screen.findAllByTestId('flow-row');
    await waitFor(() => expect(quickButtons()).toEqual([]));
    unmount();

    const silent = routeFetch({ '/api/frontend-config': config, '/api/flows': () => jsonResponse(200, flowsFixture) });
    await renderWithHost(<NetflowTraffic />, { fetch: silent });
    await screen.findAllByTestId('flow-row');
    expect(quickButtons()).toContain('Applications');
  }, timeout);

  it('starts from the default quick filters when the address has none, and stays cleared once cleared', async () => {
    const serverConfig = () =>
      jsonResponse(200, { quickFilters: [{ name: 'HTTPS', filter: 'DstPort=443', default: true }, { name: 'Drops only', filter: 'PktDropPackets>0' }] });
    const fetch = routeFetch({ '/api/frontend-config': serverConfig, '/api/flows': () => jsonResponse(200, flowsFixture) });
    const { unmount } = await renderWithHost(<NetflowTraffic />, { fetch });
    await screen.findAllByTestId('flow-row');
    // The first query already has the default: the page waited for the configuration.
    const flowCalls = () => fetch.mock.calls.map((c) => c[0] as string).filter((u) => u.includes('/api/flows'));
    expect(flowCalls().map((u) => new URL(u, 'http://x').searchParams.get('filters'))).toEqual(['DstPort=443']);
    expect(screen.getByTestId('filter-input')).toHaveValue('DstPort=443');
    await act(async () => fireEvent.click(screen.getByTestId('filters-clear')));
    await waitFor(() => expect(flowsUrl(fetch).get('filters')).toBe(''));
    unmount();

    const linked = routeFetch({ '/api/frontend-config': serverConfig, '/api/flows': () => jsonResponse(200, flowsFixture) });
    await renderWithHost(<NetflowTraffic />, { fetch: linked, url: '/?filters=' });
    await screen.findAllByTestId('flow-row');
    expect(flowsUrl(linked).get('filters')).toBe('');
  }, timeout);
});
