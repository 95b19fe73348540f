import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { useLocation } from 'react-router';
import { MetricsResponse } from '../../model/metrics';
import { renderWithHost, routeFetch } from '../../test-utils/render';
import { jsonResponse } from '../../test-utils/responses';
import { MetricViewProps } from '../views/metric-view-props';
import { TopologyView } from './topology-view';

const stats = (avg: number) => ({ avg, max: avg, last: avg, total: avg * 60 });

const answer: MetricsResponse = {
  metrics: [
    { source: { SrcK8S_Namespace: 'shop' }, destination: { DstK8S_Namespace: 'db' }, values: [[60, 2000], [120, 3000]], stats: stats(2500) },
    { source: { SrcK8S_Namespace: 'shop' }, destination: { DstK8S_Namespace: '' }, values: [[60, 10]], stats: stats(10) },
  ],
  dataSource: 'prom',
  unit: 'bytes',
  queries: [],
  stats: { numQueries: 1, durationMs: 3, limitReached: true, dataSourceReason: 'netobserv_workload_ingress_bytes_total covers the request' },
};

function Location() {
  const location = useLocation();
  return <output data-test="location">{location.search}</output>;
}

function props(over: Partial<MetricViewProps> = {}): MetricViewProps {
  return {
    filters: [],
    match: 'all',
    timeRange: { rangeSeconds: 3600 },
    dataSource: 'auto',
    refreshCount: 0,
    onAddFilter: jest.fn(),
    onOpenView: jest.fn(),
    onTimeRange: jest.fn(),
    ...over,
  };
}

const search = () => new URLSearchParams(screen.getByTestId('location').textContent ?? '');

// PatternFly topology renders in jsdom, slowly on a busy machine.
jest.setTimeout(30_000);

// jsdom lays nothing out: give the graph surface a size, or PatternFly draws only the nodes "in view" of a 0 x 0 area,
// and SVG text a box (PatternFly measures labels).
const sizes = ['clientWidth', 'clientHeight'].map((p) => [p, Object.getOwnPropertyDescriptor(HTMLElement.prototype, p)] as const);
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1200 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
  Object.defineProperty(SVGElement.prototype, 'getBBox', { configurable: true, value: () => ({ x: 0, y: 0, width: 60, height: 14 }) });
});
afterAll(() => sizes.forEach(([p, d]) => d && Object.defineProperty(HTMLElement.prototype, p, d)));

async function findNode(name: string): Promise<HTMLElement> {
  return waitFor(
    () => {
      const node = screen.getAllByTestId('topology-node').find((n) => n.getAttribute('data-name') === name);
      if (!node) throw new Error(`no node ${name}`);
      return node;
    },
    { timeout: 10_000 },
  );
}

describe('TopologyView', () => {
  it('asks /api/metrics with its options and draws nodes and edges', async () => {
    const fetch = routeFetch({ '/api/metrics': () => jsonResponse(200, answer) });
    await renderWithHost(<><TopologyView {...props()} /><Location /></>, { fetch, url: '/?view=topology&topoTop=100&topoLayout=grid' });
    await waitFor(() => expect(screen.getAllByTestId('topology-node')).toHaveLength(3), { timeout: 10_000 });
    expect(screen.getAllByTestId('topology-edge')).toHaveLength(2);
    const url = new URL(fetch.mock.calls[0][0] as string, 'http://x');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ scope: 'namespace', type: 'bytes', function: 'rate', limit: '100', dataSource: 'auto' });
    expect(screen.getByTestId('topology-size')).toHaveTextContent('3 nodes, 2 edges');
    expect(screen.getByTestId('topology-truncated')).toHaveTextContent('Only the 100 largest paths are shown');

    await act(async () => fireEvent.click(screen.getByTestId('topology-show-more')));
    expect(search().get('topoTop')).toBe('200');
  });

  it('opens the side panel of a clicked node, steps into it and opens its flows', async () => {
    const onOpenView = jest.fn();
    const fetch = routeFetch({ '/api/metrics': () => jsonResponse(200, answer) });
    await renderWithHost(<><TopologyView {...props({ onOpenView })} /><Location /></>, { fetch, url: '/?view=topology&topoLayout=grid&filters=K8S_FlowLayer%3Dapp' });
    const shop = await findNode('shop');
    await act(async () => fireEvent.click(shop));
    const panel = await screen.findByTestId('topology-side-panel');
    expect(panel).toHaveTextContent('shop');
    expect(screen.getByTestId('topology-node-out')).toHaveTextContent('2.5 kBps');
    expect(search().get('topoSelected')).toBe(shop.getAttribute('data-id'));

    fireEvent.click(screen.getByTestId('topology-show-flows'));
    expect(onOpenView).toHaveBeenCalledWith('table', [{ target: 'K8S_Namespace', op: '=', values: ['shop'] }]);

    await act(async () => fireEvent.click(screen.getByTestId('topology-step-into')));
    expect(search().get('topoScope')).toBe('owner');
    expect(search().get('topoGroups')).toBe('namespace');
    expect(search().get('filters')).toBe('K8S_FlowLayer=app;K8S_Namespace=shop');
    expect(search().get('topoSelected')).toBeNull();
  });

  it("shows the backend's error", async () => {
    const fetch = routeFetch({ '/api/metrics': () => jsonResponse(400, { error: 'groups: "planet" is not one of cluster' }) });
    await renderWithHost(<TopologyView {...props()} />, { fetch, url: '/?view=topology' });
    expect(await screen.findByTestId('topology-error')).toHaveTextContent('groups: "planet" is not one of cluster');
  });
});
