import { FlowQuery } from '../model/query';
import { jsonResponse } from '../test-utils/responses';
import { backendApi, BackendHost } from './backend-api';
import { ApiCallError } from './errors';
import { flowQueryParams } from './flow-query-params';
import { MetricsQuery, metricsQueryParams } from './metrics-query';

const query: FlowQuery = {
  filters: [
    { target: 'SrcK8S_Namespace', op: '=', values: ['iperf'] },
    { target: 'DstPort', op: '=', values: ['443', 'http'] },
    { target: 'SrcK8S_Name', op: '=~', values: ['a b;c'] },
  ],
  match: 'any',
  startTime: 1763889700.4,
  endTime: 1763890000.6,
  limit: 500,
  recordType: 'flowLog',
  dedup: false,
  packetLoss: 'dropped',
};

function hostAnswering(answer: () => Promise<Response>): BackendHost & { fetch: jest.Mock } {
  return { backendBase: '/api/proxy/plugin/netobserv-plugin/backend', fetch: jest.fn(answer) };
}

describe('flowQueryParams', () => {
  it('serializes every parameter of the /api/flows contract', () => {
    const p = flowQueryParams(query);
    expect(Object.fromEntries(p)).toEqual({
      filters: 'SrcK8S_Namespace=iperf;DstPort=443,http;SrcK8S_Name=~"a b;c"',
      match: 'any',
      startTime: '1763889700',
      endTime: '1763890001',
      limit: '500',
      recordType: 'flowLog',
      dedup: 'false',
      packetLoss: 'dropped',
    });
  });
});

describe('backendApi', () => {
  it('gets flows from the backend prefix with the query and the signal', async () => {
    const body = { records: [], stats: { numQueries: 1, limitReached: false, durationMs: 3 } };
    const host = hostAnswering(async () => jsonResponse(200, body));
    const signal = new AbortController().signal;
    await expect(backendApi(host).getFlows(query, signal)).resolves.toEqual(body);
    const [url, init] = host.fetch.mock.calls[0] as [string, RequestInit];
    expect(url.startsWith('/api/proxy/plugin/netobserv-plugin/backend/api/flows?')).toBe(true);
    expect(new URL(url, 'http://x').searchParams.get('filters')).toBe(flowQueryParams(query).get('filters'));
    expect(init.signal).toBe(signal);
  });

  it("carries the backend's error message and status", async () => {
    const host = hostAnswering(async () => jsonResponse(503, { error: 'Loki is unreachable at http://loki:3100' }));
    const err = await backendApi(host).getFlows(query).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err).toMatchObject({ message: 'Loki is unreachable at http://loki:3100', status: 503 });
  });

  it('says so when the backend cannot be reached', async () => {
    const host = hostAnswering(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(backendApi(host).getFlows(query)).rejects.toThrow('Loading flows failed: cannot reach the backend (Failed to fetch)');
  });

  it('reports an error status without JSON with its text, not a parse error', async () => {
    const host = hostAnswering(async () => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const err = await backendApi(host).getFlows(query).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).message).toBe('Loading flows failed: the backend answered 502 Bad Gateway: <html>Bad Gateway</html>');
    expect((err as ApiCallError).status).toBe(502);
  });

  it('refuses a success answer that is not JSON or not a flows response', async () => {
    await expect(backendApi(hostAnswering(async () => new Response('<html>console</html>', { status: 200 }))).getFlows(query)).rejects.toThrow(
      'Loading flows failed: the backend answered with something that is not JSON',
    );
    await expect(backendApi(hostAnswering(async () => jsonResponse(200, { data: [] }))).getFlows(query)).rejects.toThrow(
      'Loading flows failed: the backend answer has no records or stats',
    );
  });

  it('lets an abort through as is, so that callers can ignore it', async () => {
    const controller = new AbortController();
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    const host = hostAnswering(async () => {
      controller.abort();
      throw abort;
    });
    await expect(backendApi(host).getFlows(query, controller.signal)).rejects.toBe(abort);
  });

  it('gets the frontend configuration', async () => {
    const host = hostAnswering(async () => jsonResponse(200, { features: ['FlowRTT'], sampling: 50 }));
    await expect(backendApi(host).getFrontendConfig()).resolves.toEqual({ features: ['FlowRTT'], sampling: 50 });
    expect(host.fetch.mock.calls[0][0]).toBe('/api/proxy/plugin/netobserv-plugin/backend/api/frontend-config');
  });
});

