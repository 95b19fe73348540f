import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useLocation } from 'react-router';
import { flowsFixture } from '../../test-utils/flows-fixture';
import { renderWithHost, routeFetch } from '../../test-utils/render';
import { jsonResponse } from '../../test-utils/responses';
import { NetflowTraffic } from '../netflow-traffic';
import { suggestionsDebounceMs } from './use-value-suggestions';

// The whole page renders in jsdom on a shared machine: give each test room.
jest.setTimeout(60_000);

let location = '';
function LocationProbe() {
  const l = useLocation();
  location = l.search;
  return null;
}
const urlParam = (name: string) => new URLSearchParams(location).get(name);

function flowsCalls(fetch: jest.Mock): URLSearchParams[] {
  return fetch.mock.calls.map((c) => c[0] as string).filter((u) => u.includes('/api/flows')).map((u) => new URL(u, 'http://x').searchParams);
}

async function renderPage(url = '/', values: () => Response = () => jsonResponse(200, { values: ['iperf', 'istio-system'] })) {
  const fetch = routeFetch({
    '/api/frontend-config': () => jsonResponse(200, {}),
    '/api/flows': () => jsonResponse(200, flowsFixture),
    '/api/values': values,
  });
  await renderWithHost(
    <>
      <NetflowTraffic />
      <LocationProbe />
    </>,
    { fetch, url },
  );
  await screen.findAllByTestId('flow-row');
  return fetch;
}

function addFilter(target: string, value: string, op?: string) {
  fireEvent.change(screen.getByTestId('filter-field'), { target: { value: target } });
  if (op) fireEvent.change(screen.getByTestId('filter-op'), { target: { value: op } });
  fireEvent.change(screen.getByTestId('filter-value'), { target: { value } });
  fireEvent.click(screen.getByTestId('filter-add'));
}

