import { act, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
import { MetricSeries, MetricsResponse, MetricType, MetricUnit } from '../../model/metrics';
import { renderWithHost } from '../../test-utils/render';
import { jsonResponse } from '../../test-utils/responses';
import { MetricViewProps } from '../views/metric-view-props';
import { OverviewView, panelsStorageKey } from './overview-view';
import { requestCount, defaultPanelIds } from './panel-defs';

const now = 1_763_890_000;
const units: Record<MetricType, MetricUnit> = {
  bytes: 'bytes',
  packets: 'packets',
  droppedBytes: 'bytes',
  droppedPackets: 'packets',
  rtt: 'ms',
  dnsLatency: 'ms',
  networkEvents: 'events',
  flows: 'flows',
};

function series(source: Record<string, string>, destination: Record<string, string>, value: number, breakdown?: Record<string, string>): MetricSeries {
  return {
    source,
    destination,
    breakdown,
    values: [
      [now - 120, value],
      [now - 60, value * 2],
      [now, value],
    ],
    stats: { avg: value * 1.5, max: value * 2, last: value },
  };
}

/** Answers like the backend: series shaped by the scope and breakdown asked for. */
function metricsAnswer(params: URLSearchParams): MetricsResponse {
  const type = params.get('type') as MetricType;
  const scope = params.get('scope');
  const breakdown = params.get('breakdown');
  let metrics: MetricSeries[];
  if (breakdown === 'dropCause') {
    metrics = [series({ K8S_ClusterName: 'prod' }, {}, 3, { PktDropLatestDropCause: 'SKB_DROP_REASON_NO_SOCKET' })];
  } else if (breakdown === 'eventPolicy') {
    metrics = [
      series({ K8S_ClusterName: 'prod' }, {}, 2, {
        NetworkEventType: 'NetworkPolicy',
        NetworkEventNamespace: 'shop',
        NetworkEventName: 'deny-all',
        NetworkEventAction: 'drop',
      }),
    ];
  } else if (breakdown === 'dnsRcode') {
    metrics = [series({ K8S_ClusterName: 'prod' }, {}, 4, { DnsFlagsResponseCode: 'NXDomain' })];
  } else if (scope === 'cluster') {
    metrics = [series({ K8S_ClusterName: 'prod' }, {}, 5)];
  } else if (scope === 'owner') {
    metrics = [series({ SrcK8S_Namespace: 'shop', SrcK8S_OwnerName: 'frontend', SrcK8S_OwnerType: 'Deployment' }, { DstK8S_Namespace: 'shop', DstK8S_OwnerName: 'db', DstK8S_OwnerType: 'StatefulSet' }, 7)];
  } else {
    metrics = [series({ SrcK8S_Namespace: 'iperf' }, { DstK8S_Namespace: 'payments' }, 1000), series({ SrcK8S_Namespace: '' }, { DstK8S_Namespace: 'shop' }, 10)];
  }
  return {
    metrics,
    dataSource: scope === 'cluster' ? 'loki' : 'prom',
    unit: units[type],
    queries: ['q'],
    stats: { numQueries: 1, durationMs: 5, limitReached: false, dataSourceReason: scope === 'cluster' ? 'no metric has K8S_ClusterName' : 'a metric covers the request' },
  };
}

function props(overrides: Partial<MetricViewProps> = {}): MetricViewProps {
  return {
    filters: [],
    match: 'all',
    timeRange: { rangeSeconds: 3600 },
    dataSource: 'auto',
    refreshCount: 0,
    onAddFilter: jest.fn(),
    onOpenView: jest.fn(),
    onTimeRange: jest.fn(),
    ...overrides,
  };
}

function Search() {
  return <div data-test="location-search">{useLocation().search}</div>;
}

async function renderOverview(view: MetricViewProps, { url = '/', fail }: { url?: string; fail?: (p: URLSearchParams) => boolean } = {}) {
  const fetch = jest.fn(async (u: string) => {
    const params = new URL(u, 'http://x').searchParams;
    if (fail?.(params)) return jsonResponse(503, { error: 'Prometheus is unreachable' });
    return jsonResponse(200, metricsAnswer(params));
  });
  await renderWithHost(
    <Routes>
      <Route
        path="*"
        element={
          <>
            <OverviewView {...view} />
            <Search />
          </>
        }
      />
    </Routes>,
    { fetch, url },
  );
  return fetch;
}

const metricCalls = (fetch: jest.Mock) => fetch.mock.calls.map((c) => new URL(c[0] as string, 'http://x').searchParams);

// Victory draws every chart in jsdom: a dozen panels take seconds on a busy machine.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });

beforeEach(() => window.localStorage.clear());

describe('OverviewView', () => {
  it('renders every default panel with named series, one request per panel (two for RTT percentiles)', async () => {
    const fetch = await renderOverview(props());
    const top = await screen.findByTestId('panel-topRates');
    await waitFor(() => expect(within(top).getAllByTestId('legend-entry')).toHaveLength(2));
    expect(within(top).getAllByTestId('legend-entry')[0]).toHaveTextContent('iperf → payments');
    expect(within(top).getAllByTestId('legend-entry')[1]).toHaveTextContent('(no namespace) → shop');
    // Legend values in the unit: a byte rate.
    expect(within(top).getAllByTestId('legend-entry')[0]).toHaveTextContent('1.5 kBps');
    expect(within(top).getByTestId('panel-source')).toHaveTextContent('Prometheus');

    for (const id of defaultPanelIds) {
      await waitFor(() => expect(within(screen.getByTestId(`panel-${id}`)).getAllByTestId('legend-entry').length).toBeGreaterThan(0));
    }
    expect(within(screen.getByTestId('panel-dropCauses')).getByTestId('legend-entry')).toHaveTextContent('No socket');
    expect(within(screen.getByTestId('panel-eventsByPolicy')).getByTestId('legend-entry')).toHaveTextContent(
      'Dropped by network policy deny-all in namespace shop',
    );
    expect(within(screen.getByTestId('panel-dnsRcodes')).getByTestId('legend-entry')).toHaveTextContent('NXDomain');
    expect(within(screen.getByTestId('panel-rttPercentiles')).getAllByTestId('legend-entry').map((e) => e.textContent)).toEqual([
      expect.stringContaining('p90'),
      expect.stringContaining('p99'),
    ]);
    expect(fetch).toHaveBeenCalledTimes(requestCount(defaultPanelIds));
    expect(requestCount(defaultPanelIds)).toBe(14);
    const calls = metricCalls(fetch);
    expect(calls.find((p) => p.get('breakdown') === 'dropCause')?.get('type')).toBe('droppedBytes');
    expect(calls.filter((p) => p.get('scope') === 'namespace')).not.toHaveLength(0);
  });

  it('keeps a failing panel to itself', async () => {
    await renderOverview(props(), { fail: (p) => p.get('type') === 'rtt' });
    const rtt = await screen.findByTestId('panel-rttTop');
    expect(await within(rtt).findByTestId('panel-error')).toHaveTextContent('Prometheus is unreachable');
    expect(within(screen.getByTestId('panel-rttPercentiles')).getByTestId('panel-error')).toBeInTheDocument();
    const top = screen.getByTestId('panel-topRates');
    await waitFor(() => expect(within(top).getAllByTestId('legend-entry')).toHaveLength(2));
    expect(within(top).queryByTestId('panel-error')).not.toBeInTheDocument();
  });

  it('adds the filters of a clicked legend entry: scope labels as source and destination, breakdown labels as they are', async () => {
    const view = props();
    await renderOverview(view, { url: '/?ovPanels=topRates,dropCauses' });
    const top = await screen.findByTestId('panel-topRates');
    await waitFor(() => expect(within(top).getAllByTestId('legend-entry')).toHaveLength(2));
    fireEvent.click(within(top).getAllByTestId('legend-entry')[0]);
    expect(view.onAddFilter).toHaveBeenCalledWith({ target: 'SrcK8S_Namespace', op: '=', values: ['iperf'] });
    expect(view.onAddFilter).toHaveBeenCalledWith({ target: 'DstK8S_Namespace', op: '=', values: ['payments'] });

    (view.onAddFilter as jest.Mock).mockClear();
    // An empty source namespace is no filter: only the destination side is added.
    fireEvent.click(within(top).getAllByTestId('legend-entry')[1]);
    expect((view.onAddFilter as jest.Mock).mock.calls).toEqual([[{ target: 'DstK8S_Namespace', op: '=', values: ['shop'] }]]);

    (view.onAddFilter as jest.Mock).mockClear();
    const causes = screen.getByTestId('panel-dropCauses');
    await waitFor(() => expect(within(causes).getAllByTestId('legend-entry')).toHaveLength(1));
    fireEvent.click(within(causes).getByTestId('legend-entry'));
    expect((view.onAddFilter as jest.Mock).mock.calls).toEqual([[{ target: 'PktDropLatestDropCause', op: '=', values: ['SKB_DROP_REASON_NO_SOCKET'] }]]);
  });

  it("opens the table or the topology with the panel's filters from its menu", async () => {
    const view = props();
    await renderOverview(view, { url: '/?ovPanels=droppedRates,topRates' });
    const drops = await screen.findByTestId('panel-droppedRates');
    fireEvent.click(within(drops).getByTestId('panel-menu'));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Show in the table' }));
    expect(view.onOpenView).toHaveBeenCalledWith('table', [{ target: 'PktDropPackets', op: '>', values: ['0'] }]);
    await waitFor(() => expect(screen.queryByRole('menuitem')).not.toBeInTheDocument());
    fireEvent.click(within(screen.getByTestId('panel-topRates')).getByTestId('panel-menu'));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Show in the topology' }));
    expect(view.onOpenView).toHaveBeenLastCalledWith('topology', []);
  });

  it('takes its options from the URL, writes changes there, and warns about values that do not fit', async () => {
    const fetch = await renderOverview(props(), { url: '/?ovScope=owner&ovType=packets&ovTop=10&ovPanels=topRates,dropCauses' });
    const top = await screen.findByTestId('panel-topRates');
    await waitFor(() => expect(within(top).getAllByTestId('legend-entry')).toHaveLength(1));
    expect(within(top).getByTestId('legend-entry')).toHaveTextContent('shop/frontend → shop/db');
    expect(screen.getAllByTestId(/^panel-(?!source|menu|loading|empty|error)/).map((e) => e.getAttribute('data-test'))).toEqual([
      'panel-topRates',
      'panel-dropCauses',
    ]);
    const calls = metricCalls(fetch);
    expect(calls.map((p) => [p.get('scope'), p.get('type'), p.get('limit'), p.get('breakdown')])).toEqual([
      ['owner', 'packets', '10', null],
      ['cluster', 'droppedPackets', '10', 'dropCause'],
    ]);

    await act(async () => fireEvent.change(screen.getByTestId('overview-scope'), { target: { value: 'namespace' } }));
    // The default scope leaves the URL; the other choices stay.
    expect(screen.getByTestId('location-search').textContent).toBe('?ovType=packets&ovTop=10&ovPanels=topRates%2CdropCauses');
    await waitFor(() => expect(metricCalls(fetch).at(-2)?.get('scope')).toBe('namespace'));
  });

  it('warns about Overview options of the URL that do not fit and uses the defaults', async () => {
    await renderOverview(props(), { url: '/?ovScope=galaxy&ovTop=7&ovPanels=topRates,nope' });
    expect(screen.getByTestId('overview-url-warning')).toHaveTextContent('ovScope: "galaxy" is not valid');
    expect(screen.getByTestId('overview-url-warning')).toHaveTextContent('ovTop: "7" is not valid');
    expect(screen.getByTestId('overview-url-warning')).toHaveTextContent('ovPanels: "topRates,nope" is not valid');
    expect(screen.getByTestId('overview-scope')).toHaveValue('namespace');
    expect(screen.getByTestId(`panel-eventsByPolicy`)).toBeInTheDocument();
  });

  it('manages panels: the choice goes to the URL and is remembered for links without one', async () => {
    await renderOverview(props(), { url: '/?ovPanels=topRates,dropCauses,totalRate' });
    fireEvent.click(screen.getByTestId('overview-manage'));
    const dialog = await screen.findByTestId('manage-panels');
    fireEvent.click(within(within(dialog).getByTestId('manage-dropCauses')).getByRole('checkbox'));
    // A hidden panel is listed after the shown ones, unchecked.
    expect(within(within(dialog).getByTestId('manage-rttTop')).getByRole('checkbox')).not.toBeChecked();
    // totalRate (third) moved before topRates.
    fireEvent.click(within(within(dialog).getByTestId('manage-totalRate')).getByRole('button', { name: /up/ }));
    fireEvent.click(within(within(dialog).getByTestId('manage-totalRate')).getByRole('button', { name: /up/ }));
    await act(async () => fireEvent.click(within(dialog).getByTestId('manage-save')));
    expect(screen.getByTestId('location-search').textContent).toBe('?ovPanels=totalRate%2CtopRates');
    expect(window.localStorage.getItem(panelsStorageKey)).toBe('totalRate,topRates');
    expect(screen.queryByTestId('panel-dropCauses')).not.toBeInTheDocument();
  });

  it('uses the remembered panels when the URL does not choose', async () => {
    window.localStorage.setItem(panelsStorageKey, 'dnsRcodes,latestRates');
    await renderOverview(props());
    expect(screen.getByTestId('panel-dnsRcodes')).toBeInTheDocument();
    expect(screen.getByTestId('panel-latestRates')).toBeInTheDocument();
    expect(screen.queryByTestId('panel-topRates')).not.toBeInTheDocument();
  });
});