describe('backendApi.getValues', () => {
  it('asks for the values of a field with a prefix and keeps only strings', async () => {
    const host = hostAnswering(async () => jsonResponse(200, { field: 'SrcK8S_Namespace', values: ['iperf', 7, 'istio-system'], source: 'labels' }));
    const signal = new AbortController().signal;
    await expect(backendApi(host).getValues('SrcK8S_Namespace', 'i|"', signal)).resolves.toEqual(['iperf', 'istio-system']);
    const [url, init] = host.fetch.mock.calls[0] as [string, RequestInit];
    const params = new URL(url, 'http://x').searchParams;
    expect(url.startsWith('/api/proxy/plugin/netobserv-plugin/backend/api/values?')).toBe(true);
    expect([params.get('field'), params.get('prefix'), params.get('limit')]).toEqual(['SrcK8S_Namespace', 'i|"', '20']);
    expect(init.signal).toBe(signal);
  });

  it('refuses an answer without values', async () => {
    await expect(backendApi(hostAnswering(async () => jsonResponse(200, {}))).getValues('Proto', '')).rejects.toThrow('Loading suggestions failed');
  });
});

describe('backendApi.getMetrics', () => {
  const metricsQuery: MetricsQuery = {
    scope: 'owner',
    groups: ['namespace', 'host'],
    type: 'droppedPackets',
    fn: 'rate',
    breakdown: 'dropCause',
    limit: 5,
    stepSeconds: 30,
    filters: [{ target: 'SrcK8S_Namespace', op: '=', values: ['a"b'] }],
    match: 'all',
    startTime: 100.5,
    endTime: 200.2,
    dataSource: 'prom',
  };

  it('serializes every parameter of the /api/metrics contract', () => {
    expect(Object.fromEntries(metricsQueryParams(metricsQuery))).toEqual({
      scope: 'owner', groups: 'namespace,host', type: 'droppedPackets', function: 'rate', breakdown: 'dropCause', limit: '5', step: '30',
      filters: 'SrcK8S_Namespace="a\\"b"', match: 'all', startTime: '100', endTime: '201', dataSource: 'prom',
    });
    const minimal = metricsQueryParams({ ...metricsQuery, groups: [], breakdown: undefined, limit: undefined, stepSeconds: undefined, dataSource: undefined });
    expect([...minimal.keys()]).toEqual(['scope', 'type', 'function', 'filters', 'match', 'startTime', 'endTime']);
  });

  it('gets metrics and refuses an answer that is not a metrics response', async () => {
    const body = { metrics: [], dataSource: 'prom', unit: 'packets', queries: [], stats: { numQueries: 1, durationMs: 2, limitReached: false, dataSourceReason: '' } };
    const host = hostAnswering(async () => jsonResponse(200, body));
    await expect(backendApi(host).getMetrics(metricsQuery)).resolves.toEqual(body);
    expect(host.fetch.mock.calls[0][0]).toMatch(/^\/api\/proxy\/plugin\/netobserv-plugin\/backend\/api\/metrics\?scope=owner&/);
    await expect(backendApi(hostAnswering(async () => jsonResponse(200, { records: [] }))).getMetrics(metricsQuery)).rejects.toThrow(
      'Loading metrics failed: the backend answer has no metrics, stats or data source',
    );
  });
});