describe('filters toolbar', () => {
  it('adds a filter from the builder as a chip, in the URL, with one flows request', async () => {
    const fetch = await renderPage();
    const before = flowsCalls(fetch).length;
    await act(async () => addFilter('SrcK8S_Namespace', 'iperf'));
    expect(urlParam('filters')).toBe('SrcK8S_Namespace=iperf');
    const chips = screen.getByTestId('filter-chips');
    expect(chips).toHaveTextContent('Source namespace');
    expect(within(chips).getByTestId('filter-chip')).toHaveTextContent('iperf');
    await waitFor(() => expect(flowsCalls(fetch).length).toBe(before + 1));
    expect(flowsCalls(fetch).pop()?.get('filters')).toBe('SrcK8S_Namespace=iperf');
    // The text form follows.
    expect(screen.getByTestId('filter-input')).toHaveValue('SrcK8S_Namespace=iperf');
  });

  it('switches sides back and forth, negates, matches any and clears', async () => {
    await renderPage('/?filters=SrcK8S_Namespace%3Diperf%3BDstPort%3D443');
    const flip = () => fireEvent.click(screen.getAllByTestId('filter-flip')[0]);
    await act(async () => flip());
    expect(urlParam('filters')).toBe('DstK8S_Namespace=iperf;DstPort=443');
    await act(async () => flip());
    expect(urlParam('filters')).toBe('K8S_Namespace=iperf;DstPort=443');
    await act(async () => flip());
    expect(urlParam('filters')).toBe('SrcK8S_Namespace=iperf;DstPort=443');

    await act(async () => fireEvent.click(screen.getAllByTestId('filter-not')[0]));
    expect(urlParam('filters')).toBe('SrcK8S_Namespace!=iperf;DstPort=443');
    expect(screen.getAllByTestId('filter-chip-group')[0]).toHaveTextContent('Source namespace not');

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Match any' })));
    expect(urlParam('match')).toBe('any');

    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^Remove the filter on Destination port/ })));
    expect(urlParam('filters')).toBe('SrcK8S_Namespace!=iperf');

    await act(async () => fireEvent.click(screen.getByTestId('filters-clear')));
    // Empty, not absent: without the parameter the configured default filters would apply again.
    expect(urlParam('filters')).toBe('');
    expect(screen.queryByTestId('filter-chips')).toBeNull();
  });

  it('explains a value that does not fit the field and applies nothing', async () => {
    await renderPage();
    await act(async () => addFilter('SrcAddr', '10.0.0.300'));
    expect(screen.getByTestId('filter-value-error')).toHaveTextContent('"10.0.0.300" is not an IP address or CIDR range');
    await act(async () => addFilter('SrcK8S_Name', 'a(b', '=~'));
    expect(screen.getByTestId('filter-value-error')).toHaveTextContent('is not a valid regular expression');
    expect(urlParam('filters')).toBeNull();
    // A port name is a port.
    await act(async () => addFilter('DstPort', 'https'));
    expect(urlParam('filters')).toBe('DstPort=https');
  });

  it('offers a list for enums and quotes hostile text values', async () => {
    await renderPage();
    fireEvent.change(screen.getByTestId('filter-field'), { target: { value: 'Proto' } });
    const list = screen.getByTestId('filter-value');
    expect(list.tagName).toBe('SELECT');
    expect(within(list).getByRole('option', { name: 'UDP (17)' })).toBeInTheDocument();
    fireEvent.change(list, { target: { value: 'UDP' } });
    await act(async () => fireEvent.click(screen.getByTestId('filter-add')));
    expect(urlParam('filters')).toBe('Proto=UDP');

    // Network events: the action from a list, the policy kind with suggestions.
    fireEvent.change(screen.getByTestId('filter-field'), { target: { value: 'NetworkEventAction' } });
    fireEvent.change(screen.getByTestId('filter-value'), { target: { value: 'drop' } });
    await act(async () => fireEvent.click(screen.getByTestId('filter-add')));
    fireEvent.change(screen.getByTestId('filter-field'), { target: { value: 'NetworkEventType' } });
    const kinds = screen.getByTestId('filter-suggestions').querySelectorAll('option');
    expect([...kinds].map((o) => o.value)).toContain('AdminNetworkPolicy');
    await act(async () => addFilter('NetworkEventType', 'NetworkPolicy'));
    expect(urlParam('filters')).toBe('Proto=UDP;NetworkEventAction=drop;NetworkEventType=NetworkPolicy');
    await act(async () => fireEvent.click(screen.getByTestId('filters-clear')));

    await act(async () => addFilter('SrcK8S_Name', 'a"b\\c`|.*'));
    expect(urlParam('filters')).toBe('SrcK8S_Name="a\\"b\\\\c`|.*"');
  });

  it('suggests values after a pause, aborting the request of an older prefix', async () => {
    jest.useFakeTimers();
    try {
      const fetch = await renderPage();
      const valuesCalls = () => fetch.mock.calls.filter((c) => (c[0] as string).includes('/api/values'));
      const input = screen.getByTestId('filter-value');
      fireEvent.change(input, { target: { value: 'i' } });
      fireEvent.change(input, { target: { value: 'ip' } });
      await act(async () => {
        jest.advanceTimersByTime(suggestionsDebounceMs + 1);
      });
      // One request for the last prefix only; the first prefix never asked.
      expect(valuesCalls().map((c) => new URL(c[0] as string, 'http://x').searchParams.get('prefix'))).toEqual(['ip']);
      fireEvent.change(input, { target: { value: 'ipe' } });
      await act(async () => {
        jest.advanceTimersByTime(suggestionsDebounceMs + 1);
      });
      const [first, second] = valuesCalls().slice(-2).map((c) => (c[1] as RequestInit).signal as AbortSignal);
      expect(first.aborted).toBe(true);
      expect(second.aborted).toBe(false);
      const options = screen.getByTestId('filter-suggestions').querySelectorAll('option');
      expect([...options].map((o) => o.value)).toEqual(['iperf', 'istio-system']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('toggles a quick filter on and off', async () => {
    await renderPage('/?filters=DstPort%3D443');
    const apps = screen.getByRole('button', { name: 'Applications' });
    await act(async () => fireEvent.click(apps));
    expect(urlParam('filters')).toBe('DstPort=443;K8S_FlowLayer=app');
    expect(apps).toHaveAttribute('aria-pressed', 'true');
    await act(async () => fireEvent.click(apps));
    expect(urlParam('filters')).toBe('DstPort=443');
  });

  it('sends the query options and the custom range, and keeps them in the URL', async () => {
    const fetch = await renderPage('/?limit=500&recordType=endConnection&dedup=false&packetLoss=dropped&match=any&startTime=1763889700&endTime=1763890000');
    const sent = flowsCalls(fetch).pop() as URLSearchParams;
    expect(Object.fromEntries(['limit', 'recordType', 'dedup', 'packetLoss', 'match', 'startTime', 'endTime'].map((k) => [k, sent.get(k)]))).toEqual({
      limit: '500', recordType: 'endConnection', dedup: 'false', packetLoss: 'dropped', match: 'any', startTime: '1763889700', endTime: '1763890000',
    });
    expect(screen.getByTestId('time-range')).toHaveValue('custom');
    await act(async () => fireEvent.change(screen.getByTestId('packet-loss'), { target: { value: 'hasDrops' } }));
    await act(async () => fireEvent.change(screen.getByTestId('time-range'), { target: { value: '3600' } }));
    expect(urlParam('packetLoss')).toBe('hasDrops');
    expect([urlParam('timeRange'), urlParam('startTime')]).toEqual(['3600', null]);
    await waitFor(() => expect(flowsCalls(fetch).pop()?.get('packetLoss')).toBe('hasDrops'));
  });

  it('warns about invalid URL parameters and runs with the defaults', async () => {
    const fetch = await renderPage('/?limit=abc&timeRange=-5&dataSource=mysql');
    expect(screen.getByTestId('url-warning')).toHaveTextContent('limit: "abc" is not valid');
    expect(screen.getByTestId('url-warning')).toHaveTextContent('dataSource: "mysql" is not valid');
    expect(flowsCalls(fetch).pop()?.get('limit')).toBe('100');
  });

  it('refreshes on its own at the chosen interval', async () => {
    jest.useFakeTimers();
    try {
      const fetch = await renderPage('/?refresh=15');
      const before = flowsCalls(fetch).length;
      await act(async () => {
        jest.advanceTimersByTime(15_000);
      });
      await waitFor(() => expect(flowsCalls(fetch).length).toBe(before + 1));
    } finally {
      jest.useRealTimers();
    }
  });
});
